# cv.glmnet's multinomial lasso, 10 folds (fold of row i = ((i - 1) mod 10) + 1), its own λ sequence, default thresh
# 1e-7; writes the sequence to bench/out/multi_lambdas.txt for the regsweep side. Run from the repository root:
#   Rscript bench/multinomial/cv-glmnet.R
suppressMessages(library(glmnet))
d <- read.csv("bench/out/multi_20000x50x5.csv"); x <- as.matrix(d[, 1:50]); y <- factor(d$class)
foldid <- ((seq_len(nrow(x)) - 1) %% 10) + 1
seconds <- system.time(cv <- cv.glmnet(x, y, family = "multinomial", foldid = foldid))[["elapsed"]]
cat(sprintf("cv.glmnet: %.1f s, %d λ, lambda.min %.10g, lambda.1se %.10g\n", seconds, length(cv$lambda),
            cv$lambda.min, cv$lambda.1se))
cat(sprintf("%.17g", cv$lambda), file = "bench/out/multi_lambdas.txt", sep = "\n")
