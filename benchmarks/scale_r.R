# R's side of benchmarks/scale.sh: the scale study's analysis set (Table 1, Mann-Whitney without a CI,
# Kaplan-Meier, log-rank, Cox Efron with 6 coefficients) on the same simulated subjects.csv, timed in-process,
# each task once after the file is read (the reference the issue asks for: "faster than R at 10^6").
# Usage: Rscript benchmarks/scale_r.R DIR   (DIR holds subjects.csv from benchmarks/CompareWithR/generate.R)
suppressPackageStartupMessages({ library(data.table); library(survival) })
dir <- commandArgs(trailingOnly = TRUE)[1]
setDTthreads(1)  # our engine runs are timed on the same 2-core machine; R's single-threaded fread is the fair pairing
elapsed <- function(f) system.time(f())[["elapsed"]]
s <- NULL
t_load <- elapsed(function() {
  s <<- fread(file.path(dir, "subjects.csv"))
  s[, status := as.logical(status)]
  s[, arm := factor(arm, levels = c("A", "B", "C", "D"))]
})
table1 <- function() {
  # What the study's `describe x1, x2, x3, Y, status by group` shows: n, missing, mean, SD, median, IQR, min, max
  # per group for the numbers, count and % for the flag.
  num <- s[, lapply(.SD, function(v) list(sum(!is.na(v)), sum(is.na(v)), mean(v, na.rm = TRUE), sd(v, na.rm = TRUE),
                                            quantile(v, c(0, 0.25, 0.5, 0.75, 1), na.rm = TRUE))),
           by = arm, .SDcols = c("x1", "x2", "x3", "y")]
  flag <- s[, .(n = .N, events = sum(status)), by = arm]
  list(num, flag)
}
tasks <- list(
  table1 = table1,
  mwu = function() with(s, wilcox.test(y[arm == "A"], y[arm == "B"], exact = FALSE)),
  km = function() summary(survfit(Surv(time, status) ~ arm, data = s), times = c(10, 20, 30)),
  logrank = function() survdiff(Surv(time, status) ~ arm, data = s),
  cox = function() coxph(Surv(time, status) ~ arm + x1 + x2 + x3, data = s, ties = "efron"))
times <- c(load = t_load, sapply(tasks, elapsed))
cat(sprintf("%s\t%d\t%.2f\n", names(times), nrow(s), times), sep = "")
cat(sprintf("total\t%d\t%.2f\n", nrow(s), sum(times)))
