"""scikit-learn MLPRegressor's time per epoch on the rows the Node bench wrote (bench/src/jobs/mlp-epoch-jobs.ts).

Usage: sklearn_mlp_epoch.py DATA.f64 N P HIDDEN(comma list) BATCH EPOCHS REPEATS [classifier]
DATA.f64 holds N·P row-major float64 inputs followed by N targets. With `classifier` the targets are class indices
and MLPClassifier is timed (logistic output for 2 classes, softmax for more, as regsweep's logistic / softmax output).
One BLAS thread (set before numpy loads).
Prints the marginal time per epoch in ms: (best fit with 1 + EPOCHS epochs − best fit with 1 epoch) / EPOCHS, the
best being the minimum over REPEATS fits, so set-up (validation, initialisation) is not counted, as on the Node side.
Adam, learning rate 1e-3, alpha = 1e-4·BATCH (regsweep's λ 1e-4 on the batch-mean loss), no early stopping.
"""
import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[variable] = "1"

import sys
import time
import warnings

import numpy as np
from sklearn.neural_network import MLPClassifier, MLPRegressor

warnings.filterwarnings("ignore")


def main() -> None:
    path, n, p, hidden, batch, epochs, repeats = sys.argv[1:8]
    estimator = MLPClassifier if sys.argv[8:9] == ["classifier"] else MLPRegressor
    n, p, batch, epochs, repeats = int(n), int(p), int(batch), int(epochs), int(repeats)
    values = np.fromfile(path, dtype=np.float64)
    x = values[: n * p].reshape(n, p)
    y = values[n * p : n * p + n]
    layers = tuple(int(h) for h in hidden.split(","))

    def best_fit_seconds(max_iter: int) -> float:
        best = float("inf")
        for _ in range(repeats):
            model = estimator(hidden_layer_sizes=layers, batch_size=batch, max_iter=max_iter, solver="adam",
                                 learning_rate_init=1e-3, alpha=1e-4 * batch, tol=0, n_iter_no_change=10**9,
                                 shuffle=True, random_state=1)
            start = time.perf_counter()
            model.fit(x, y)
            best = min(best, time.perf_counter() - start)
        return best

    best_fit_seconds(1)  # warm-up: imports, first BLAS calls
    one = best_fit_seconds(1)
    more = best_fit_seconds(1 + epochs)
    print(f"{(more - one) / epochs * 1000:.3f}")


if __name__ == "__main__":
    main()
