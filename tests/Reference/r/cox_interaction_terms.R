# Reference values for the Cox formula forms the language builds on top of cox_interactions.R (issue 12 items 7 and 3):
# `a:b` without the main effect of a factor (R codes that factor by one indicator per level, Chambers & Hastie 1992,
# section 2.4.1), the variable order R uses inside an interaction label, an expression as an operand (log(age)), a
# three-way `*`, and a named group set as a factor term (levels = the set's groups, reference = the first group unless
# `reference ecog = e1`, i.e. relevel()).
# Run: cd tests/Reference/r && Rscript cox_interaction_terms.R
#
# Data: survival::lung (the rows of tests/Runtime.Tests/Reference/data/lung.csv), complete cases of time, status, age,
# sex, ph.ecog; event = status == 2. The group set of the .study is `groups ecog { e0: ph_ecog == 0  e1: ph_ecog == 1
# e2: ph_ecog >= 2 }`, built here as the factor `ecog` with the same rule.
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

lung_cc <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")])
lung_cc$event <- as.integer(lung_cc$status == 2)
lung_cc$ecog <- factor(ifelse(lung_cc$ph.ecog == 0, "e0", ifelse(lung_cc$ph.ecog == 1, "e1", "e2")), levels = c("e0", "e1", "e2"))
lung_cc$ecog_e1 <- relevel(lung_cc$ecog, ref = "e1")

fit_case <- function(name, study_formula, formula, ties = "efron") {
  environment(formula) <- environment()
  fit <- coxph(formula, data = lung_cc, ties = ties)
  s <- summary(fit)
  cm <- s$coefficients
  ci <- s$conf.int
  list(
    name = name,
    study_formula = study_formula,
    formula = paste(deparse(formula), collapse = " "),
    survival = as.character(packageVersion("survival")),
    ties = ties,
    terms = I(names(coef(fit))),
    n = fit$n,
    nevent = fit$nevent,
    coef = I(unname(cm[, "coef"])),
    hr = I(unname(cm[, "exp(coef)"])),
    se = I(unname(cm[, "se(coef)"])),
    z = I(unname(cm[, "z"])),
    p = I(unname(cm[, "Pr(>|z|)"])),
    hr_low = I(unname(ci[, "lower .95"])),
    hr_high = I(unname(ci[, "upper .95"])),
    loglik = I(unname(fit$loglik)),
    lr = list(statistic = unname(s$logtest["test"]), df = unname(s$logtest["df"]), p = unname(s$logtest["pvalue"])),
    wald = list(statistic = unname(fit$wald.test), df = unname(s$waldtest["df"]), p = unname(s$waldtest["pvalue"])),
    score = list(statistic = unname(s$sctest["test"]), df = unname(s$sctest["df"]), p = unname(s$sctest["pvalue"])))
}

# study_formula is the right-hand side as the .study file writes it (CoxInteractionRunTests runs it).
cases <- list(
  fit_case("lung_age_plus_sex_colon_ecog", "age + sex:ph_ecog", Surv(time, event) ~ age + factor(sex):ph.ecog),
  fit_case("lung_ecog_age_ecog_colon_sex", "ph_ecog + age + sex:ph_ecog", Surv(time, event) ~ ph.ecog + age + factor(sex):ph.ecog),
  fit_case("lung_log_age_star_sex", "log(age) * sex", Surv(time, event) ~ log(age) * factor(sex)),
  fit_case("lung_three_way_age_sex_ecog", "age * sex * ph_ecog", Surv(time, event) ~ age * factor(sex) * ph.ecog),
  fit_case("lung_group_set_ecog_plus_age", "ecog + age", Surv(time, event) ~ ecog + age),
  fit_case("lung_group_set_ecog_ref_e1_star_sex", "ecog * sex + age reference ecog = e1", Surv(time, event) ~ ecog_e1 * factor(sex) + age))

write_fixture("cox_interaction_terms", "cox_interaction_terms.R", cases)
