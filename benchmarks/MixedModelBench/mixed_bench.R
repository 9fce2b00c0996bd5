# Times lme4::lmer (REML, default control) on the data MixedModelBench writes, median of 3.
# Run: dotnet run -c Release --project benchmarks/MixedModelBench -- 10000 10 3 --csv /tmp/mixed_bench.csv
#      Rscript benchmarks/MixedModelBench/mixed_bench.R /tmp/mixed_bench.csv
# lmer alone is timed (lmerTest's Satterthwaite summary and anova are timed separately),
# because that is what lme4 does per fit; our Fit also computes Satterthwaite df and type III tests.
suppressPackageStartupMessages({ library(lme4); library(lmerTest) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args) > 0) args[1] else "/tmp/mixed_bench.csv")
d$group <- factor(d$group, levels = c("A", "B", "C"))
d$id <- factor(d$id)
time3 <- function(run) {
  t <- vapply(1:3, function(i) system.time(run())[["elapsed"]], 0)
  sprintf("median %.3f s of 3 [%s]", median(t), paste(sprintf("%.3f", t), collapse = ", "))
}
for (f in list(y ~ group * factor(visit) + (1 | id), y ~ group * factor(visit) + (visit | id))) {
  fit <- NULL
  cat(deparse(f), "\n  lme4::lmer:", time3(function() fit <<- lme4::lmer(f, data = d, REML = TRUE)), "\n")
  cat("  REML", sprintf("%.6f", unname(getME(fit, "devcomp")$cmp["REML"])), "sigma", sprintf("%.6f", sigma(fit)),
      "theta", paste(sprintf("%.6f", getME(fit, "theta")), collapse = ", "), "\n")
  cat("  lmerTest::lmer + summary + anova(type 3):",
      time3(function() { ft <- lmerTest::lmer(f, data = d, REML = TRUE); summary(ft); anova(ft, type = "III") }), "\n")
}
