/**
 * The HTTP server: `createApp` builds the configured Nest app (tests drive it with supertest), `bootstrap` starts
 * it listening (`regsweep serve`, `npm start`).
 */
import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { loadStudentTCdf } from '@regsweep/sweep';
import { AppModule } from './app.module';
import { applyHttpHardening } from './auth/http-hardening';
import { resolveSecurityOptions } from './auth/security-options';
import { AppOptions } from './common/app-options';
import { reportInvalidInput } from './common/entry-error';
import { databaseFromEnv, hostFromEnv, wholeFromEnv } from './common/env-settings';
import { closeOnSignals } from './common/graceful-shutdown';
import { createOpenApiDocument } from './openapi/openapi-document';
import { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT } from './common/server-defaults';

export { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT };

export interface CreateAppOptions extends AppOptions {
  logger?: LogLevel[] | false;
}

export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const { logger, ...appOptions } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(appOptions), {
    logger: logger ?? ['log', 'warn', 'error'],
    bodyParser: false, // applyHttpHardening registers the JSON parser, and no other (urlencoded bodies are refused)
  });
  app.setGlobalPrefix('api');
  applyHttpHardening(app, resolveSecurityOptions(appOptions));
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app));
  return app;
}

export interface BootstrapOptions {
  port?: number;
  host?: string;
  dbPath?: string;
  poolSize?: number;
  /** Host names to answer to besides the loopback ones (`--allowed-hosts`). */
  allowedHosts?: string[];
  /** Queue mode (`--queue`, `--local-workers`): AppOptions.queueUrl and localWorkers. */
  queueUrl?: string;
  localWorkers?: number;
}

export async function bootstrap(options: BootstrapOptions = {}): Promise<INestApplication> {
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  const app = await createApp({
    dbPath: options.dbPath ?? DEFAULT_DB_PATH,
    poolSize: options.poolSize,
    allowedHosts: options.allowedHosts,
    listenHost: host,
    queueUrl: options.queueUrl,
    localWorkers: options.localWorkers,
  });
  closeOnSignals(app); // SIGTERM: sweeps requeued, pool and database closed, exit 0
  // Compiled now rather than inside a sweep's report, where its loading held every request (docs/benchmarks.md).
  loadStudentTCdf();
  await app.listen(port, host);
  // The bound port, not the requested one: `--port 0` asks the system for a free port, and this line tells it.
  const bound = (app.getHttpServer() as Server).address() as AddressInfo;
  new Logger('regsweep').log(`listening on http://${host}:${bound.port} (API under /api, docs at /api/docs)`);
  return app;
}

/** The server entry's own variables (`regsweep serve` takes flags instead); the rest: AppModule.forRoot checks them. */
export function entryOptions(env: NodeJS.ProcessEnv): BootstrapOptions {
  return {
    port: wholeFromEnv(env, 'PORT', 0, 65535),
    host: hostFromEnv(env, 'HOST'),
    dbPath: databaseFromEnv(env, 'REGSWEEP_DB'),
  };
}

if (require.main === module) {
  // A malformed variable: one line and exit code 2 (the CLI's code for invalid input), before anything is opened.
  // Anything else stays an unhandled rejection, as before: its stack trace and exit code 1.
  (async () => bootstrap(entryOptions(process.env)))().catch(reportInvalidInput);
}
