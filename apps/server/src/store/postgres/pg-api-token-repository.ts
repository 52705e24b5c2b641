import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiTokenEntity } from '../../auth/api-token.entity';
import { selectRows } from './pg-queryable';

/** ApiTokenRepository on PostgreSQL (provided under its token by DatabaseModule). */
@Injectable()
export class PgApiTokenRepository {
  constructor(private readonly db: DataSource) {}

  async create(token: Omit<ApiTokenEntity, 'revokedAt'>): Promise<ApiTokenEntity> {
    const [row] = await selectRows<ApiTokenEntity>(
      this.db,
      'INSERT INTO api_token ("id", "name", "secretHash", "createdAt", "revokedAt") VALUES ($1, $2, $3, $4, NULL) RETURNING *',
      [token.id, token.name, token.secretHash, token.createdAt],
    );
    return row;
  }

  async findById(id: string): Promise<ApiTokenEntity | null> {
    const [row] = await selectRows<ApiTokenEntity>(this.db, 'SELECT * FROM api_token WHERE "id" = $1', [id]);
    return row ?? null;
  }

  list(): Promise<ApiTokenEntity[]> {
    return selectRows<ApiTokenEntity>(this.db, 'SELECT * FROM api_token ORDER BY "createdAt", "id" COLLATE "C"');
  }

  async any(): Promise<boolean> {
    return (await selectRows(this.db, 'SELECT 1 FROM api_token LIMIT 1')).length > 0;
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const rows = await selectRows(
      this.db,
      'WITH revoked AS (UPDATE api_token SET "revokedAt" = $2 WHERE "id" = $1 AND "revokedAt" IS NULL RETURNING 1) SELECT * FROM revoked',
      [id, at],
    );
    return rows.length > 0;
  }
}
