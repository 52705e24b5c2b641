import { PayloadTooLargeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { rejectPrototypeKeys } from './prototype-keys';
import type { SecurityOptions } from './security-options';

/**
 * HTTP-level protection, applied by createApp before the routes: security headers (helmet), the size limit of
 * JSON / urlencoded bodies, and no Object.prototype names as query or body keys. (CSV uploads have their own
 * limit, multer's `limits.fileSize` in DatasetsModule.)
 */
export function applyHttpHardening(app: NestExpressApplication, options: SecurityOptions): void {
  app.use(securityHeaders());
  // Registered before app.init(), these replace Nest's default parsers (whose JSON limit is 100 kB).
  app.useBodyParser('json', { limit: options.jsonBodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: options.jsonBodyLimitBytes, extended: true });
  app.use(bodyTooLargeAsException(options.jsonBodyLimitBytes));
  app.use(rejectPrototypeKeys);
}

/**
 * The dashboard is a Vite build: one module script and one stylesheet from /assets, no inline script (checked in
 * dist/dashboard/index.html). So scripts and styles come from 'self' only; React and uPlot set styles through the
 * CSSOM, which CSP does not restrict. connect-src 'self' covers fetch() and the EventSource of the SSE stream.
 * Plain http on 127.0.0.1 by default, hence no upgrade-insecure-requests and no HSTS (TLS belongs to a proxy, and
 * HSTS on localhost would stick to every other local server).
 */
const dashboardDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'upgrade-insecure-requests': null,
};

/** Swagger UI (/api/docs) writes inline <style> blocks and style attributes; its scripts are still files. */
const docsDirectives = { ...dashboardDirectives, 'style-src': ["'self'", "'unsafe-inline'"] };

function securityHeaders(): RequestHandler {
  const dashboard = helmet({
    contentSecurityPolicy: { directives: dashboardDirectives },
    strictTransportSecurity: false,
  });
  const docs = helmet({ contentSecurityPolicy: { directives: docsDirectives }, strictTransportSecurity: false });
  return (request, response, next) =>
    (request.path.startsWith('/api/docs') ? docs : dashboard)(request, response, next);
}

/**
 * body-parser signals an oversized body with a plain error (status 413, type 'entity.too.large'); turned into a
 * PayloadTooLargeException it reaches HttpProblemFilter and answers 413 with a `{path, message}` list.
 */
function bodyTooLargeAsException(limitBytes: number) {
  return (error: unknown, _request: Request, _response: Response, next: NextFunction): void => {
    const tooLarge = (error as { type?: string } | null)?.type === 'entity.too.large';
    next(
      tooLarge
        ? new PayloadTooLargeException(`the request body is larger than the limit of ${limitBytes} bytes`)
        : error,
    );
  };
}
