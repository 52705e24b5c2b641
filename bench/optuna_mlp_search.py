"""Optuna + scikit-learn on the Node bench's MLP random search (bench/src/jobs/mlp-sweep-jobs.ts), on SQLite storage.

Usage: optuna_mlp_search.py CSV TRIALS SPEC_JSON, run in a scratch directory (the study is stored in ./optuna.sqlite).
SPEC_JSON: {"hidden": [[16], [32, 16]], "lambdaMin", "lambdaMax", "learningRateMin", "learningRateMax", "epochs",
"batchSize", "folds", "seed"}. Each trial draws, like regsweep's random search, λ log-uniform, hidden uniformly from
the choices and the learning rate log-uniform (RandomSampler), and scores a StandardScaler + MLPRegressor pipeline
(relu, adam, the epochs and batch size given, alpha = λ·batchSize so the penalty is regsweep's λ on the batch-mean
loss, no early stopping) by K-fold CV mse, one thread. Prints "<rate> trials/s", timing only study.optimize.
"""
import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[variable] = "1"

import json
import sys
import time
import warnings

import numpy as np
import optuna
from sklearn.model_selection import KFold, cross_val_score
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)


def main() -> None:
    csv, trials, spec = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    table = np.genfromtxt(csv, delimiter=",", names=True)
    names = [name for name in table.dtype.names if name != "y"]
    x = np.column_stack([table[name] for name in names])
    y = table["y"]
    hidden = {json.dumps(h): tuple(h) for h in spec["hidden"]}
    folds = KFold(n_splits=spec["folds"], shuffle=True, random_state=spec["seed"])

    def objective(trial: optuna.Trial) -> float:
        lam = trial.suggest_float("lambda", spec["lambdaMin"], spec["lambdaMax"], log=True)
        layers = hidden[trial.suggest_categorical("hidden", list(hidden))]
        rate = trial.suggest_float("learningRate", spec["learningRateMin"], spec["learningRateMax"], log=True)
        model = make_pipeline(StandardScaler(), MLPRegressor(
            hidden_layer_sizes=layers, activation="relu", solver="adam", learning_rate_init=rate,
            alpha=lam * spec["batchSize"], batch_size=spec["batchSize"], max_iter=spec["epochs"], tol=0,
            n_iter_no_change=10**9, random_state=spec["seed"]))
        return -cross_val_score(model, x, y, cv=folds, scoring="neg_mean_squared_error").mean()

    study = optuna.create_study(storage="sqlite:///optuna.sqlite", direction="minimize",
                                sampler=optuna.samplers.RandomSampler(seed=spec["seed"]))
    start = time.perf_counter()
    study.optimize(objective, n_trials=trials)
    elapsed = time.perf_counter() - start
    print(f"{trials / elapsed:.3f} trials/s (best mse {study.best_value:.4f})")


if __name__ == "__main__":
    main()
