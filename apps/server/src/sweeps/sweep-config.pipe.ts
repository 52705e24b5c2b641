import { Injectable, PipeTransform } from '@nestjs/common';
import { validateSweepConfig, type SweepConfig } from '@regsweep/sweep';

/** A request body → a validated SweepConfig with defaults, or InvalidInputError (400 with every bad field). */
@Injectable()
export class SweepConfigPipe implements PipeTransform<unknown, SweepConfig> {
  transform(value: unknown): SweepConfig {
    return validateSweepConfig(value);
  }
}
