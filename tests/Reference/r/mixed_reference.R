# Reference values for `reference` on a mixed model (issue 12 refinements): the treatment-contrast reference
# level of factor terms, as R's relevel() sets it before lmerTest::lmer.
# Data: the simulated trial of examples/RandomisedTrial (seed 20261202), copied to
# tests/Runtime.Tests/Reference/data/trial_subjects.csv and trial_visits.csv (300 subjects, 1955 visit rows).
# Cases:
#   ref_arm_adherent  score ~ arm * week + adherent + (1 | id), arm releveled to "treatment" and the logical
#                     adherent to TRUE (reference arm = treatment, adherent = true)
#   ref_group         score ~ group * factor(week) + (1 | id) with the study's groups control / treatment
#                     (groups declared in that order) releveled to "treatment" (reference treatment)
# Each: fixed effects with Satterthwaite df, type III ANOVA, theta, sigma, REML criterion.
# Tight optimiser settings as in mixed.R, so the optimiser is not the limit of the comparison.
# Output: tests/Runtime.Tests/Reference/mixed_reference.expected.json (conventions of fixture_io.R).
# Run: cd tests/Reference/r && Rscript mixed_reference.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest) })

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
subjects <- read.csv(file.path(data_dir, "trial_subjects.csv"), na.strings = "", stringsAsFactors = FALSE,
                     colClasses = c(id = "character", arm = "character"))
visits <- read.csv(file.path(data_dir, "trial_visits.csv"), na.strings = "", stringsAsFactors = FALSE,
                   colClasses = c(id = "character"))
stopifnot(nrow(subjects) == 300, nrow(visits) == 1955, all(subjects$adherent %in% c("true", "false")))
subjects$arm <- relevel(factor(subjects$arm, levels = c("control", "treatment")), ref = "treatment")
subjects$adherent <- relevel(factor(subjects$adherent == "true", levels = c(FALSE, TRUE), labels = c("FALSE", "TRUE")), ref = "TRUE")
subjects$group <- relevel(factor(as.character(subjects$arm), levels = c("control", "treatment")), ref = "treatment")
rows <- merge(visits, subjects[, c("id", "arm", "adherent", "group")], by = "id")
rows <- rows[order(match(rows$id, subjects$id), rows$week), ]
rows <- rows[!is.na(rows$score), ]

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")

fit_case <- function(name, formula) {
  fit <- lmer(formula, data = rows, REML = TRUE, control = tight)
  co <- summary(fit)$coefficients
  aov <- anova(fit, type = "III", ddf = "Satterthwaite")
  list(name = name, formula = deparse(formula),
       n_obs = nobs(fit), n_subjects = unname(ngrps(fit)["id"]),
       coefficients = list(names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
                           df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
       anova = list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                    f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
       criterion = unname(getME(fit, "devcomp")$cmp["REML"]),
       theta = I(unname(getME(fit, "theta"))), sigma = sigma(fit))
}

write_fixture("mixed_reference", "mixed_reference.R", list(
  fit_case("ref_arm_adherent", score ~ arm * week + adherent + (1 | id)),
  fit_case("ref_group", score ~ group * factor(week) + (1 | id))))
