import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { isWrite } from './http-methods';

/**
 * Refuses writes that a browser sends on behalf of another site (CSRF). Without tokens the local server accepts
 * writes from anyone who can reach it, and a web page may POST a multipart form to http://127.0.0.1:3000 — the
 * browser marks that request with an Origin naming the page's site. So: a write whose Origin is present and is
 * not this server (Origin host ≠ Host header) answers 403. The dashboard (same origin) and non-browser clients
 * (curl, scripts: no Origin) are unaffected.
 */
@Injectable()
export class SameOriginWriteGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!isWrite(request.method) || request.headers.origin === undefined) return true;
    if (originHost(request.headers.origin) === request.headers.host) return true;
    throw new ForbiddenException(`cross-site write refused: Origin ${request.headers.origin} is not this server`);
  }
}

/** host[:port] of an Origin header; undefined for "null" (sandboxed pages, file://) or anything unparsable. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}
