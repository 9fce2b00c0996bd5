# Reference values for `model mixed ... anova type1`: lmerTest's sequential (type I) F tests with Satterthwaite df,
# anova(fit, type = 1), next to the type III table of the same fit.
# Data: the simulated trial (tests/Runtime.Tests/Reference/data/trial_subjects.csv, trial_visits.csv).
# Cases:
#   type1_age_arm_week   score ~ age + arm * factor(week) + (1 | id): age first, so its sequential test ignores arm
#   type1_sex_arm_week   score ~ sex + arm * week + (1 | id): sex coded 1/2, first, so its test ignores arm
# Tight optimiser settings as in mixed.R. Output: tests/Runtime.Tests/Reference/mixed_type1.expected.json.
# Run: cd tests/Reference/r && Rscript mixed_type1.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest) })

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
subjects <- read.csv(file.path(data_dir, "trial_subjects.csv"), na.strings = "", stringsAsFactors = FALSE,
                     colClasses = c(id = "character", arm = "character"))
visits <- read.csv(file.path(data_dir, "trial_visits.csv"), na.strings = "", stringsAsFactors = FALSE,
                   colClasses = c(id = "character"))
subjects$arm <- factor(subjects$arm, levels = c("control", "treatment"))
subjects$sex <- factor(subjects$sex, levels = c(1, 2))
rows <- merge(visits, subjects[, c("id", "arm", "sex", "age")], by = "id")
rows <- rows[order(match(rows$id, subjects$id), rows$week), ]
rows <- rows[!is.na(rows$score) & !is.na(rows$age), ]

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")

table_of <- function(aov) list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                               f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]]))

fit_case <- function(name, formula) {
  fit <- lmer(formula, data = rows, REML = TRUE, control = tight)
  list(name = name, formula = deparse(formula), n_obs = nobs(fit),
       type1 = table_of(anova(fit, type = 1, ddf = "Satterthwaite")),
       type3 = table_of(anova(fit, type = 3, ddf = "Satterthwaite")))
}

write_fixture("mixed_type1", "mixed_type1.R", list(
  fit_case("type1_age_arm_week", score ~ age + arm * factor(week) + (1 | id)),
  fit_case("type1_sex_arm_week", score ~ sex + arm * week + (1 | id))))
