# Writes bench/out/multi_20000x50x5.csv: 20000 rows, 50 standard normal features, 5 classes drawn from a softmax of
# the first 10 features (coefficients N(0, 0.5²)), set.seed(20000). Run from the repository root:
#   Rscript bench/multinomial/generate.R
set.seed(20000)
n <- 20000; p <- 50; K <- 5
x <- matrix(rnorm(n * p), n, p)
B <- matrix(0, p, K); B[1:10, ] <- rnorm(10 * K, sd = 0.5)
prob <- exp(x %*% B); prob <- prob / rowSums(prob)
y <- apply(prob, 1, function(pr) sample.int(K, 1, prob = pr)) - 1
colnames(x) <- paste0("x", 1:p)
dir.create("bench/out", showWarnings = FALSE)
write.csv(data.frame(round(x, 6), class = y), "bench/out/multi_20000x50x5.csv", row.names = FALSE, quote = FALSE)
