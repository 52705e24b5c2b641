import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '@regsweep/datasets';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ClockService } from '../common/clock.service';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenRepository } from './api-token.repository';

/** `rsw_<16 hex id>_<43 base64url characters = 32 random bytes>`. */
const TOKEN_FORMAT = /^rsw_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A token as listed: never its secret. */
export interface ApiTokenInfo {
  id: string;
  name: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A new token: `token` is the only time the secret is ever shown. */
export interface CreatedApiToken extends ApiTokenInfo {
  token: string;
}

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly clock: ClockService,
  ) {}

  async create(name?: string): Promise<CreatedApiToken> {
    if (name !== undefined && (name.length < 1 || name.length > 200)) {
      throw new InvalidInputError([{ path: 'name', message: 'must be 1 to 200 characters' }]);
    }
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const stored = await this.tokens.create({
      id,
      name: name ?? null,
      secretHash: sha256(secret),
      createdAt: this.clock.now(),
    });
    return { ...toInfo(stored), token: `rsw_${id}_${secret}` };
  }

  async list(): Promise<ApiTokenInfo[]> {
    return (await this.tokens.list()).map(toInfo);
  }

  async revoke(id: string): Promise<ApiTokenInfo> {
    if (!(await this.tokens.revoke(id, this.clock.now()))) {
      const existing = await this.tokens.findById(id);
      const message = existing ? 'this token is already revoked' : 'no token has this id (see `regsweep tokens list`)';
      throw new InvalidInputError([{ path: 'id', message }]);
    }
    return toInfo((await this.tokens.findById(id)) as ApiTokenEntity);
  }

  /** Whether tokens are in use: then every write must carry one. */
  isConfigured(): Promise<boolean> {
    return this.tokens.any();
  }

  /**
   * Whether `presented` is a stored, unrevoked token. The id finds the row; the secret's hash is compared in
   * constant time (timingSafeEqual), so the answer time does not reveal how much of a guessed secret was right.
   */
  async verify(presented: string): Promise<boolean> {
    const match = TOKEN_FORMAT.exec(presented);
    if (!match) return false;
    const [, id, secret] = match;
    const stored = await this.tokens.findById(id);
    if (!stored || stored.revokedAt !== null) return false;
    return timingSafeEqual(Buffer.from(sha256(secret), 'hex'), Buffer.from(stored.secretHash, 'hex'));
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toInfo(token: ApiTokenEntity): ApiTokenInfo {
  return { id: token.id, name: token.name, createdAt: token.createdAt, revokedAt: token.revokedAt };
}
