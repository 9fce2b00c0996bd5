# Reference values for interactions in Cox models (issue 12 item 7): `a * b` = a + b + a:b,
# `a:b` alone = the product column only. survival::coxph names the columns as the model
# matrix does (treatment contrasts): factor dummy x numeric "factor(sex)2:ph.ecog",
# numeric x numeric "age:ph.ecog", factor x factor "factor(sex)2:ecogf1".
# Run: cd tests/Reference/r && Rscript cox_interactions.R
#
# Data: survival::lung (the same rows as tests/Runtime.Tests/Reference/data/lung.csv), complete
# cases of time, status, age, sex, ph.ecog; event = status == 2. The C# side reads lung.csv, so
# only the fitted values and the row count are stored here.
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

lung_cc <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")])
lung_cc$event <- as.integer(lung_cc$status == 2)
# ph.ecog as a two-level factor (0 vs >= 1) for the factor x factor case.
lung_cc$ecogf <- factor(ifelse(lung_cc$ph.ecog >= 1, 1, 0), levels = c(0, 1))

fit_case <- function(name, formula, ties = "efron") {
  environment(formula) <- environment()
  fit <- coxph(formula, data = lung_cc, ties = ties)
  s <- summary(fit)
  cm <- s$coefficients
  ci <- s$conf.int
  list(
    name = name,
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

cases <- list(
  fit_case("lung_factor_sex_star_ecog_plus_age", Surv(time, event) ~ factor(sex) * ph.ecog + age),
  fit_case("lung_numeric_age_colon_ecog", Surv(time, event) ~ age + ph.ecog + age:ph.ecog),
  fit_case("lung_factor_sex_star_factor_ecog", Surv(time, event) ~ factor(sex) * ecogf + age),
  fit_case("lung_breslow_factor_sex_star_ecog", Surv(time, event) ~ factor(sex) * ph.ecog + age, "breslow"))

write_fixture("cox_interactions", "cox_interactions.R", cases)
