/**
 * Writes the OpenAPI document the server serves at /api/docs-json to a file, for `redocly lint` (npm run lint) and
 * for typing clients: `node dist/apps/server/src/openapi/write-openapi.js OUT.json`. The app is built on an in-memory
 * database and never listens.
 */
import { writeFileSync } from 'node:fs';
import { createApp } from '../main';
import { createOpenApiDocument } from './openapi-document';

async function main(out: string): Promise<void> {
  const options = {
    dbPath: ':memory:',
    dashboard: false,
    scheduler: false,
    resumeSweeps: false,
    logger: false as const,
  };
  const app = await createApp(options);
  writeFileSync(out, JSON.stringify(createOpenApiDocument(app), null, 2) + '\n');
  await app.close();
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
