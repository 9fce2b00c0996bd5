# Reference values for Descriptives.Summarize and Quantiles.Type7.
# Run: cd tests/Reference/r && Rscript descriptives.R
source("fixture_io.R")
set.seed(20240611)

data_sets <- list(
  toothgrowth_len = ToothGrowth$len,
  mtcars_mpg = mtcars$mpg,
  mtcars_hp_with_ties = mtcars$hp,
  warpbreaks_breaks = warpbreaks$breaks,
  normal_101_with_missing = { v <- rnorm(101, 50, 10); v[c(3, 40, 77)] <- NA; v },
  lognormal_40 = rlnorm(40, 2, 1),
  large_offset_50 = 1e8 + rnorm(50),
  unsorted_with_missing = c(3, NA, 1, 2, 10, 2),
  two_values = c(7.5, 2.25),
  single_value = 4,
  constant = rep(2.5, 6))

probs <- c(0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.9, 0.99, 1)

cases <- lapply(names(data_sets), function(nm) {
  v <- data_sets[[nm]]
  o <- v[!is.na(v)]
  list(
    name = nm,
    values = v,
    expected = list(
      n = length(o),
      missing = sum(is.na(v)),
      mean = mean(o),
      sd = sd(o),
      median = median(o),
      q1 = unname(quantile(o, 0.25, type = 7)),
      q3 = unname(quantile(o, 0.75, type = 7)),
      min = min(o),
      max = max(o)),
    probs = probs,
    quantiles_type7 = unname(quantile(o, probs, type = 7)))
})

write_fixture("descriptives", "descriptives.R", cases)
