import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { isWrite } from './http-methods';

/**
 * Refuses writes that a browser sends on behalf of another site (CSRF). Without tokens the local server accepts
 * writes from anyone who can reach it, and a web page may POST a multipart form to http://127.0.0.1:3000 — the
 * browser marks that request with an Origin naming the page's site. So: a write whose Origin is present and is
 * not this server's origin answers 403. The dashboard (same origin) and non-browser clients (curl, scripts: no
 * Origin) are unaffected.
 *
 * An origin is scheme://host[:port] exactly (RFC 6454): the Origin header must equal `<protocol>://<Host header>`,
 * so https://127.0.0.1:3000 (another origin) and http://user@127.0.0.1:3000 (never sent by a browser) are refused.
 */
@Injectable()
export class SameOriginWriteGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const origin = request.headers.origin;
    if (!isWrite(request.method) || origin === undefined) return true;
    const own = `${request.protocol}://${request.headers.host ?? ''}`;
    if (origin.toLowerCase() === own.toLowerCase()) return true;
    throw new ForbiddenException(`cross-site write refused: Origin ${origin} is not this server (${own})`);
  }
}
