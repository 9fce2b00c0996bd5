# Reference values for FisherExact.RxC (fisher.test on r x c tables) and ChiSquare (chisq.test).
# Run: cd tests/Reference/r && Rscript contingency.R
source("fixture_io.R")

tables <- list(
  two_by_four_n60 = matrix(c(8, 3, 9, 6, 4, 10, 7, 13), 2, byrow = TRUE),
  two_by_two_seed = matrix(c(9, 9, 2, 10), 2, byrow = TRUE),
  three_by_three_small = matrix(c(3, 1, 0, 1, 4, 2, 0, 2, 5), 3, byrow = TRUE),
  two_by_three_with_zeros = matrix(c(0, 5, 2, 6, 0, 3), 2, byrow = TRUE),
  three_by_four = matrix(c(2, 5, 3, 1, 4, 2, 6, 3, 1, 3, 2, 7), 3, byrow = TRUE),
  job_satisfaction_4x4 = matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, 4),
  strong_association_2x5 = matrix(c(20, 15, 5, 2, 0, 1, 3, 9, 14, 21), 2, byrow = TRUE),
  warpbreaks_wool_by_tension = unclass(table(warpbreaks$wool, warpbreaks$tension)),
  mtcars_cyl_by_gear = unclass(table(mtcars$cyl, mtcars$gear)))

cases <- lapply(names(tables), function(nm) {
  x <- tables[[nm]]
  dimnames(x) <- NULL
  f <- fisher.test(x)
  chi <- suppressWarnings(chisq.test(x, correct = TRUE))
  chi_plain <- suppressWarnings(chisq.test(x, correct = FALSE))
  list(
    name = nm,
    table = lapply(seq_len(nrow(x)), function(i) I(x[i, ])),
    fisher_p = f$p.value,
    chisq = list(statistic = unname(chi$statistic), df = unname(chi$parameter), p = chi$p.value,
                 small_expected = any(chi$expected < 5),
                 expected = lapply(seq_len(nrow(x)), function(i) I(unname(chi$expected[i, ])))),
    chisq_uncorrected = list(statistic = unname(chi_plain$statistic), p = chi_plain$p.value))
})

write_fixture("contingency", "contingency.R", cases)
