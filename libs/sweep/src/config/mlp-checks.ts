/** Cross-field checks of the network family (SPEC §7): which model each solver and `network` belong to, and swept forms. */
import type { ConfigError } from '../types';
import { isPlainObject, present } from './cross-field-checks';
import type { SweepConfigDto } from './sweep-config.dto';
import { isRange } from './sweepable';

const MLP_SOLVERS = ['sgd', 'adam'];

export function mlpErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  if (failed('model')) return [];
  const errors: ConfigError[] = [];
  const solver = isPlainObject(dto.solver) ? dto.solver : undefined;
  const kind = solver?.kind;
  const mlp = dto.model === 'mlp';
  if (!failed('solver.kind') && present(kind)) {
    if (mlp && !MLP_SOLVERS.includes(kind)) {
      errors.push({ path: 'solver.kind', message: `model mlp trains with sgd or adam, not ${kind}` });
    } else if (!mlp && MLP_SOLVERS.includes(kind)) {
      errors.push({ path: 'solver.kind', message: `${kind} trains model mlp; model ${dto.model} uses cd or gd` });
    }
  }
  if (!mlp && present(dto.network) && !failed('network')) {
    errors.push({ path: 'network', message: `is only used by model mlp, not ${dto.model}` });
  }
  if (!mlp && present(dto.search?.refit) && !failed('search.refit')) {
    // A GLM's full-data path is one task per curve, fitted with the folds: nothing to save by refitting later.
    errors.push({ path: 'search.refit', message: `is only used by model mlp, not ${dto.model}` });
  }
  if (!mlp && kind === 'gd' && present(solver?.learningRate) && typeof solver.learningRate !== 'number') {
    if (!failed('solver.learningRate')) {
      errors.push({ path: 'solver.learningRate', message: 'only model mlp sweeps the learning rate; give a number' });
    }
  }
  if (mlp && (dto.search?.strategy ?? 'grid') === 'grid') {
    const swept: [string, unknown][] = [
      ['network.hidden', dto.network?.hidden],
      ['network.activation', dto.network?.activation],
      ['solver.learningRate', solver?.learningRate],
      ['solver.batchSize', solver?.batchSize],
    ];
    for (const [path, value] of swept) {
      if (present(value) && !failed(path) && isRange(value as never)) {
        errors.push({ path, message: 'a grid search needs {choices}; {range} is sampled by search.strategy random' });
      }
    }
  }
  return errors;
}
