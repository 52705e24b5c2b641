import { Injectable } from '@nestjs/common';

/** The current time, behind a class so services can be tested with a fixed clock. */
@Injectable()
export class ClockService {
  now(): Date {
    return new Date();
  }
}
