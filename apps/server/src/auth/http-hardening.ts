import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { problemBody } from '../common/problem-response';
import { allowedHostsOnly } from './allowed-hosts';
import { rejectOversizedShapes } from './body-shape';
import { isWrite } from './http-methods';
import { rejectPrototypeKeys } from './prototype-keys';
import { answerRequestErrors } from './request-errors';
import type { SecurityOptions } from './security-options';

/**
 * HTTP-level protection, applied by createApp before the routes, in this order: the Host check (DNS rebinding),
 * security headers (helmet), JSON or multipart bodies only, the JSON size limit, bounds on the parsed body's shape,
 * no Object.prototype names as query or body keys, and one error answer for all of them. (CSV uploads have their own
 * limit, multer's `limits.fileSize` in DatasetsModule.) createApp turns Nest's own body parsers off, so no other
 * body type (urlencoded) is parsed.
 */
export function applyHttpHardening(app: NestExpressApplication, options: SecurityOptions): void {
  app.use(allowedHostsOnly(options.allowedHosts));
  app.use(securityHeaders());
  app.use(jsonOrMultipartOnly);
  app.useBodyParser('json', { limit: options.jsonBodyLimitBytes });
  app.use(rejectOversizedShapes);
  app.use(rejectPrototypeKeys);
  app.use(answerRequestErrors);
}

/** 415 for a write whose body is neither JSON nor multipart (a CSV upload): no endpoint reads any other type. */
function jsonOrMultipartOnly(request: Request, response: Response, next: NextFunction): void {
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
  if (!isWrite(request.method) || !hasBody || request.is(['application/json', 'multipart/form-data'])) return next();
  const message = `the body must be application/json (or multipart/form-data for a CSV upload), not "${request.headers['content-type'] ?? 'none'}"`;
  response.status(415).json(problemBody(415, message, [{ path: 'headers.content-type', message }]));
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
