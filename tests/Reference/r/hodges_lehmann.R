# Reference values for HodgesLehmann.Shift: the estimate and 95% CI of
# wilcox.test(x, y, conf.int = TRUE) ("difference in location").
# Run: cd tests/Reference/r && Rscript hodges_lehmann.R
#
# Without ties and with both samples below 50, R takes the exact path (median of the pairwise
# differences, CI from qwilcox). Otherwise it finds the estimate and CI with uniroot on the
# continuity-corrected normal statistic, at tol.root = 1e-4 by default; "shipped" holds those
# values and "tight" the same call with tol.root = 1e-13, so the root finder is not the limit.
source("fixture_io.R")
set.seed(20241125)

tg <- ToothGrowth
pairs <- list(
  exact_3_vs_4 = list(x = c(1.83, 0.50, 1.62), y = c(0.878, 0.647, 0.598, 2.05)),
  exact_2_vs_2_level_not_achievable = list(x = c(1, 2), y = c(3.5, 4)),
  exact_simulated_12_vs_15 = list(x = rnorm(12, 1), y = rnorm(15)),
  exact_simulated_49_vs_30 = list(x = rexp(49), y = rexp(30, 2)),
  toothgrowth_len_oj_vs_vc = list(x = tg$len[tg$supp == "OJ"], y = tg$len[tg$supp == "VC"]),
  poisson_heavy_ties = list(x = rpois(25, 2), y = rpois(30, 3)),
  simulated_60_vs_70_no_ties = list(x = rnorm(60, 0.5), y = rnorm(70)),
  simulated_rounded_40_vs_45 = list(x = round(rnorm(40, 10.3, 2), 1), y = round(rnorm(45, 10, 2), 1)))

hl <- function(x, y, ...) {
  w <- character(0)
  fit <- withCallingHandlers(wilcox.test(x, y, conf.int = TRUE, ...),
    warning = function(e) { w <<- c(w, conditionMessage(e)); invokeRestart("muffleWarning") })
  list(estimate = unname(fit$estimate), conf_low = fit$conf.int[1], conf_high = fit$conf.int[2],
       conf_level = attr(fit$conf.int, "conf.level"), method = fit$method, warnings = I(w))
}

cases <- lapply(names(pairs), function(nm) {
  x <- pairs[[nm]]$x
  y <- pairs[[nm]]$y
  exact <- anyDuplicated(c(x, y)) == 0 && length(x) < 50 && length(y) < 50
  list(name = nm, x = I(x), y = I(y), exact = exact,
       shipped = hl(x, y), tight = hl(x, y, tol.root = 1e-13))
})

write_fixture("hodges_lehmann", "hodges_lehmann.R", cases)
