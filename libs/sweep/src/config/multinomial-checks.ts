/**
 * Cross-field checks of `model: multinomial` (SPEC §7): `multinomial` belongs to it alone, and it runs as the λ paths
 * of coordinate descent (glmnet's lognetn), so a gd solver, a tpe search and an adaptive grid are refused by name
 * rather than run some other way.
 */
import type { ConfigError } from '../types';
import { present } from './cross-field-checks';
import type { SweepConfigDto } from './sweep-config.dto';

export function multinomialErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  if (failed('model')) return [];
  const errors: ConfigError[] = [];
  if (dto.model !== 'multinomial') {
    if (present(dto.multinomial) && !failed('multinomial')) {
      errors.push({ path: 'multinomial', message: `is only used by model multinomial, not ${dto.model}` });
    }
    return errors;
  }
  if (dto.solver?.kind === 'gd' && !failed('solver.kind')) {
    errors.push({ path: 'solver.kind', message: 'model multinomial is fitted by coordinate descent: use cd' });
  }
  if (dto.search?.strategy === 'tpe' && !failed('search.strategy')) {
    errors.push({
      path: 'search.strategy',
      message: 'model multinomial is searched by grid or random; tpe is for linear and logistic',
    });
  }
  if (dto.lambdas?.auto?.adaptive === true && !failed('lambdas.auto.adaptive')) {
    errors.push({
      path: 'lambdas.auto.adaptive',
      message: 'model multinomial sweeps a fixed λ grid; an adaptive grid is for linear and logistic',
    });
  }
  return errors;
}
