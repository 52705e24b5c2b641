import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiTokensService } from './api-tokens.service';
import { isWrite } from './http-methods';
import { IS_PUBLIC } from './public.decorator';
import { SECURITY_OPTIONS } from './security.constants';
import type { SecurityOptions } from './security-options';

/**
 * The global guard of the API (every controller is under /api):
 * - a write needs a valid token once tokens are in use (one was ever created), or always with `requireAuth`;
 * - a read needs one only with `readAccess: 'token'` (which closes writes too).
 * The token comes as `Authorization: Bearer <token>`; a missing or bad one answers 401.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly reflector: Reflector,
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!(await this.tokenNeeded(isWrite(request.method)))) return true;

    const token = bearerToken(request.headers.authorization);
    const problem = !token
      ? 'an API token is required: send "Authorization: Bearer <token>" (create one with `regsweep tokens create`)'
      : !(await this.tokens.verify(token))
        ? 'the API token is not valid (unknown or revoked)'
        : undefined;
    if (!problem) return true;
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="regsweep"');
    throw new UnauthorizedException(problem);
  }

  private async tokenNeeded(write: boolean): Promise<boolean> {
    if (this.options.readAccess === 'token') return true;
    if (!write) return false;
    return this.options.requireAuth || (await this.tokens.isConfigured());
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750), else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
