/**
 * `regsweep tokens create | list | revoke` run in-process on a temporary SQLite file, and the tokens it prints
 * checked against the same file through ApiTokensService.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildProgram } from '../../cli/src/main';
import { runCommand } from '../../cli/src/run-command';
import { ApiTokenEntity } from '../src/auth/api-token.entity';
import { ApiTokenRepository } from '../src/auth/api-token.repository';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { ClockService } from '../src/common/clock.service';
import { dataSourceOptions } from '../src/database/data-source-options';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'regsweep-tokens-cli-'));
  db = join(dir, 'cli.sqlite');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `regsweep ...args` and returns what it wrote and the exit code it set. */
async function regsweep(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await runCommand(() => buildProgram().parseAsync(args, { from: 'user' }));
    return { stdout, stderr, code: Number(process.exitCode ?? 0) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

/** Whether the database at `db` accepts `token`. */
async function verifies(token: string): Promise<boolean> {
  const dataSource = await new DataSource(dataSourceOptions(db)).initialize();
  try {
    const service = new ApiTokensService(
      new ApiTokenRepository(dataSource.getRepository(ApiTokenEntity)),
      new ClockService(),
    );
    return await service.verify(token);
  } finally {
    await dataSource.destroy();
  }
}

describe('regsweep tokens', () => {
  it('create prints a token (alone on stdout) that the database accepts', async () => {
    const { stdout, stderr, code } = await regsweep('tokens', 'create', '--name', 'laptop', '--db', db);
    expect(code).toBe(0);
    const token = stdout.trim();
    expect(token).toMatch(/^rsw_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(stderr).toContain('shown only now');
    expect(await verifies(token)).toBe(true);
  });

  it('list shows ids and names but never a secret; revoke makes the token refused', async () => {
    const created = JSON.parse((await regsweep('tokens', 'create', '--name', 'ci', '--db', db, '--json')).stdout);
    const secret = created.token.split('_').slice(2).join('_');

    const listed = await regsweep('tokens', 'list', '--db', db);
    expect(listed.stdout).toContain(created.id);
    expect(listed.stdout).toContain('ci');
    expect(listed.stdout).toContain('active');
    expect(listed.stdout).not.toContain(secret);

    expect(await regsweep('tokens', 'revoke', created.id, '--db', db)).toMatchObject({ code: 0 });
    expect(await verifies(created.token)).toBe(false);
    const json = JSON.parse((await regsweep('tokens', 'list', '--db', db, '--json')).stdout);
    expect(json).toEqual([expect.objectContaining({ id: created.id, name: 'ci', revokedAt: expect.any(String) })]);
  });

  it('revoke of an unknown id exits with code 2 and a {path, message} error', async () => {
    const { code, stderr } = await regsweep('tokens', 'revoke', 'ffffffffffffffff', '--db', db);
    expect(code).toBe(2);
    expect(JSON.parse(stderr).errors).toEqual([{ path: 'id', message: expect.stringContaining('no token') }]);
  });
});
