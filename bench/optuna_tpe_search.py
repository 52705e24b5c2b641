"""Optuna's TPESampler (defaults, seeded) on regsweep's search-efficiency objective, by ask-and-tell over a pipe.

The Node bench (bench/src/jobs/search-efficiency.ts) starts this script with a JSON spec as its only argument:
  {"seed": 0, "trials": 200, "penalties": ["l1", "l2", "elasticnet"], "l1Ratios": [0.1, 0.5],
   "lambdaMin": 0.001, "lambdaMax": 1000}
For every trial this script prints one JSON line {"penalty", "l1Ratio", "lambda"} and reads one line {"value"}: the
cross-validated loss regsweep's engine computed for that point on the bench's folds, so Optuna and regsweep's samplers
minimise the very same numbers. The search space is Optuna's tree over regsweep's axes: penalty categorical; l1Ratio
categorical, asked only for elasticnet; lambda log-uniform (regsweep's TPE draws its start-up trials this way, then
asks the (penalty, l1Ratio) pair as one categorical over the curves). With "fields" (the MLP task: [{"name", "choices"} |
{"name", "min", "max", "log"}]) each field is asked too, a choice as the index of its JSON text (Optuna's categorical
values must be scalars), a range as a float, and the point carries them under "fields".
With "multivariate": true the sampler is TPESampler(seed, multivariate=True) (mlp-search-efficiency.js
--optuna-multivariate). The script ends when stdin closes or after `trials`.
"""
import json
import warnings
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def main() -> None:
    spec = json.loads(sys.argv[1])
    # "multivariate": true asks Optuna's multivariate TPE (a sanity check of regsweep's TpeSettings.multivariate).
    sampler = optuna.samplers.TPESampler(seed=spec["seed"], multivariate=spec.get("multivariate", False))
    study = optuna.create_study(direction="minimize", sampler=sampler)
    for _ in range(spec["trials"]):
        trial = study.ask()
        penalty = trial.suggest_categorical("penalty", spec["penalties"])
        if penalty == "elasticnet":
            l1_ratio = trial.suggest_categorical("l1Ratio", spec["l1Ratios"])
        else:
            l1_ratio = 1.0 if penalty == "l1" else 0.0
        lam = trial.suggest_float("lambda", spec["lambdaMin"], spec["lambdaMax"], log=True)
        point = {"penalty": penalty, "l1Ratio": l1_ratio, "lambda": lam}
        if spec.get("fields"):
            point["fields"] = {field["name"]: suggest_field(trial, field) for field in spec["fields"]}
        print(json.dumps(point), flush=True)
        line = sys.stdin.readline()
        if not line:
            return
        study.tell(trial, float(json.loads(line)["value"]))


def suggest_field(trial, field):
    if "choices" in field:
        texts = [json.dumps(choice) for choice in field["choices"]]
        return json.loads(trial.suggest_categorical(field["name"], texts))
    return trial.suggest_float(field["name"], field["min"], field["max"], log=field["log"])


if __name__ == "__main__":
    main()
