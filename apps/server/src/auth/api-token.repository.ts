import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';

/** The stored API tokens (hashes only). */
@Injectable()
export class ApiTokenRepository {
  constructor(@InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>) {}

  async create(token: Omit<ApiTokenEntity, 'revokedAt'>): Promise<ApiTokenEntity> {
    return this.tokens.save(this.tokens.create({ ...token, revokedAt: null }));
  }

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.tokens.findOneBy({ id });
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.tokens.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Whether any token was ever created (revoked ones count: revoking the last token must not open the API). */
  async any(): Promise<boolean> {
    return (await this.tokens.count({ take: 1 })) > 0;
  }

  /** Marks the token revoked; false when there is no such token or it was already revoked. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.tokens.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }
}
