# Reference values for FisherExact (fisher.test).
# Run: cd tests/Reference/r && Rscript fisher.R
#
# fisher.test finds the conditional MLE and the CI limits with uniroot's default tolerance
# (.Machine$double.eps^0.25, about 1.2e-4 on the odds-ratio scale t in (0, 1]). We record
# fisher.test as shipped ("default") and the same R function with uniroot's tolerance
# tightened to 1e-13 ("tight"): fisher.test's own code, evaluated in an environment where
# `uniroot` passes tol = 1e-13. The C# kernel solves to ~1e-14 and is compared with "tight".
source("fixture_io.R")

fisher_tight <- stats::fisher.test
environment(fisher_tight) <- local({
  uniroot <- function(...) stats::uniroot(..., tol = 1e-13, maxiter = 10000)
  environment()
}, envir = new.env(parent = environment(stats::fisher.test)))

two_by_two <- list(
  seed_9_of_18_vs_2_of_12 = c(9, 9, 2, 10),
  tea_tasting = c(3, 1, 1, 3),
  zero_in_a = c(0, 10, 3, 7),
  zero_in_b = c(12, 0, 5, 6),
  perfect_separation = c(10, 0, 0, 10),
  off_diagonal_only = c(0, 5, 5, 0),
  single_count = c(1, 0, 0, 0),
  symmetric_margins = c(4, 6, 6, 4),
  moderate_200_150_100_180 = c(200, 150, 100, 180),
  tiny_p_1000_10_10_1000 = c(1000, 10, 10, 1000),
  balanced_null = c(25, 25, 25, 25),
  rare_events_3_of_500_vs_15_of_480 = c(3, 497, 15, 465))

cases <- lapply(names(two_by_two), function(nm) {
  v <- two_by_two[[nm]]
  tab <- matrix(v, 2, 2, byrow = TRUE)
  default <- fisher.test(tab)
  tight <- fisher_tight(tab)
  summarise <- function(f) list(p = f$p.value, estimate = unname(f$estimate),
                                conf_low = f$conf.int[1], conf_high = f$conf.int[2])
  list(name = nm, a = v[1], b = v[2], c = v[3], d = v[4],
       default = summarise(default), tight = summarise(tight))
})

write_fixture("fisher_2x2", "fisher.R", cases)
