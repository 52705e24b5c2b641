# cv.glmnet's multinomial lasso on bench/out/multi_20000x50x5.csv: 10 folds (fold of row i = ((i - 1) mod 10) + 1),
# along glmnet's own λ sequence computed first (glmnet(x, y)$lambda, passed explicitly as `lambda`, so that both
# tools fit the same grid), default thresh 1e-7. Writes the sequence to bench/out/multi_lambdas.txt for the regsweep
# side and prints one line for bench/src/jobs/multinomial-cv.ts:
#   cv_seconds=… cpu_seconds=… lambdas=… lambda.min=… lambda.1se=…
# (cpu: user + system time of this R process during cv.glmnet alone). Run from the repository root:
#   Rscript bench/multinomial/cv-glmnet.R
suppressMessages(library(glmnet))
d <- read.csv("bench/out/multi_20000x50x5.csv"); x <- as.matrix(d[, 1:50]); y <- factor(d$class)
foldid <- ((seq_len(nrow(x)) - 1) %% 10) + 1
lambda <- glmnet(x, y, family = "multinomial")$lambda
cat(sprintf("%.17g", lambda), file = "bench/out/multi_lambdas.txt", sep = "\n")
timing <- system.time(cv <- cv.glmnet(x, y, family = "multinomial", foldid = foldid, lambda = lambda))
cat(sprintf("cv_seconds=%.3f cpu_seconds=%.3f lambdas=%d lambda.min=%.17g lambda.1se=%.17g\n", timing[["elapsed"]],
            timing[["user.self"]] + timing[["sys.self"]], length(cv$lambda), cv$lambda.min, cv$lambda.1se))
