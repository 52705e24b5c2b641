import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { isWrite } from './http-methods';

/**
 * Rate limit on writes only, per client address (ThrottlerGuard's default tracker): reads, including the SSE
 * stream and the dashboard's polling, are never throttled. Beyond the limit: 429 with a Retry-After header.
 */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return !isWrite(context.switchToHttp().getRequest<Request>().method);
  }

  /** One budget per client for all write endpoints together (ThrottlerGuard's default keys it per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
