import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InvalidInputError } from '@regsweep/datasets';
import { prototypeKeyPaths } from '@regsweep/sweep';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * Multipart fields named like Object.prototype members (`constructor`, `__proto__[x]`) are unknown fields: 400 like
 * any other. Runs after multer (FileInterceptor, listed before it) has filled the body and before the validation
 * pipe, which deletes such keys silently (the global JSON check ran before multer, on an empty body).
 */
@Injectable()
export class RejectPrototypeFieldsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const paths = prototypeKeyPaths(context.switchToHttp().getRequest<Request>().body);
    if (paths.length > 0) throw new InvalidInputError(paths.map((path) => ({ path, message: 'is not a known field' })));
    return next.handle();
  }
}
