# Reference values for MannWhitney (wilcox.test) and TTest (t.test).
# Run: cd tests/Reference/r && Rscript two_sample_tests.R
source("fixture_io.R")
set.seed(20240612)

tg <- ToothGrowth
wb <- warpbreaks
pairs <- list(
  toothgrowth_len_oj_vs_vc = list(x = tg$len[tg$supp == "OJ"], y = tg$len[tg$supp == "VC"]),
  warpbreaks_wool_a_vs_b = list(x = wb$breaks[wb$wool == "A"], y = wb$breaks[wb$wool == "B"]),
  mtcars_mpg_automatic_vs_manual = list(x = mtcars$mpg[mtcars$am == 0], y = mtcars$mpg[mtcars$am == 1]),
  mtcars_hp_four_vs_eight_cylinders = list(x = mtcars$hp[mtcars$cyl == 4], y = mtcars$hp[mtcars$cyl == 8]),
  tiny_3_vs_4_no_ties = list(x = c(1.83, 0.50, 1.62), y = c(0.878, 0.647, 0.598, 2.05)),
  tiny_2_vs_2 = list(x = c(1, 2), y = c(3.5, 4)),
  one_vs_five = list(x = 3, y = c(1, 2, 4, 5, 6)),
  poisson_heavy_ties = list(x = rpois(25, 2), y = rpois(30, 3)),
  normal_shift_200_vs_300 = list(x = rnorm(200, 0.3), y = rnorm(300)),
  far_apart_no_overlap = list(x = rnorm(60, 10), y = rnorm(60)),
  lognormal_unequal_spread = list(x = rlnorm(15, 1, 0.4), y = rlnorm(40, 1.2, 1.5)))

has_ties <- function(x, y) anyDuplicated(c(x, y)) > 0

cases <- lapply(names(pairs), function(nm) {
  x <- pairs[[nm]]$x
  y <- pairs[[nm]]$y
  mw <- wilcox.test(x, y, exact = FALSE, correct = TRUE)
  mw_plain <- wilcox.test(x, y, exact = FALSE, correct = FALSE)
  case <- list(
    name = nm,
    x = I(x),
    y = I(y),
    wilcox = list(w = unname(mw$statistic), p = mw$p.value, p_uncorrected = mw_plain$p.value))
  # R's default is exact below 50 per group; we also ask for it up to 100 to test larger sizes.
  if (!has_ties(x, y) && length(x) < 100 && length(y) < 100) {
    ex <- wilcox.test(x, y, exact = TRUE)
    case$wilcox_exact <- list(w = unname(ex$statistic), p = ex$p.value)
  }
  t_student <- tryCatch(t.test(x, y, var.equal = TRUE), error = function(e) NULL)
  if (!is.null(t_student)) case$student <- list(
    t = unname(t_student$statistic), df = unname(t_student$parameter), p = t_student$p.value,
    estimate = unname(t_student$estimate[1] - t_student$estimate[2]),
    conf_low = t_student$conf.int[1], conf_high = t_student$conf.int[2], stderr = t_student$stderr)
  t_welch <- tryCatch(t.test(x, y), error = function(e) NULL)
  if (!is.null(t_welch)) case$welch <- list(
    t = unname(t_welch$statistic), df = unname(t_welch$parameter), p = t_welch$p.value,
    estimate = unname(t_welch$estimate[1] - t_welch$estimate[2]),
    conf_low = t_welch$conf.int[1], conf_high = t_welch$conf.int[2], stderr = t_welch$stderr)
  case
})

write_fixture("two_sample_tests", "two_sample_tests.R", cases)
