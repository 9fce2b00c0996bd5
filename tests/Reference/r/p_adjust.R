# Reference values for PAdjust (p.adjust).
# Run: cd tests/Reference/r && Rscript p_adjust.R
source("fixture_io.R")
set.seed(20240613)

families <- list(
  uniform_10 = runif(10),
  mixed_signal_25 = c(runif(5, 0, 0.01), runif(20)),
  with_ties = c(0.01, 0.02, 0.02, 0.03, 0.03, 0.03, 0.5, 0.04),
  with_missing = c(0.04, NA, 0.001, 0.2, NA, 0.03),
  tiny_values = c(1e-12, 3e-15, 0.2, 1e-300, 0.049),
  near_one = c(0.9, 0.95, 0.99, 1, 0.5),
  two = c(0.03, 0.04),
  single = 0.03)

methods <- c(none = "none", bonferroni = "bonferroni", holm = "holm", hochberg = "hochberg", bh = "BH")

cases <- lapply(names(families), function(nm) {
  p <- families[[nm]]
  c(list(name = nm, p = I(p)), lapply(methods, function(m) I(p.adjust(p, m))))
})

write_fixture("p_adjust", "p_adjust.R", cases)
