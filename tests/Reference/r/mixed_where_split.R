# Reference values for a mixed model whose `where` selects subjects and visit rows at once (issue 12,
# defect 1): the language splits the condition at its top-level `and`s into a subject subset and a row
# subset; R fits lmer on the rows that pass both, which is the same data.
# Data: the simulated trial of examples/RandomisedTrial (data/simulate.R, seed 20261202), copied to
# tests/Runtime.Tests/Reference/data/trial_subjects.csv and trial_visits.csv (300 subjects, 1955 visit rows).
# Cases:
#   split_female_weeks_4_to_20   where week > 0 and sex == 2 and week <= 20
#                                lmerTest::lmer(score ~ arm * factor(week) + (1 | id), REML) on the rows with
#                                week > 0 and week <= 20 of the female subjects: fixed effects with
#                                Satterthwaite df, type III ANOVA, theta, sigma, REML criterion; the subjects
#                                the subject part left out and the rows (of the subjects kept) the row part left out.
#   split_age50_within_sex       where age >= 50 and week > 0, within sex (one fit per sex, level 1 then 2):
#                                the same quantities per level; rows are counted over that level's subjects.
# Tight optimiser settings as in mixed.R, so the optimiser is not the limit of the comparison.
# Output: tests/Runtime.Tests/Reference/mixed_where_split.expected.json (conventions of fixture_io.R).
# Run: cd tests/Reference/r && Rscript mixed_where_split.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest) })

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
subjects <- read.csv(file.path(data_dir, "trial_subjects.csv"), na.strings = "", stringsAsFactors = FALSE,
                     colClasses = c(id = "character", arm = "character"))
visits <- read.csv(file.path(data_dir, "trial_visits.csv"), na.strings = "", stringsAsFactors = FALSE,
                   colClasses = c(id = "character"))
stopifnot(nrow(subjects) == 300, nrow(visits) == 1955, !anyNA(subjects$sex), !anyNA(subjects$age))
subjects$arm <- factor(subjects$arm, levels = c("control", "treatment"))
rows <- merge(visits, subjects[, c("id", "arm", "sex", "age")], by = "id")
rows <- rows[order(match(rows$id, subjects$id), rows$week), ]

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")

# One fit on the rows of the subjects `keep_subject` keeps that `keep_row` keeps (a missing score is left out by lmer).
fit_case <- function(keep_subject, keep_row) {
  in_scope <- subjects$id[keep_subject]
  scoped <- rows[rows$id %in% in_scope, ]
  kept <- scoped[keep_row(scoped) & !is.na(scoped$score), ]
  fit <- lmer(score ~ arm * factor(week) + (1 | id), data = kept, REML = TRUE, control = tight)
  co <- summary(fit)$coefficients
  aov <- anova(fit, type = "III", ddf = "Satterthwaite")
  list(n_scope = length(in_scope),
       n_rows_left_out = sum(!keep_row(scoped)),
       n_obs = nobs(fit), n_subjects = unname(ngrps(fit)["id"]),
       week_levels = I(sort(unique(kept$week))),
       coefficients = list(names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
                           df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
       anova = list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                    f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
       criterion = unname(getME(fit, "devcomp")$cmp["REML"]),
       theta = I(unname(getME(fit, "theta"))), sigma = sigma(fit))
}

female <- fit_case(subjects$sex == 2, function(r) r$week > 0 & r$week <= 20)
female$name <- "split_female_weeks_4_to_20"
female$where <- "week > 0 and sex == 2 and week <= 20"
female$subject_part <- "sex == 2"
female$row_part <- "week > 0 and week <= 20"
female$n_subjects_left_out <- sum(subjects$sex != 2)

levels <- lapply(c(1, 2), function(s) {
  level <- fit_case(subjects$age >= 50 & subjects$sex == s, function(r) r$week > 0)
  level$level <- s
  level$n_subjects_left_out <- sum(subjects$age < 50)
  level$n_other_level <- sum(subjects$age >= 50 & subjects$sex != s)
  level
})
within <- list(name = "split_age50_within_sex", where = "age >= 50 and week > 0", subject_part = "age >= 50",
               row_part = "week > 0", levels = levels)

write_fixture("mixed_where_split", "mixed_where_split.R", list(female, within))
