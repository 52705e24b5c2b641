import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'regsweep:public';

/** Marks a controller or route as open even when reads need a token (the health check, for liveness probes). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
