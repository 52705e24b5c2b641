import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_OPTIONS, AppOptions } from '../common/app-options';
import { ApiTokenGuard } from './api-token.guard';
import { ApiTokensService } from './api-tokens.service';
import { HttpProblemFilter } from './http-problem.filter';
import { SECURITY_OPTIONS } from './security.constants';
import { resolveSecurityOptions } from './security-options';
import { SameOriginWriteGuard } from './same-origin-write.guard';
import { WriteThrottlerGuard } from './write-throttler.guard';

/**
 * The write budget's throttler. Named `default` because ThrottlerGuard suffixes its headers with any other name
 * (`Retry-After-writes` instead of the standard `Retry-After`).
 */
const WRITE_THROTTLER = 'default';

/**
 * Access to the API: API tokens for writes (and reads, if configured), the write rate limit, no cross-site
 * writes, and the `{path, message}` bodies of requests refused before validation. Helmet and body-size limits
 * are HTTP-level middleware, applied in createApp (http-hardening.ts).
 *
 * The guards run in the order listed: the rate limit first, so guessing tokens is throttled too.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_OPTIONS],
      useFactory: (options: AppOptions) => {
        const { writeLimit, writeWindowMs } = resolveSecurityOptions(options);
        return { throttlers: [{ name: WRITE_THROTTLER, limit: writeLimit, ttl: writeWindowMs }] };
      },
    }),
  ],
  providers: [
    {
      provide: SECURITY_OPTIONS,
      inject: [APP_OPTIONS],
      useFactory: (options: AppOptions) => resolveSecurityOptions(options),
    },
    // ApiTokenRepository comes from the global DatabaseModule, on whichever driver it runs.
    ApiTokensService,
    { provide: APP_GUARD, useClass: WriteThrottlerGuard },
    { provide: APP_GUARD, useClass: SameOriginWriteGuard },
    { provide: APP_GUARD, useClass: ApiTokenGuard },
    { provide: APP_FILTER, useClass: HttpProblemFilter },
  ],
  exports: [ApiTokensService],
})
export class SecurityModule {}
