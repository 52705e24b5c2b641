/**
 * ApiTokensService on a real SQLite file (the migrations create api_token): what is stored, what verifies, and
 * what revoking does. No mocks: the repository is the TypeORM one over the file.
 */
import { InvalidInputError } from '@regsweep/datasets';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { ApiTokenEntity } from '../src/auth/api-token.entity';
import { ApiTokenRepository } from '../src/auth/api-token.repository';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { FixedClock } from './fakes';
import { useMigrationDatabase } from './migration-database';

const database = useMigrationDatabase('regsweep-auth-');
let dataSource: DataSource;
let clock: FixedClock;
let tokens: ApiTokensService;

beforeEach(async () => {
  dataSource = await database.open();
  clock = new FixedClock();
  tokens = new ApiTokensService(new ApiTokenRepository(dataSource.getRepository(ApiTokenEntity)), clock);
});

const TOKEN = /^rsw_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

describe('ApiTokensService', () => {
  it('creates a token of 32 random secret bytes and stores only the SHA-256 of the secret', async () => {
    const created = await tokens.create('ci');
    const [, id, secret] = TOKEN.exec(created.token) ?? [];
    expect(id).toBe(created.id);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(created).toMatchObject({ name: 'ci', createdAt: clock.time, revokedAt: null });

    const rows = await dataSource.query('SELECT * FROM api_token');
    expect(rows).toEqual([
      expect.objectContaining({ id, name: 'ci', secretHash: createHash('sha256').update(secret).digest('hex') }),
    ]);
    await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(readFileSync(database.path).includes(secret)).toBe(false);
  });

  it('gives every token its own id and secret', async () => {
    const [a, b] = [await tokens.create(), await tokens.create()];
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
  });

  it('verifies the exact token, and nothing else', async () => {
    const { token } = await tokens.create();
    const other = await tokens.create();
    expect(await tokens.verify(token)).toBe(true);
    const last = token.slice(-1) === 'A' ? 'B' : 'A';
    expect(await tokens.verify(token.slice(0, -1) + last)).toBe(false); // one character of the secret changed
    expect(await tokens.verify(`rsw_${other.id}_${token.split('_').slice(2).join('_')}`)).toBe(false); // secret of a
    expect(await tokens.verify(token + 'x')).toBe(false);
    expect(await tokens.verify(`rsw_${'f'.repeat(16)}_${'a'.repeat(43)}`)).toBe(false); // unknown id
    expect(await tokens.verify('')).toBe(false);
  });

  it('refuses a revoked token and lists it as revoked; other tokens keep working', async () => {
    const kept = await tokens.create('kept');
    clock.time = new Date('2026-01-05T00:00:00Z'); // listed oldest first
    const gone = await tokens.create('gone');
    clock.time = new Date('2026-02-03T00:00:00Z');
    const revoked = await tokens.revoke(gone.id);
    expect(revoked).toMatchObject({ id: gone.id, revokedAt: clock.time });
    expect(await tokens.verify(gone.token)).toBe(false);
    expect(await tokens.verify(kept.token)).toBe(true);
    const list = await tokens.list();
    expect(list.map((t) => [t.name, t.revokedAt])).toEqual([
      ['kept', null],
      ['gone', clock.time],
    ]);
    // The secret is base64url, so it may itself contain '_': take everything after the id.
    const goneSecret = gone.token.slice(`rsw_${gone.id}_`.length);
    expect(goneSecret).toHaveLength(43);
    expect(JSON.stringify(list)).not.toContain(goneSecret);
  });

  it('answers an unknown or already revoked id as invalid input', async () => {
    await expect(tokens.revoke('0123456789abcdef')).rejects.toThrow(InvalidInputError);
    const { id } = await tokens.create();
    await tokens.revoke(id);
    await expect(tokens.revoke(id)).rejects.toMatchObject({
      errors: [{ path: 'id', message: expect.stringContaining('already') }],
    });
  });

  it('counts as configured from the first token on, revoked or not', async () => {
    expect(await tokens.isConfigured()).toBe(false);
    const { id } = await tokens.create();
    expect(await tokens.isConfigured()).toBe(true);
    await tokens.revoke(id);
    expect(await tokens.isConfigured()).toBe(true);
  });

  it('refuses an empty or overlong name', async () => {
    await expect(tokens.create('')).rejects.toThrow(InvalidInputError);
    await expect(tokens.create('n'.repeat(201))).rejects.toThrow(InvalidInputError);
    expect(await tokens.isConfigured()).toBe(false);
  });
});
