# Reference values for Cox subgroup analyses (issue 13): `model cox Death ~ rx + age subgroup sex, age >= 65, differ`.
# For each subgroup variable and each of its levels, the same Cox model fitted on that level's subjects
# (coxph(Surv(time, status) ~ rx + age, data = subset(d, sex == 1))): n, events, the treatment's HR with its
# Wald 95% CI and p. Per variable, the treatment-by-subgroup interaction test: the likelihood-ratio test
# anova(fit0, fit1) of fit1 = ~ rx + age + s + rx:s against fit0 = ~ rx + age + s, both on the subjects with s
# observed; df = the number of interaction coefficients R estimates ((levels - 1) x treatment columns).
# Run: cd tests/Reference/r && Rscript cox_subgroups.R
#
# Data: survival::colon, the death records (etype == 2) of the two arms Obs and Lev+5FU (rx == "Lev" dropped),
# written to tests/Runtime.Tests/Reference/data/colon_death.csv, which the C# side reads; rx is written as
# Obs / Lev5FU (a level name of the language), sex as 0 (female) / 1 (male), differ 1/2/3 with 13 missing.
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

d <- subset(colon, etype == 2 & rx != "Lev")
d$rx <- factor(ifelse(d$rx == "Obs", "Obs", "Lev5FU"), levels = c("Obs", "Lev5FU"))
d$sex <- factor(d$sex, levels = c(0, 1))
d$age65 <- d$age >= 65
d$differ <- factor(d$differ, levels = c(1, 2, 3))
csv <- d[, c("id", "rx", "sex", "age", "differ", "time", "status")]
write.csv(csv, file.path("..", "..", "Runtime.Tests", "Reference", "data", "colon_death.csv"), row.names = FALSE, na = "", quote = FALSE)

treatment_row <- function(fit) {
  s <- summary(fit)
  cm <- s$coefficients
  ci <- s$conf.int
  list(n = fit$n, events = fit$nevent,
       coef = unname(cm["rxLev5FU", "coef"]), se = unname(cm["rxLev5FU", "se(coef)"]),
       hr = unname(cm["rxLev5FU", "exp(coef)"]), hr_low = unname(ci["rxLev5FU", "lower .95"]),
       hr_high = unname(ci["rxLev5FU", "upper .95"]), p = unname(cm["rxLev5FU", "Pr(>|z|)"]))
}

subgroup <- function(name, values, ties) {
  d$s <- values
  levels_of <- if (is.factor(values)) levels(values) else c("FALSE", "TRUE")
  rows <- lapply(levels_of, function(level) {
    fit <- coxph(Surv(time, status) ~ rx + age, data = d[!is.na(d$s) & as.character(d$s) == level, ], ties = ties)
    c(list(level = level), treatment_row(fit))
  })
  observed <- d[!is.na(d$s), ]
  fit0 <- coxph(Surv(time, status) ~ rx + age + s, data = observed, ties = ties)
  fit1 <- coxph(Surv(time, status) ~ rx + age + s + rx:s, data = observed, ties = ties)
  a <- anova(fit0, fit1)
  list(variable = name, missing = sum(is.na(d$s)), levels = rows,
       interaction = list(n = fit1$n, loglik0 = fit0$loglik[2], loglik1 = fit1$loglik[2],
                          chisq = a$Chisq[2], df = a$Df[2], p = a[["Pr(>|Chi|)"]][2]))
}

fit_case <- function(name, ties) {
  overall <- coxph(Surv(time, status) ~ rx + age, data = d, ties = ties)
  list(name = name, survival = as.character(packageVersion("survival")), ties = ties,
       formula = "coxph(Surv(time, status) ~ rx + age, data = d, ties = ties)",
       overall = treatment_row(overall),
       subgroups = list(subgroup("sex", d$sex, ties), subgroup("age >= 65", d$age65, ties), subgroup("differ", d$differ, ties)))
}

write_fixture("cox_subgroups", "cox_subgroups.R", list(fit_case("colon_efron", "efron"), fit_case("colon_breslow", "breslow")))
