# The single glmnet lasso path on a bench CSV (bench/src/jobs/glmnet-path.ts), timed as regsweep's path is:
#   - the numbers read by scan (read.csv takes minutes at 100000×200), not timed;
#   - one untimed warm-up call first: glmnet's first call in a fresh R also pays lazy loading of the package's code
#     (0.18 s against 0.03 s warm at 5000×100), which regsweep's in-process timing does not count either;
#   - the same λ count as regsweep: glmnet.control(fdev = 0, devmax = 1) turns off its early stop when the deviance
#     ratio saturates, so glmnet fits its whole default 100-λ grid (λ_max = max_j |⟨x_j, y − ȳ⟩|/(n·sd_j), ratio
#     1e-4 when n > p: the grid regsweep's bench uses) with its default thresh 1e-7 on the standardized response,
#     regsweep's tolerance 1e-7 × var(y);
#   - then glmnet(X, y, alpha = 1) alone under system.time, `repeats` times (second argument, default 5).
# Prints "path_seconds=<median> lambdas=<count> runs=<t1,t2,…>".
suppressMessages(library(glmnet))
args <- commandArgs(TRUE)
repeats <- if (length(args) >= 2) as.integer(args[2]) else 5L
header <- strsplit(readLines(args[1], n = 1), ",")[[1]]
d <- matrix(scan(args[1], what = double(), sep = ",", skip = 1, quiet = TRUE), ncol = length(header), byrow = TRUE)
p <- ncol(d) - 1
X <- d[, 1:p]; y <- d[, p + 1]
invisible(glmnet.control(fdev = 0, devmax = 1))
f <- glmnet(X, y, alpha = 1)
times <- sapply(seq_len(repeats), function(i) system.time(f <<- glmnet(X, y, alpha = 1))[["elapsed"]])
cat(sprintf("path_seconds=%.4f lambdas=%d runs=%s\n", median(times), length(f$lambda), paste(sprintf("%.4f", times), collapse = ",")))
