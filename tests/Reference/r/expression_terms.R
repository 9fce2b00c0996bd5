# Reference values for expressions written where a variable is accepted (issue 12, item 7), on R's
# public datasets, run by the CLI from small .study files (ExpressionTermsRunTests):
#   lung_logrank_age65        survdiff(Surv(time, status == 2) ~ age >= 65, data = lung): a bool
#                             expression as the factor ('test logrank Death by age >= 65').
#   lung_logrank_sex_strata_ecog
#                             survdiff(Surv(time, status == 2) ~ sex + strata(ph.ecog >= 2)): an
#                             expression as the stratum (one row with ph.ecog missing is dropped).
#   lung_cox_strata_ecog      coxph(Surv(time, status == 2) ~ age + log(meal.cal) + strata(ph.ecog >= 2),
#                             ties = "efron"): an expression as a stratum and as a term (rows with a
#                             missing meal.cal or ph.ecog dropped, as na.omit).
#   lung_km_inline_months     survfit(Surv(time / 30.44, status == 2) ~ sex, conf.type = "log") with
#                             summary at 6 and 12 (months): an inline time_to_event head.
#   lung_cox_within_ecog2     coxph(Surv(time, status == 2) ~ age) within ph.ecog >= 2 FALSE / TRUE.
#   sleep_lmer_log_days       lmer(Reaction ~ log(Days + 1) + log(baseline) + (1 | Subject), REML) on
#                             lme4's sleepstudy, baseline = the subject's Reaction at Days == 0 (a
#                             subject-level column): a child-row expression and a subject-level
#                             expression as fixed terms; lmerTest Satterthwaite t and type III F.
#   sleep_lmer_days_over_7    lmer(Reaction ~ I(Days / 7) * (baseline > 250) + (Days | Subject), REML):
#                             a row expression crossed with a bool subject expression, random slope.
# Data files (UTF-8, LF, header, missing = empty field): data/lung.csv (written by scopes.R);
#   data/sleepstudy.csv (lme4::sleepstudy: Reaction, Days, Subject) and
#   data/sleepstudy_subjects.csv (Subject, baseline) written here.
# Run: cd tests/Reference/r && Rscript expression_terms.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(survival); library(lme4); library(lmerTest) })

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
lung <- read.csv(file.path(data_dir, "lung.csv"), na.strings = "")
stopifnot(nrow(lung) == 228)

sleep <- data.frame(Reaction = lme4::sleepstudy$Reaction, Days = lme4::sleepstudy$Days,
                    Subject = as.character(lme4::sleepstudy$Subject))
subjects <- data.frame(Subject = unique(sleep$Subject))
subjects$baseline <- sapply(subjects$Subject, function(s) sleep$Reaction[sleep$Subject == s & sleep$Days == 0])
write_csv <- function(df, file) {
  con <- file(file.path(data_dir, file), open = "wb")
  writeLines(paste(names(df), collapse = ","), con, sep = "\n")
  cols <- lapply(df, function(v) if (is.numeric(v)) sprintf("%.17g", v) else as.character(v))
  writeLines(do.call(paste, c(cols, sep = ",")), con, sep = "\n")
  close(con)
  cat("wrote", file.path(data_dir, file), "\n")
}
write_csv(sleep, "sleepstudy.csv")
write_csv(subjects, "sleepstudy_subjects.csv")
sleep <- read.csv(file.path(data_dir, "sleepstudy.csv"), colClasses = c(Subject = "character"))
subjects <- read.csv(file.path(data_dir, "sleepstudy_subjects.csv"), colClasses = c(Subject = "character"))
sleep <- merge(sleep, subjects, by = "Subject", sort = FALSE)
sleep <- sleep[order(sleep$Subject, sleep$Days), ]

survival_version <- as.character(packageVersion("survival"))

logrank_case <- function(name, fit) {
  list(name = name, survival_version = survival_version,
       n = I(unname(fit$n)), observed = I(unname(if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs)),
       expected = I(unname(if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp)),
       chisq = fit$chisq, df = length(fit$n) - 1, p = pchisq(fit$chisq, length(fit$n) - 1, lower.tail = FALSE))
}

cox_case <- function(fit) {
  s <- summary(fit)
  list(terms = I(rownames(s$coefficients)), coef = I(unname(s$coefficients[, "coef"])),
       se = I(unname(s$coefficients[, "se(coef)"])), z = I(unname(s$coefficients[, "z"])),
       p = I(unname(s$coefficients[, "Pr(>|z|)"])), n = fit$n, events = fit$nevent,
       loglik = I(fit$loglik))
}

cases <- list()
cases[[length(cases) + 1]] <- logrank_case("lung_logrank_age65", survdiff(Surv(time, status == 2) ~ age >= 65, data = lung))
cases[[length(cases) + 1]] <- logrank_case("lung_logrank_sex_strata_ecog",
  survdiff(Surv(time, status == 2) ~ sex + strata(ph_ecog >= 2), data = lung))

cox_strata <- coxph(Surv(time, status == 2) ~ age + log(meal_cal) + strata(ph_ecog >= 2), data = lung, ties = "efron")
cases[[length(cases) + 1]] <- c(list(name = "lung_cox_strata_ecog", survival_version = survival_version), cox_case(cox_strata))

km <- survfit(Surv(time / 30.44, status == 2) ~ sex, data = lung, conf.type = "log")
km_at <- summary(km, times = c(6, 12))
km_tab <- summary(km)$table
cases[[length(cases) + 1]] <- list(name = "lung_km_inline_months", survival_version = survival_version,
  strata = I(as.character(km_at$strata)), time = I(km_at$time), surv = I(km_at$surv), std_err = I(km_at$std.err),
  lower = I(km_at$lower), upper = I(km_at$upper), n = I(unname(km_tab[, "records"])), events = I(unname(km_tab[, "events"])),
  median = I(unname(km_tab[, "median"])), median_lower = I(unname(km_tab[, "0.95LCL"])), median_upper = I(unname(km_tab[, "0.95UCL"])))

within <- lapply(c(FALSE, TRUE), function(level) {
  fit <- coxph(Surv(time, status == 2) ~ age, data = lung[!is.na(lung$ph_ecog) & (lung$ph_ecog >= 2) == level, ], ties = "efron")
  c(list(level = if (level) "true" else "false"), cox_case(fit))
})
cases[[length(cases) + 1]] <- list(name = "lung_cox_within_ecog2", survival_version = survival_version, levels = within)

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")
lmer_case <- function(name, formula) {
  fit <- lmer(formula, data = sleep, REML = TRUE, control = tight)
  co <- summary(fit)$coefficients
  aov <- anova(fit, type = "III", ddf = "Satterthwaite")
  list(name = name, formula = deparse(formula), n = nrow(sleep),
       lme4 = as.character(packageVersion("lme4")), lmerTest = as.character(packageVersion("lmerTest")),
       coefficients = list(names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
                           df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
       anova = list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                    f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
       sigma = sigma(fit), loglik = as.numeric(logLik(fit)))
}
cases[[length(cases) + 1]] <- lmer_case("sleep_lmer_log_days", Reaction ~ log(Days + 1) + log(baseline) + (1 | Subject))
cases[[length(cases) + 1]] <- lmer_case("sleep_lmer_days_over_7", Reaction ~ I(Days / 7) * I(baseline > 250) + (Days | Subject))

write_fixture("expression_terms", "tests/Reference/r/expression_terms.R", cases)
