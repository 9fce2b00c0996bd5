# Reference values for the univariate repeated-measures ANOVA: afex::aov_ez (type III sums of squares under
# sum-to-zero contrasts, through car::Anova on the multivariate lm), its anova_table with correction "GG" and "HF"
# and es "ges", and the Mauchly tests, Greenhouse-Geisser and Huynh-Feldt epsilons of summary(aov_ez(...)).
# Run: cd tests/Reference/r && Rscript rm_anova.R
#
# Cases:
#   trial      simulated (fixed seed): 36 subjects in 3 arms (14/12/10), 4 visits, an AR(1)-like within-subject
#              covariance (sphericity fails), 4 subjects miss a visit (afex drops them: 32 complete subjects).
#   trial_sex  the same rows with sex as a second between factor (arm x sex x visit).
#   spherical  y2 of the same subjects: compound symmetry, so the Huynh-Feldt epsilon exceeds 1 (car caps it at 1).
#   obk        afex's obk.long: treatment x gender between, phase x hour within (two within-subject factors).
# The trial data are written to Runtime.Tests/Reference/data/rm_anova_subjects.csv and rm_anova_visits.csv.
source("fixture_io.R")
suppressPackageStartupMessages(library(afex))

set.seed(20261204)
n <- 36; m <- 4
subj <- data.frame(id = sprintf("P%02d", 1:n),
                   arm = rep(c("placebo", "low", "high"), times = c(14, 12, 10)),
                   sex = rep(c("F", "M"), length.out = n))
ar <- 0.7^abs(outer(1:m, 1:m, "-")) * outer(c(3, 4, 5, 6), c(3, 4, 5, 6))
E <- matrix(rnorm(n * m), n) %*% chol(ar)
cs <- matrix(4, m, m) + diag(9, m)
set.seed(19)   # a draw whose Huynh-Feldt epsilon exceeds 1 after the drops
E2 <- matrix(rnorm(n * m), n) %*% chol(cs)
effect <- c(placebo = 0, low = 1, high = 2)
d <- do.call(rbind, lapply(1:n, function(i) data.frame(
  id = subj$id[i], visit = 1:m,
  y = round(20 + 1.5 * (1:m) + effect[subj$arm[i]] * (1:m) + (subj$sex[i] == "M") * 2 + E[i, ], 3),
  y2 = round(30 + 0.5 * (1:m) + effect[subj$arm[i]] + E2[i, ], 3))))
# Four subjects miss a visit: a missing row (P05 visit 3, P30 visit 4) or a row with an empty value (P17 visit 2, P22 visit 1).
d <- d[!(d$id == "P05" & d$visit == 3) & !(d$id == "P30" & d$visit == 4), ]
d$y[d$id == "P17" & d$visit == 2] <- NA
d$y2[d$id == "P17" & d$visit == 2] <- NA
d$y[d$id == "P22" & d$visit == 1] <- NA
d$y2[d$id == "P22" & d$visit == 1] <- NA
rownames(d) <- NULL
data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
write.csv(subj, file.path(data_dir, "rm_anova_subjects.csv"), row.names = FALSE, quote = FALSE)
write.csv(d, file.path(data_dir, "rm_anova_visits.csv"), row.names = FALSE, quote = FALSE, na = "")

long <- merge(d, subj, by = "id")
long$arm <- factor(long$arm, levels = c("placebo", "low", "high"))
long$sex <- factor(long$sex, levels = c("F", "M"))
long$visit <- factor(long$visit, levels = 1:m)

data(obk.long, package = "afex")

rm_case <- function(name, data, id, dv, between, within) {
  data <- data[!is.na(data[[dv]]), ]
  fit <- suppressWarnings(suppressMessages(aov_ez(id, dv, data, between = between, within = within)))
  gg <- anova(fit, correction = "GG", es = "ges")
  hf <- suppressWarnings(anova(fit, correction = "HF", es = "ges"))
  none <- anova(fit, correction = "none", es = "ges")
  s <- suppressWarnings(summary(fit))
  uni <- s$univariate.tests
  adj <- s$pval.adjustments
  sph <- s$sphericity.tests
  effects <- rownames(gg)
  # The complete-case data in wide form, as the kernel takes it: one row per subject (in afex's order), the within
  # cells with the first within factor varying slowest.
  wide <- fit$data$wide
  cells <- do.call(expand.grid, c(rev(lapply(within, function(w) levels(factor(data[[w]])))), stringsAsFactors = FALSE))
  cells <- cells[, rev(seq_along(within)), drop = FALSE]
  cell_names <- apply(cells, 1, function(r) paste(make.names(r), collapse = "_"))
  y <- as.matrix(wide[, cell_names])
  between_codes <- lapply(between, function(b) I(as.character(wide[[b]])))
  names(between_codes) <- between
  ids <- as.character(data[[id]])
  kept <- as.character(wide[[id]])
  eps_of <- function(col) sapply(effects, function(e) if (e %in% rownames(adj)) adj[e, col] else NA)
  mauchly_of <- function(col) sapply(effects, function(e) if (e %in% rownames(sph)) sph[e, col] else NA)
  list(
    name = name, afex = as.character(packageVersion("afex")), car = as.character(packageVersion("car")),
    within = I(within), between = I(between),
    within_levels = lapply(setNames(within, within), function(w) I(levels(factor(data[[w]])))),
    between_levels = lapply(setNames(between, between), function(b) I(levels(factor(data[[b]])))),
    subjects = nrow(wide), dropped = I(sort(setdiff(unique(ids), kept))),
    y = I(as.vector(t(y))), between_codes = between_codes,
    effects = I(effects),
    sum_sq = I(uni[effects, "Sum Sq"]), num_df = I(uni[effects, "num Df"]),
    error_ss = I(uni[effects, "Error SS"]), den_df = I(uni[effects, "den Df"]),
    f = I(uni[effects, "F value"]), p = I(uni[effects, "Pr(>F)"]),
    ges = I(gg[effects, "ges"]),
    intercept = list(sum_sq = uni["(Intercept)", "Sum Sq"], f = uni["(Intercept)", "F value"], p = uni["(Intercept)", "Pr(>F)"]),
    gg_eps = I(eps_of("GG eps")), hf_eps = I(eps_of("HF eps")),
    gg = list(num_df = I(gg[effects, "num Df"]), den_df = I(gg[effects, "den Df"]), mse = I(gg[effects, "MSE"]), f = I(gg[effects, "F"]), p = I(gg[effects, "Pr(>F)"])),
    hf = list(num_df = I(hf[effects, "num Df"]), den_df = I(hf[effects, "den Df"]), mse = I(hf[effects, "MSE"]), f = I(hf[effects, "F"]), p = I(hf[effects, "Pr(>F)"])),
    none = list(mse = I(none[effects, "MSE"]), p = I(none[effects, "Pr(>F)"])),
    mauchly_w = I(mauchly_of("Test statistic")), mauchly_p = I(mauchly_of("p-value")))
}

cases <- list(
  rm_case("trial", long, "id", "y", "arm", "visit"),
  rm_case("trial_sex", long, "id", "y", c("arm", "sex"), "visit"),
  rm_case("spherical", long, "id", "y2", "arm", "visit"),
  rm_case("obk", obk.long, "id", "value", c("treatment", "gender"), c("phase", "hour")))
for (c in cases) cat(c$name, "subjects", c$subjects, "dropped", c$dropped, "HF eps", unique(na.omit(c$hf_eps)), "\n")
write_fixture("rm_anova", "tests/Reference/r/rm_anova.R", cases)
