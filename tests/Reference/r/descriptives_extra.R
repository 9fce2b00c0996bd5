# Reference values for Quantiles.Of (types 1-9), Descriptives.StandardError,
# Descriptives.GeometricMean and Proportions.Wilson / WilsonContinuityCorrected.
# Run: cd tests/Reference/r && Rscript descriptives_extra.R
source("fixture_io.R")
set.seed(20261125)

# Undefined in R (an error or NaN/-Inf) -> NaN in the fixture, as the C# kernels return.
gm <- function(x) {
  x <- x[!is.na(x)]
  if (length(x) == 0 || any(x <= 0)) return(list(n = length(x), estimate = NaN, ci = I(c(NaN, NaN))))
  ci <- tryCatch(as.numeric(exp(t.test(log(x))$conf.int)), error = function(e) c(NaN, NaN))
  list(n = length(x), estimate = exp(mean(log(x))), ci = I(ci))
}

se <- function(x) { x <- x[!is.na(x)]; if (length(x) < 2) NaN else sd(x) / sqrt(length(x)) }

data_sets <- list(
  skewed_with_ties_30 = round(rlnorm(30, 1, 0.8), 1),
  toothgrowth_len = ToothGrowth$len,
  mtcars_hp_with_ties = mtcars$hp,
  lognormal_with_missing_25 = { v <- rlnorm(25, 3, 1.5); v[c(4, 17)] <- NA; v },
  n10_sequence = as.numeric(1:10),
  n5_unsorted = c(9.1, 2.5, 7.75, 2.5, 100),
  n3 = c(0.5, 8, 2),
  n2 = c(7.5, 2.25),
  n1 = 4,
  constant = rep(2.5, 6),
  with_zero = c(0, 1.5, 3, 4),
  with_negative = c(-2, 1.5, 3, 4))

probs <- c(0, 0.01, 0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 0.9, 0.95, 0.99, 1)

cases <- lapply(names(data_sets), function(nm) {
  v <- data_sets[[nm]]
  o <- v[!is.na(v)]
  q <- lapply(1:9, function(t) I(unname(quantile(o, probs, type = t))))
  names(q) <- paste0("type", 1:9)
  list(
    name = nm,
    kind = "sample",
    values = I(v),
    probs = I(probs),
    quantiles = q,
    standard_error = se(v),
    geometric_mean = gm(v))
})

proportions <- list(
  c(0, 10), c(10, 10), c(1, 10), c(5, 10), c(9, 10), c(0, 1), c(1, 1), c(1, 2),
  c(37, 120), c(3, 1000), c(500, 1000), c(12, 13), c(0, 250))
levels <- c(0.95, 0.90, 0.99)

prop_cases <- list()
for (xn in proportions) for (cl in levels) {
  x <- xn[1]; n <- xn[2]
  wilson <- suppressWarnings(prop.test(x, n, conf.level = cl, correct = FALSE))
  yates <- suppressWarnings(prop.test(x, n, conf.level = cl, correct = TRUE))
  prop_cases[[length(prop_cases) + 1]] <- list(
    name = sprintf("prop_%d_of_%d_at_%g", x, n, cl),
    kind = "proportion",
    successes = x, n = n, conf_level = cl,
    estimate = unname(wilson$estimate),
    wilson = I(as.numeric(wilson$conf.int)),
    wilson_corrected = I(as.numeric(yates$conf.int)))
}

write_fixture("descriptives_extra", "descriptives_extra.R", c(cases, prop_cases))
