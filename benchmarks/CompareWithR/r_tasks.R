# R's side of benchmarks/compare-with-r.sh: each task on the data of one size, timed in-process
# (median of REPS after a warm-up at the smallest sizes only), with the peak heap R used for it
# (gc()'s "max used" after gc(reset = TRUE)), and the answers checked against ours.
# Usage: Rscript r_tasks.R DATADIR REPS OURS_DIR OUT.tsv TASK...
suppressPackageStartupMessages({ library(data.table); library(survival); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2]); ours_dir <- args[3]; out <- args[4]; tasks <- args[-(1:4)]

peak_mb <- function() { g <- gc(); sum(g[, ncol(g)]) }  # "max used (Mb)" of cons and vector cells
timed <- function(f) {
  times <- numeric(reps); peak <- 0
  for (i in seq_len(reps)) {
    invisible(gc(reset = TRUE)); before <- sum(gc()[, 2])
    t <- system.time(value <- f())[["elapsed"]]
    times[i] <- t; peak <- max(peak, peak_mb() - before)
  }
  list(seconds = median(times), peak = peak, value = value)
}
rel <- function(a, b) max(abs(a - b) / pmax(abs(b), 1e-300))
ours <- function(task) fromJSON(file.path(ours_dir, task, "results.json"), simplifyVector = FALSE)$analyses[[1]]

subjects <- fread(file.path(dir, "subjects.csv"))
subjects[, status := as.logical(status)]
subjects[, arm := factor(arm, levels = c("A", "B", "C", "D"))]
visits <- NULL
if ("mixed" %in% tasks) {
  visits <- merge(fread(file.path(dir, "visits.csv")), subjects[, .(id, arm)], by = "id")
}

run <- list(
  load = function() fread(file.path(dir, "subjects.csv")),
  km = function() survfit(Surv(time, status) ~ arm, data = subjects),
  logrank = function() survdiff(Surv(time, status) ~ arm, data = subjects),
  cox = function() coxph(Surv(time, status) ~ arm + x1 + x2 + x3, data = subjects, ties = "efron"),
  mwu = function() with(subjects, wilcox.test(y[arm == "A"], y[arm == "B"], exact = FALSE)),
  mwu_ci = function() with(subjects, wilcox.test(y[arm == "A"], y[arm == "B"], exact = FALSE, conf.int = TRUE)),
  kw = function() kruskal.test(y ~ arm, data = subjects),
  mixed = function() lme4::lmer(score ~ arm * visit + (visit | id), data = visits, REML = TRUE),
  study = function() {
    s <- fread(file.path(dir, "subjects.csv")); s[, status := as.logical(status)]
    s[, arm := factor(arm, levels = c("A", "B", "C", "D"))]
    list(survfit(Surv(time, status) ~ arm, data = s), survdiff(Surv(time, status) ~ arm, data = s),
         coxph(Surv(time, status) ~ arm + x1 + x2 + x3, data = s, ties = "efron"),
         with(s, wilcox.test(y[arm == "A"], y[arm == "B"], exact = FALSE, conf.int = TRUE)),
         kruskal.test(y ~ arm, data = s))
  })

# The largest relative difference between R's answer and ours (results.json of the same task).
agree <- function(task, value) {
  if (task == "load") return(NA_real_)
  if (task == "study") return(NA_real_)
  a <- ours(task)
  switch(task,
    km = rel(unlist(lapply(a$kaplanMeier$groups, function(g) sapply(g$atTimes, function(t) t$survival))),
             summary(value, times = c(10, 20, 30))$surv),
    logrank = rel(a$logRank$chiSquare, value$chisq),
    cox = rel(sapply(a$cox$terms, function(t) t$coefficient), unname(coef(value))),
    mwu = rel(c(a$compare$rows[[1]]$test$statistic, a$compare$rows[[1]]$test$pValue), c(value$statistic, value$p.value)),
    mwu_ci = rel(c(a$compare$rows[[1]]$test$estimate, a$compare$rows[[1]]$test$confidenceLow, a$compare$rows[[1]]$test$confidenceHigh),
                 c(value$estimate, value$conf.int)),
    kw = rel(c(a$compare$rows[[1]]$test$statistic, a$compare$rows[[1]]$test$pValue), c(value$statistic, value$p.value)),
    mixed = rel(sapply(a$mixed$fixedEffects, function(f) f$estimate), unname(lme4::fixef(value))))
}

rows <- lapply(tasks, function(task) {
  r <- timed(run[[task]])
  data.frame(task = task, seconds = r$seconds, peak_mb = round(r$peak, 1), agree = agree(task, r$value))
})
fwrite(rbindlist(rows), out, sep = "\t")
