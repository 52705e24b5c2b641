# The single glmnet lasso path on a bench CSV (bench/src/lasso-path.ts): the numbers read by scan (read.csv takes
# minutes at 100000×200 and is not what is timed), then glmnet(X, y) alone under system.time, 3 times, median —
# glmnet's defaults (100 λ, thresh 1e-7, its fdev/devmax early stop).
suppressMessages(library(glmnet))
args <- commandArgs(TRUE)
header <- strsplit(readLines(args[1], n = 1), ",")[[1]]
d <- matrix(scan(args[1], what = double(), sep = ",", skip = 1, quiet = TRUE), ncol = length(header), byrow = TRUE)
p <- ncol(d) - 1
X <- d[, 1:p]; y <- d[, p + 1]
times <- sapply(1:3, function(i) system.time(f <<- glmnet(X, y, alpha = 1))[["elapsed"]])
cat(sprintf("path_seconds=%.3f lambdas=%d\n", median(times), length(f$lambda)))
