# Reference values for the report's figure statistics: BoxStatistics (fivenum, boxplot.stats)
# and MeanInterval (mean with t-based 95% CI as t.test).
# Run: cd tests/Reference/r && Rscript figures.R
source("fixture_io.R")
set.seed(20261125)

data_sets <- list(
  toothgrowth_len = ToothGrowth$len,
  mtcars_hp_with_ties = mtcars$hp,
  precip_with_outliers = unname(precip),
  lognormal_41_skewed = rlnorm(41, 5, 1.2),
  even_8_with_outliers = c(1, 2, 2.5, 3, 3.5, 4, 40, -30),
  odd_5 = c(7, 1, 3, 9, 4),
  with_missing = c(3, NA, 1, 2, 10, 2, NA, 50),
  two_values = c(7.5, 2.25),
  single_value = 4,
  constant = rep(2.5, 6))

cases <- lapply(names(data_sets), function(nm) {
  v <- data_sets[[nm]]
  o <- v[!is.na(v)]
  b <- boxplot.stats(v, coef = 1.5)
  ci <- if (length(o) >= 2 && sd(o) > 0) t.test(o)$conf.int else c(NA_real_, NA_real_)
  list(
    name = nm,
    values = I(v),
    fivenum = I(fivenum(v)),
    stats = I(b$stats),
    n = b$n,
    outliers = I(sort(b$out)),
    mean = mean(o),
    sd = if (length(o) >= 2) sd(o) else NA_real_,
    t_lower = ci[1],
    t_upper = ci[2])
})

write_fixture("figures", "figures.R", cases)
