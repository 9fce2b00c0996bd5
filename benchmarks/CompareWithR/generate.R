# Simulated cohort for benchmarks/compare-with-r.sh, fixed seed so every run of a size writes the
# same bytes. subjects.csv: N subjects, 4 groups, 3 covariates, an exponential event time rounded
# to 0.1 (so ties), ~70 % events, a continuous y for the rank tests. visits.csv: the first N/10
# subjects seen at visits 0..9, a score with a random intercept and slope per subject.
# Usage: Rscript generate.R N OUTDIR
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[1])
out <- args[2]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
set.seed(20261207)

arm <- sample(c("A", "B", "C", "D"), n, replace = TRUE)
x1 <- round(rnorm(n), 3)
x2 <- round(rnorm(n, 50, 10), 2)
x3 <- rbinom(n, 1, 0.4)
shift <- c(A = 0, B = 0.3, C = -0.2, D = 0.5)[arm]
rate <- exp(-2.5 + shift + 0.2 * x1 + 0.01 * (x2 - 50) - 0.3 * x3)
event <- rexp(n, rate)
censor <- rexp(n, 0.045)
time <- pmax(round(pmin(event, censor), 1), 0.1)
status <- event <= censor
y <- round(10 + 2 * shift + rnorm(n, 0, 3), 2)
ids <- sprintf("S%08d", seq_len(n))
subjects <- data.frame(id = ids, arm = arm, x1 = x1, x2 = x2, x3 = x3,
                       time = time, status = ifelse(status, "true", "false"), y = y)
data.table::fwrite(subjects, file.path(out, "subjects.csv"))

m <- max(n %/% 10, 10)
visit <- rep(0:9, times = m)
sid <- rep(seq_len(m), each = 10)
b0 <- rnorm(m, 0, 2)
b1 <- rnorm(m, 0, 0.5)
score <- round(20 + shift[sid] + b0[sid] + (1 + 0.2 * (arm[sid] == "B") + b1[sid]) * visit +
                 rnorm(10 * m, 0, 1.5), 3)
visits <- data.frame(id = ids[sid], visit = visit, score = score)
data.table::fwrite(visits, file.path(out, "visits.csv"))
