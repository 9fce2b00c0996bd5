# Reference values for the Cox kernel (survival::coxph, concordance).
# Run: cd tests/Reference/r && Rscript cox.R
#
# Each case embeds its data as raw covariates (numeric columns, or factors with their levels,
# reference level and 0-based codes, -1 = NA) plus time, event (0/1) and optional 0-based
# strata codes, so the C# side builds the design matrix itself (treatment contrasts) and fits.
# Rows with a missing value are kept in the embedded data: coxph drops them (na.omit), and so
# must we; `n` is the number of rows used.
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

numeric_covariate <- function(name, values) list(name = name, kind = "numeric", values = I(as.numeric(values)))

factor_covariate <- function(name, f) {
  codes <- as.integer(f) - 1L
  codes[is.na(codes)] <- -1L
  list(name = name, kind = "factor", levels = I(levels(f)), reference = levels(f)[1], codes = I(codes))
}

fit_case <- function(name, fit_data, formula, covariates, ties = "efron", strata_values = NULL, note = NULL) {
  environment(formula) <- environment()
  warnings <- character(0)
  fit <- withCallingHandlers(coxph(formula, data = fit_data, ties = ties),
    warning = function(w) { warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning") })
  s <- summary(fit)
  # The information evaluated at the returned coefficients. When coxph runs out of iterations its
  # fit$var comes from an earlier iterate than fit$coefficients; this is the consistent pair.
  at_coef <- suppressWarnings(coxph(formula, data = fit_data, ties = ties, init = coef(fit), iter.max = 0))
  cm <- s$coefficients
  ci <- s$conf.int
  conc <- concordance(fit)
  # cox.zph as survival 3.x: the score test of g(t) = 1 - KM(t-) interactions at beta-hat,
  # per term (terms = TRUE) and GLOBAL; NULL with R's error message when it cannot be computed.
  zph_error <- NULL
  zph <- tryCatch(cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table,
                  error = function(e) { zph_error <<- conditionMessage(e); NULL })
  # The same test on each of cox.zph's named time scales (survival 3.x: km = 1 - KM(t-) pooled,
  # rank = rank(times) of every analysed subject's time, censored included, ties averaged,
  # identity = t, log = log(t)); each centred by cox.zph on its mean over the events.
  zph_transforms <- lapply(setNames(nm = c("km", "rank", "identity", "log")), function(transform) {
    message <- NULL
    table <- tryCatch(cox.zph(fit, transform = transform, terms = TRUE, global = TRUE)$table,
                      error = function(e) { message <<- conditionMessage(e); NULL })
    if (is.null(table)) list(error = message) else list(
      terms = I(rownames(table)), chisq = I(unname(table[, "chisq"])), df = I(unname(table[, "df"])),
      p = I(unname(table[, "p"])))
  })
  strata_codes <- if (is.null(strata_values)) NULL else I(as.integer(factor(strata_values)) - 1L)
  list(
    name = name,
    survival = as.character(packageVersion("survival")),
    note = note,
    ties = ties,
    time = I(as.numeric(fit_data$time)),
    event = I(as.integer(fit_data$event)),
    strata = strata_codes,
    covariates = covariates,
    terms = I(names(coef(fit))),
    n = fit$n,
    nevent = fit$nevent,
    iter = fit$iter,
    coef = I(unname(cm[, "coef"])),
    hr = I(unname(cm[, "exp(coef)"])),
    se = I(unname(cm[, "se(coef)"])),
    se_at_coef = I(unname(sqrt(diag(at_coef$var)))),
    z = I(unname(cm[, "z"])),
    p = I(unname(cm[, "Pr(>|z|)"])),
    hr_low = I(unname(ci[, "lower .95"])),
    hr_high = I(unname(ci[, "upper .95"])),
    loglik = I(unname(fit$loglik)),
    # vcov(fit) row-major (NA rows/columns for aliased terms); AIC = -2 loglik + 2 df and
    # BIC = -2 loglik + log(nevent) df: survival's logLik.coxph sets nobs to the number of events.
    vcov = I(as.vector(t(vcov(fit)))),
    aic = AIC(fit),
    bic = BIC(fit),
    lr = list(statistic = unname(s$logtest["test"]), df = unname(s$logtest["df"]), p = unname(s$logtest["pvalue"])),
    wald = list(statistic = unname(fit$wald.test), df = unname(s$waldtest["df"]), p = unname(s$waldtest["pvalue"])),
    score = list(statistic = unname(s$sctest["test"]), df = unname(s$sctest["df"]), p = unname(s$sctest["pvalue"])),
    concordance = unname(conc$concordance),
    concordance_se = sqrt(unname(conc$var)),
    summary_concordance_se = unname(s$concordance[2]),
    zph = if (is.null(zph)) NULL else list(
      terms = I(rownames(zph)), chisq = I(unname(zph[, "chisq"])), df = I(unname(zph[, "df"])),
      p = I(unname(zph[, "p"]))),
    zph_error = zph_error,
    zph_transforms = zph_transforms,
    warnings = I(warnings))
}

# survival::lung, complete cases of the variables used; status 2 = dead.
lung_cc <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")])
lung_cc$event <- as.integer(lung_cc$status == 2)
lung_numeric <- list(numeric_covariate("age", lung_cc$age), numeric_covariate("sex", lung_cc$sex),
                     numeric_covariate("ph.ecog", lung_cc$ph.ecog))
lung_strata_covariates <- list(numeric_covariate("age", lung_cc$age), numeric_covariate("ph.ecog", lung_cc$ph.ecog))
lung_cc$ecog <- relevel(factor(lung_cc$ph.ecog), ref = "1")
lung_cc$sexf <- factor(lung_cc$sex, levels = c(1, 2), labels = c("male", "female"))
ecog <- factor_covariate("ph.ecog", lung_cc$ecog)

# lung on a coarse time scale: follow-up in whole months (at least 1), so up to 19 deaths share a
# time and the ties methods differ in the second digit. 30.4375 = 487/16 days, so time / 30.4375 is
# never a half-integer and round() cannot depend on how halves are rounded.
lung_months <- lung_cc
lung_months$time <- pmax(1, round(lung_months$time / 30.4375))

# Tiny, unsorted, every event at the same time, one missing covariate.
tied <- data.frame(
  time = c(5, 5, 5, 5, 5, 5, 5, 5, 5),
  event = c(1, 1, 0, 1, 1, 0, 1, 0, 1),
  x = c(1, 0, 1, 0, 1, 1, 0, 0, NA),
  w = c(2.5, 1.0, 0.3, 3.6, 1.7, 2.2, 0.9, 3.1, 1.0))

# Monotone likelihood: subjects with x = 1 never have the event, so beta_x -> -Inf.
monotone <- data.frame(
  time = c(6, 3, 9, 1, 12, 4, 8, 2, 11, 7, 5, 10),
  event = c(1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1),
  x = c(0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0),
  w = c(0.2, 1.4, 0.7, 2.2, 1.1, 0.5, 1.9, 0.8, 0.3, 1.6, 1.2, 0.9))

# Complete separation: a continuous covariate that orders the event times perfectly (the higher z,
# the earlier the event), so beta_z -> +Inf; w is an unrelated covariate that stays finite.
separated <- data.frame(
  time = c(7, 2, 9, 4, 11, 1, 6, 3, 10, 5, 8, 12),
  event = c(1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0),
  z = c(5.5, 10.5, 3.1, 8.8, 0.4, 11.9, 6.2, 9.7, 1.8, 7.4, 4.6, 0.2),
  w = c(0.2, 1.4, 0.7, 2.2, 1.1, 0.5, 1.9, 0.8, 0.3, 1.6, 1.2, 0.9))

# The example cohort: the four groups of examples/Nxp2Jdm, as the study defines them.
subjects <- read.csv(file.path("..", "..", "..", "examples", "Nxp2Jdm", "data", "subjects.csv"),
                     na.strings = "", stringsAsFactors = FALSE)
subjects <- subjects[!is.na(subjects$antibody) & !is.na(subjects$relapse_months), ]
subjects$group <- with(subjects, ifelse(antibody == "NXP2" & onset == "juvenile", "NXP2_JDM",
  ifelse(antibody == "MDA5" & onset == "juvenile", "MDA5_JDM",
  ifelse(antibody == "TIF1g" & onset == "juvenile", "TIF1g_JDM",
  ifelse(antibody == "NXP2" & onset == "adult", "NXP2_ADM", NA)))))
subjects <- subjects[!is.na(subjects$group), ]
subjects$group <- relevel(factor(subjects$group, levels = c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM")), ref = "NXP2_ADM")
subjects$sex <- factor(subjects$sex, levels = c("F", "M"))
subjects$time <- subjects$relapse_months
subjects$event <- as.integer(subjects$relapsed == "true")
stopifnot(nrow(subjects) == 62)

cases <- list(
  fit_case("lung_efron", lung_cc, Surv(time, event) ~ age + sex + ph.ecog, lung_numeric, "efron"),
  fit_case("lung_breslow", lung_cc, Surv(time, event) ~ age + sex + ph.ecog, lung_numeric, "breslow"),
  fit_case("lung_strata_sex", lung_cc, Surv(time, event) ~ age + ph.ecog + strata(sex), lung_strata_covariates,
           "efron", strata_values = lung_cc$sex),
  fit_case("lung_factor_ecog_reference_1", lung_cc, Surv(time, event) ~ ecog + age + sexf,
           list(ecog, numeric_covariate("age", lung_cc$age), factor_covariate("sex", lung_cc$sexf)), "efron",
           note = "ph.ecog level 3 has a single subject"),
  fit_case("all_tied_efron", tied, Surv(time, event) ~ x + w,
           list(numeric_covariate("x", tied$x), numeric_covariate("w", tied$w)), "efron"),
  fit_case("all_tied_breslow", tied, Surv(time, event) ~ x + w,
           list(numeric_covariate("x", tied$x), numeric_covariate("w", tied$w)), "breslow"),
  fit_case("monotone_no_events_when_x_1", monotone, Surv(time, event) ~ x + w,
           list(numeric_covariate("x", monotone$x), numeric_covariate("w", monotone$w)), "efron"),
  fit_case("separation_continuous_orders_events_efron", separated, Surv(time, event) ~ z + w,
           list(numeric_covariate("z", separated$z), numeric_covariate("w", separated$w)), "efron"),
  fit_case("separation_continuous_orders_events_breslow", separated, Surv(time, event) ~ z + w,
           list(numeric_covariate("z", separated$z), numeric_covariate("w", separated$w)), "breslow"),
  fit_case("lung_months_efron", lung_months, Surv(time, event) ~ age + sex + ph.ecog, lung_numeric, "efron",
           note = "time in months: the Efron counterpart of lung_months_exact"),
  fit_case("lung_months_exact", lung_months, Surv(time, event) ~ age + sex + ph.ecog, lung_numeric, "exact",
           note = "time in months, up to 19 tied deaths"),
  fit_case("lung_months_exact_strata_sex", lung_months, Surv(time, event) ~ age + ph.ecog + strata(sex),
           lung_strata_covariates, "exact", strata_values = lung_months$sex),
  fit_case("lung_months_exact_factor_ecog_reference_1", lung_months, Surv(time, event) ~ ecog + age + sexf,
           list(ecog, numeric_covariate("age", lung_months$age), factor_covariate("sex", lung_months$sexf)), "exact",
           note = "ph.ecog level 3 has a single subject"),
  fit_case("all_tied_exact", tied, Surv(time, event) ~ x + w,
           list(numeric_covariate("x", tied$x), numeric_covariate("w", tied$w)), "exact",
           note = "one risk set: the conditional logistic likelihood of 5 events among 8"),
  fit_case("monotone_no_events_when_x_1_exact", monotone, Surv(time, event) ~ x + w,
           list(numeric_covariate("x", monotone$x), numeric_covariate("w", monotone$w)), "exact",
           note = "no tied times: the Breslow likelihood, fitted by coxexact.fit's loop"),
  fit_case("separation_continuous_orders_events_exact", separated, Surv(time, event) ~ z + w,
           list(numeric_covariate("z", separated$z), numeric_covariate("w", separated$w)), "exact",
           note = "no tied times; coxexact.fit halves steps and stops as coxexact.c: iter = iter.max, var at the returned coef"),
  fit_case("nxp2_example_cohort", subjects, Surv(time, event) ~ group + age + sex,
           list(factor_covariate("group", subjects$group), numeric_covariate("age", subjects$age),
                factor_covariate("sex", subjects$sex)), "efron"))

write_fixture("cox", "cox.R", cases)
