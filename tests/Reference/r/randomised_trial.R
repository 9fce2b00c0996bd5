# Reference values for the analyses of examples/RandomisedTrial/trial.study (issue 12's acceptance
# example), on its simulated data (examples/RandomisedTrial/data/*.csv), computed in R the way the
# study defines them. Each case's `id` is the analysis id the study gives it (`as ...`):
#   subject_derives   score0 and change24 (below) per subject, in subjects.csv order (NA = missing).
#   populations       the subject flow of `population ITT: true` and `population PP: adherent and
#                     not deviated`: n in, n out by the first condition that fails.
#   table1            describe age, sex, score0, adherent, deviated by arm (everyone randomised):
#                     per arm, continuous variables as n, missing, mean, sd, median, q1, q3
#                     (quantile type 7), min, max; sex as counts and percent per level (codes 1/2,
#                     labels Male/Female); bools as n true of n non-missing and percent.
#   table1_overall    the same variables, everyone in one group "overall".
#   table1_by_sex     describe age, score0, adherent, deviated by arm, within sex == 1 and sex == 2.
#   change24_summary  describe score0, change24 by arm, where
#                       score0   = first(visits.score where week == 0)   (missing without a week-0 row)
#                       change24 = last(visits.score where week <= 24) - score0
#                     first/last order a subject's visit rows by week (the repeated outcome's time).
#   change24_itt      t.test(change24 ~ arm, var.equal = TRUE), treatment minus control, everyone
#                     (ITT); subjects with change24 missing are left out (n per arm given). Welch too.
#   change24_pp       the same in the per-protocol population.
#   km_arm            survfit(Surv(time_weeks, status == 2) ~ arm), conf.type "log": per arm n,
#                     events, median and 95% CI, survival at 12 and 24 weeks with n at risk, SE, CI.
#                     (horizon 52: times are already censored at 52 weeks, so it changes nothing.)
#   km_arm_by_sex     the same within sex == 1 and sex == 2.
#   logrank_arm       survdiff(Surv(time_weeks, status == 2) ~ arm): observed, expected, chisq, df, p.
#   cox_arm           coxph(Surv(time_weeks, status == 2) ~ arm, ties = "efron"), reference control:
#                     coef, SE, HR and 95% CI, z, p, Wald / LR / score tests, concordance, cox.zph.
#   cox_arm_by_sex    the same within sex == 1 and sex == 2.
#   cox_arm_pp        the same in the per-protocol population.
#   ancova_change24   lm(change24 ~ arm + score0) (arm reference control; subjects without change24 or
#                     score0 left out by na.omit): coefficients with SE, t, p, confint; sigma, R², F,
#                     AIC, BIC; the type II ANOVA as car::Anova(fit, type = 2).
#   logistic_responder glm(responder ~ arm + score0, family = binomial), responder = change24 >= 10 (NA
#                     when change24 is): coefficients with SE, z, p, confint.default (Wald) and confint
#                     (profile likelihood), deviance, null deviance, AIC, n and rows left out.
#   responder_rd      risk difference treatment - control of responder, Newcombe's hybrid score CI (method
#                     10) from the Wilson limits prop.test(x, n, correct = FALSE)$conf.int, and
#                     prop.test(c(x1, x2), c(n1, n2), correct = FALSE).
#   mmrm_score        MMRM, unstructured covariance over weeks 4..24, adjusted for score0 (see its section below).
#   mixed_score       lmerTest::lmer(score ~ arm * factor(week) + (1 | id), REML) on the visit rows
#                     with week > 0 (everyone): fixed effects with Satterthwaite df, the type III
#                     ANOVA (arm x week interaction), theta, sigma, REML criterion. Tight optimiser
#                     settings as in example_analyses.R / mixed.R, so the optimiser is not the limit.
# Output: tests/Examples.Tests/Reference/randomised_trial.expected.json (the conventions of
# fixture_io.R: 17 significant digits, "NA"/"Inf" as strings).
# Run: cd tests/Reference/r && Rscript randomised_trial.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(survival); library(lme4); library(lmerTest); library(car) })

data_dir <- file.path("..", "..", "..", "examples", "RandomisedTrial", "data")
subjects <- read.csv(file.path(data_dir, "subjects.csv"), na.strings = "", stringsAsFactors = FALSE,
                     colClasses = c(id = "character", arm = "character", adherent = "character", deviated = "character"))
visits <- read.csv(file.path(data_dir, "visits.csv"), na.strings = "", stringsAsFactors = FALSE,
                   colClasses = c(id = "character"))
stopifnot(nrow(subjects) == 300, all(subjects$adherent %in% c("true", "false")), all(subjects$deviated %in% c("true", "false")))
subjects$adherent <- subjects$adherent == "true"
subjects$deviated <- subjects$deviated == "true"
ARMS <- c("control", "treatment")
ARM_LABELS <- c("Control", "Treatment")
SEXES <- c(1, 2)
SEX_LABELS <- c("Male", "Female")
subjects$arm <- factor(subjects$arm, levels = ARMS)
stopifnot(!anyNA(subjects$arm), all(subjects$sex %in% SEXES))

# outcome Event: time_to_event(time_weeks, status == 2) horizon 52
horizon <- 52
subjects$time <- pmin(subjects$time_weeks, horizon)
subjects$event <- as.integer(subjects$status == 2 & subjects$time_weeks <= horizon)

# Child-table aggregates, ordered by week (ties keep file order: order() is stable).
visits <- visits[order(match(visits$id, subjects$id), visits$week), ]
first_where <- function(rows) if (nrow(rows) == 0) NA_real_ else rows$score[1]
last_where <- function(rows) if (nrow(rows) == 0) NA_real_ else rows$score[nrow(rows)]
by_subject <- split(visits, factor(visits$id, levels = subjects$id))
subjects$score0 <- vapply(by_subject, function(r) first_where(r[r$week == 0, ]), 0)
subjects$last24 <- vapply(by_subject, function(r) last_where(r[r$week <= 24, ]), 0)
subjects$change24 <- subjects$last24 - subjects$score0

# population PP "Per protocol": adherent and not deviated
subjects$pp <- subjects$adherent & !subjects$deviated
pp <- subjects[subjects$pp, ]

cases <- list()
add <- function(x) cases[[length(cases) + 1]] <<- x

# The two child-table aggregates per subject, in subjects.csv order, so a failing comparison of the
# summaries below can be traced to the subjects whose derive differs.
add(list(name = "subject_derives", kind = "derives", id = I(subjects$id),
         score0 = I(subjects$score0), change24 = I(subjects$change24),
         n_score0_missing = sum(is.na(subjects$score0)), n_change24_missing = sum(is.na(subjects$change24))))

add(list(name = "populations", kind = "population_flow",
         populations = list(
           list(name = "ITT", label = "Intention to treat", n_in = nrow(subjects), n_out = 0,
                out_by_condition = list()),
           list(name = "PP", label = "Per protocol", n_in = nrow(pp), n_out = nrow(subjects) - nrow(pp),
                # A subject is counted under the first condition it fails, in the order written.
                out_by_condition = list(list(condition = "adherent", n = sum(!subjects$adherent)),
                                        list(condition = "not deviated", n = sum(subjects$adherent & subjects$deviated)))))))

# Descriptive statistics --------------------------------------------------------------------
continuous <- function(v) {
  o <- v[!is.na(v)]
  if (length(o) == 0) return(list(kind = "continuous", n = 0, missing = length(v)))
  list(kind = "continuous", n = length(o), missing = sum(is.na(v)), mean = mean(o), sd = sd(o), median = median(o),
       q1 = unname(quantile(o, 0.25, type = 7)), q3 = unname(quantile(o, 0.75, type = 7)), min = min(o), max = max(o))
}
categorical <- function(v, levels, labels) {
  o <- v[!is.na(v)]
  counts <- vapply(levels, function(l) sum(o == l), 0)
  list(kind = "categorical", levels = I(levels), labels = I(labels), n = length(o), missing = sum(is.na(v)),
       counts = I(counts), percent = I(100 * counts / length(o)))
}
binary <- function(v) {
  o <- v[!is.na(v)]
  list(kind = "binary", n = length(o), missing = sum(is.na(v)), n_true = sum(o), percent = 100 * sum(o) / length(o))
}
describe_vars <- list(
  age = function(d) continuous(d$age),
  sex = function(d) categorical(d$sex, SEXES, SEX_LABELS),
  score0 = function(d) continuous(d$score0),
  change24 = function(d) continuous(d$change24),
  adherent = function(d) binary(d$adherent),
  deviated = function(d) binary(d$deviated))
describe_groups <- function(d, variables, by_arm = TRUE) {
  groups <- if (by_arm) lapply(seq_along(ARMS), function(k) list(level = ARMS[k], label = ARM_LABELS[k], rows = d[d$arm == ARMS[k], ]))
            else list(list(level = "overall", label = "Overall", rows = d))
  lapply(groups, function(g) list(level = g$level, label = g$label, n = nrow(g$rows),
                                  variables = setNames(lapply(variables, function(v) describe_vars[[v]](g$rows)), variables)))
}
table1_vars <- c("age", "sex", "score0", "adherent", "deviated")
add(list(name = "table1", id = "table1", kind = "describe", population = NULL, by = "arm", variables = I(table1_vars),
         groups = describe_groups(subjects, table1_vars)))
add(list(name = "table1_overall", id = "table1_overall", kind = "describe", overall = TRUE, variables = I(table1_vars),
         groups = describe_groups(subjects, table1_vars, by_arm = FALSE)))
by_sex_vars <- c("age", "score0", "adherent", "deviated")
add(list(name = "table1_by_sex", id = "table1_by_sex", kind = "describe", by = "arm", within = "sex", variables = I(by_sex_vars),
         levels = lapply(seq_along(SEXES), function(k) list(
           level = SEXES[k], label = SEX_LABELS[k], id = paste0("table1_by_sex.", SEXES[k]),
           n = sum(subjects$sex == SEXES[k]),
           groups = describe_groups(subjects[subjects$sex == SEXES[k], ], by_sex_vars)))))
add(list(name = "change24_summary", id = "change24_summary", kind = "describe", by = "arm", variables = I(c("score0", "change24")),
         groups = describe_groups(subjects, c("score0", "change24"))))

# Change from baseline: treatment vs control ---------------------------------------------------
t_of <- function(x, y, var_equal) {
  t <- t.test(x, y, var.equal = var_equal)
  list(t = unname(t$statistic), df = unname(t$parameter), p = t$p.value,
       mean_x = unname(t$estimate[1]), mean_y = unname(t$estimate[2]),
       estimate = unname(t$estimate[1] - t$estimate[2]), conf_low = t$conf.int[1], conf_high = t$conf.int[2],
       se = unname(t$stderr))
}
compare_change <- function(name, d, population) {
  x <- d$change24[d$arm == "treatment"]
  y <- d$change24[d$arm == "control"]
  list(name = name, id = name, kind = "compare", test = "t_test", population = population, by = "arm",
       first = "treatment", second = "control", note = "estimate = mean(treatment) - mean(control)",
       n_x = sum(!is.na(x)), n_y = sum(!is.na(y)), missing_x = sum(is.na(x)), missing_y = sum(is.na(y)),
       student = t_of(x[!is.na(x)], y[!is.na(y)], TRUE), welch = t_of(x[!is.na(x)], y[!is.na(y)], FALSE))
}
add(compare_change("change24_itt", subjects, "ITT"))
add(compare_change("change24_pp", pp, "PP"))

# Kaplan-Meier and log-rank -------------------------------------------------------------------
times <- c(12, 24)
km_groups <- function(d) {
  fit <- survfit(Surv(time, event) ~ arm, data = d, conf.type = "log")
  tab <- summary(fit)$table
  lapply(seq_along(ARMS), function(k) {
    label <- paste0("arm=", ARMS[k])
    s <- summary(fit[label], times = times, extend = TRUE)
    list(level = ARMS[k], label = ARM_LABELS[k], n = unname(tab[label, "records"]), events = unname(tab[label, "events"]),
         median = unname(tab[label, "median"]), median_lower = unname(tab[label, "0.95LCL"]),
         median_upper = unname(tab[label, "0.95UCL"]),
         at = list(time = I(s$time), n_risk = I(s$n.risk), surv = I(s$surv), std_err = I(s$std.err),
                   lower = I(s$lower), upper = I(s$upper)))
  })
}
survival_version <- as.character(packageVersion("survival"))
add(list(name = "km_arm", id = "km_arm", kind = "kaplan_meier", by = "arm", conf_type = "log", times = I(times),
         survival = survival_version, groups = km_groups(subjects)))
add(list(name = "km_arm_by_sex", id = "km_arm_by_sex", kind = "kaplan_meier", by = "arm", within = "sex", conf_type = "log",
         times = I(times), survival = survival_version,
         levels = lapply(seq_along(SEXES), function(k) list(
           level = SEXES[k], label = SEX_LABELS[k], id = paste0("km_arm_by_sex.", SEXES[k]), n = sum(subjects$sex == SEXES[k]),
           groups = km_groups(subjects[subjects$sex == SEXES[k], ])))))
lr <- survdiff(Surv(time, event) ~ arm, data = subjects)
add(list(name = "logrank_arm", id = "logrank_arm", kind = "logrank", by = "arm", levels = I(ARMS),
         n = I(unname(as.numeric(lr$n))), observed = I(unname(lr$obs)), expected = I(unname(lr$exp)),
         chisq = lr$chisq, df = length(lr$n) - 1, p = pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE)))

# Cox -----------------------------------------------------------------------------------------
test_of <- function(statistic, df) list(statistic = unname(statistic), df = unname(df),
                                        p = pchisq(unname(statistic), unname(df), lower.tail = FALSE))
cox_fit <- function(d) {
  fit <- coxph(Surv(time, event) ~ arm, data = d, ties = "efron")
  s <- summary(fit)
  cm <- s$coefficients
  ci <- s$conf.int
  conc <- concordance(fit)
  zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table
  list(n = fit$n, events = fit$nevent, iter = fit$iter, terms = I(names(coef(fit))),
       coef = I(unname(cm[, "coef"])), se = I(unname(cm[, "se(coef)"])), hr = I(unname(cm[, "exp(coef)"])),
       hr_low = I(unname(ci[, "lower .95"])), hr_high = I(unname(ci[, "upper .95"])),
       z = I(unname(cm[, "z"])), p = I(unname(cm[, "Pr(>|z|)"])), loglik = I(unname(fit$loglik)),
       wald = test_of(fit$wald.test, s$waldtest["df"]), lr = test_of(s$logtest["test"], s$logtest["df"]),
       score = test_of(s$sctest["test"], s$sctest["df"]),
       concordance = unname(conc$concordance), concordance_se = sqrt(unname(conc$var)),
       zph = list(terms = I(rownames(zph)), chisq = I(unname(zph[, "chisq"])), df = I(unname(zph[, "df"])),
                  p = I(unname(zph[, "p"]))))
}
cox_case <- function(name, d, population = NULL) c(
  list(name = name, id = name, kind = "cox", formula = "Surv(time_weeks, status == 2) ~ arm", reference = "control",
       ties = "efron", population = population, survival = survival_version),
  cox_fit(d))
add(cox_case("cox_arm", subjects))
add(list(name = "cox_arm_by_sex", id = "cox_arm_by_sex", kind = "cox", formula = "Surv(time_weeks, status == 2) ~ arm",
         reference = "control", ties = "efron", within = "sex", survival = survival_version,
         levels = lapply(seq_along(SEXES), function(k) c(
           list(level = SEXES[k], label = SEX_LABELS[k], id = paste0("cox_arm_by_sex.", SEXES[k])),
           cox_fit(subjects[subjects$sex == SEXES[k], ])))))
add(cox_case("cox_arm_pp", pp, "PP"))

# ANCOVA of the change to week 24 ---------------------------------------------------------------
ancova <- lm(change24 ~ arm + score0, data = subjects)
ancova_summary <- summary(ancova)
ancova_ci <- confint(ancova)
ancova_aov <- Anova(ancova, type = 2)
add(list(name = "ancova_change24", id = "ancova_change24", kind = "linear", formula = "change24 ~ arm + score0",
         reference = "control", n = nobs(ancova), n_excluded = nrow(subjects) - nobs(ancova),
         terms = I(names(coef(ancova))), coef = I(unname(coef(ancova))),
         se = I(unname(ancova_summary$coefficients[, "Std. Error"])), t = I(unname(ancova_summary$coefficients[, "t value"])),
         p = I(unname(ancova_summary$coefficients[, "Pr(>|t|)"])), ci_low = I(unname(ancova_ci[, 1])), ci_high = I(unname(ancova_ci[, 2])),
         sigma = ancova_summary$sigma, df_residual = ancova$df.residual, r_squared = ancova_summary$r.squared,
         adj_r_squared = ancova_summary$adj.r.squared, f = unname(ancova_summary$fstatistic["value"]),
         aic = AIC(ancova), bic = BIC(ancova),
         anova = list(terms = I(rownames(ancova_aov)[-nrow(ancova_aov)]), df = I(ancova_aov$Df[-nrow(ancova_aov)]),
                      ss = I(ancova_aov[["Sum Sq"]][-nrow(ancova_aov)]), f = I(ancova_aov[["F value"]][-nrow(ancova_aov)]),
                      p = I(ancova_aov[["Pr(>F)"]][-nrow(ancova_aov)])),
         car = as.character(packageVersion("car"))))

# Responders: logistic model and risk difference -------------------------------------------------
subjects$responder <- subjects$change24 >= 10
logit <- glm(responder ~ arm + score0, family = binomial, data = subjects)
logit_co <- summary(logit)$coefficients
logit_wald <- confint.default(logit)
logit_profile <- suppressMessages(confint(logit))
add(list(name = "logistic_responder", id = "logistic_responder", kind = "logistic", formula = "responder ~ arm + score0",
         reference = "control", n = nobs(logit), n_excluded = nrow(subjects) - nobs(logit),
         terms = I(names(coef(logit))), coef = I(unname(coef(logit))), se = I(unname(logit_co[, "Std. Error"])),
         z = I(unname(logit_co[, "z value"])), p = I(unname(logit_co[, "Pr(>|z|)"])),
         wald_low = I(unname(logit_wald[, 1])), wald_high = I(unname(logit_wald[, 2])),
         profile_low = I(unname(logit_profile[, 1])), profile_high = I(unname(logit_profile[, 2])),
         deviance = deviance(logit), null_deviance = logit$null.deviance, df_residual = logit$df.residual,
         df_null = logit$df.null, aic = AIC(logit)))
responders <- subjects[!is.na(subjects$responder), ]
rd_x <- c(sum(responders$responder[responders$arm == "treatment"]), sum(responders$responder[responders$arm == "control"]))
rd_n <- c(sum(responders$arm == "treatment"), sum(responders$arm == "control"))
wilson <- lapply(1:2, function(k) prop.test(rd_x[k], rd_n[k], correct = FALSE)$conf.int)
rd_p <- rd_x / rd_n
rd <- rd_p[1] - rd_p[2]
rd_test <- prop.test(rd_x, rd_n, correct = FALSE)
add(list(name = "responder_rd", id = "responder_rd", kind = "risk_difference", groups = I(c("treatment", "control")),
         x = I(rd_x), n = I(rd_n), estimate = rd,
         low = rd - sqrt((rd_p[1] - wilson[[1]][1])^2 + (wilson[[2]][2] - rd_p[2])^2),
         high = rd + sqrt((wilson[[1]][2] - rd_p[1])^2 + (rd_p[2] - wilson[[2]][1])^2),
         chisq = unname(rd_test$statistic), p = rd_test$p.value))

# Mixed model ---------------------------------------------------------------------------------
tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")
course <- merge(visits, subjects[, c("id", "arm")], by = "id")
course <- course[order(match(course$id, subjects$id), course$week), ]
n_visit_rows <- nrow(course)
course <- course[course$week > 0 & !is.na(course$score), ]
fit <- lmer(score ~ arm * factor(week) + (1 | id), data = course, REML = TRUE, control = tight)
co <- summary(fit)$coefficients
aov <- anova(fit, type = "III", ddf = "Satterthwaite")
add(list(name = "mixed_score", id = "mixed_score", kind = "mixed", formula = "score ~ arm * factor(week) + (1 | id)",
         where = "week > 0", method = "reml", n_visit_rows = n_visit_rows, n_left_out_by_where = n_visit_rows - nrow(course),
         n_obs = nobs(fit), n_subjects = unname(ngrps(fit)["id"]), arm_levels = I(ARMS),
         week_levels = I(sort(unique(course$week))),
         coefficients = list(names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
                             df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
         anova = list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                      f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
         criterion = unname(getME(fit, "devcomp")$cmp["REML"]),
         theta = I(unname(getME(fit, "theta"))), sigma = sigma(fit)))

# MMRM --------------------------------------------------------------------------------------------
# model mmrm ScoreCourse ~ arm * factor(week) + score0 covariance us where week > 0 reference arm = control
#   means arm: mmrm is not served by Debian, so nlme::gls(corSymm + varIdent, REML) gives the start and the
#   REML criterion of mmrm_functions.R (mmrm's formula) is polished to a tight optimum; Satterthwaite df by
#   numDeriv as mmrm's; the arm means at each visit at score0's mean over the fitted rows (emmeans' grid)
#   and treatment - control at each visit. Rows of subjects without score0 are left out (na.omit).
source("mmrm_functions.R")
suppressPackageStartupMessages(library(nlme))
mm <- merge(course, subjects[, c("id", "score0")], by = "id")
mm <- mm[order(match(mm$id, subjects$id), mm$week), ]
mm_missing_score0 <- sum(is.na(mm$score0))
mm <- mm[!is.na(mm$score0), ]
mm_weeks <- sort(unique(mm$week))
mm$visit <- match(mm$week, mm_weeks)
mm$weekf <- factor(mm$week, levels = mm_weeks)
mm_form <- score ~ arm * factor(week) + score0
mm_X <- model.matrix(mm_form, mm)
mm_gls <- gls(score ~ arm * weekf + score0, mm, correlation = corSymm(form = ~ visit | id), weights = varIdent(form = ~ 1 | weekf), method = "REML")
mm_full <- names(which(table(mm$id) == length(mm_weeks)))[1]
mm_start <- mmrm_theta_from_sigma("us", unclass(getVarCov(mm_gls, individual = mm_full)))
mm_fit <- mmrm_fit("us", mm$score, mm_X, match(mm$id, unique(mm$id)), mm$visit, length(mm_weeks), mm_start)
mm_rows <- t(sapply(seq_len(ncol(mm_X)), function(j) mmrm_contrast(mm_fit, as.numeric(seq_len(ncol(mm_X)) == j))))
mm_grid <- expand.grid(arm = factor(ARMS, levels = ARMS), week = mm_weeks)
mm_grid$score0 <- mean(mm$score0); mm_grid$score <- 0
mm_G <- model.matrix(mm_form, mm_grid)
mm_means <- t(sapply(seq_len(nrow(mm_G)), function(r) mmrm_contrast(mm_fit, mm_G[r, ])))
mm_diff <- t(sapply(seq_along(mm_weeks), function(v) mmrm_contrast(mm_fit, mm_G[2 * v, ] - mm_G[2 * v - 1, ])))
mm_ll <- -mm_fit$solve$criterion / 2
mm_k <- mmrm_parameters("us", length(mm_weeks))
add(list(name = "mmrm_score", id = "mmrm_score", kind = "mmrm", formula = "score ~ arm * factor(week) + score0 + us(week | id)",
         n_obs = nrow(mm), n_subjects = length(unique(mm$id)), n_missing_score0 = mm_missing_score0, weeks = I(mm_weeks),
         names = I(colnames(mm_X)), beta = I(unname(mm_fit$solve$beta)), se = I(unname(mm_rows[, "se"])), df = I(unname(mm_rows[, "df"])),
         p = I(unname(mm_rows[, "p"])), sigma = I(as.vector(t(mm_fit$solve$sigma))),
         log_lik = mm_ll, aic = -2 * mm_ll + 2 * mm_k, bic = -2 * mm_ll + mm_k * log(length(unique(mm$id))),
         gls_log_lik = as.numeric(logLik(mm_gls)), max_abs_gradient = max(abs(mm_fit$gradient)),
         means = list(arm = I(as.character(mm_grid$arm)), week = I(mm_grid$week), estimate = I(unname(mm_means[, "estimate"])),
                      se = I(unname(mm_means[, "se"])), df = I(unname(mm_means[, "df"]))),
         contrast = list(week = I(mm_weeks), estimate = I(unname(mm_diff[, "estimate"])), se = I(unname(mm_diff[, "se"])),
                         df = I(unname(mm_diff[, "df"])), p = I(unname(mm_diff[, "p"])), lower = I(unname(mm_diff[, "lower"])),
                         upper = I(unname(mm_diff[, "upper"])))))

out <- list(
  script = "randomised_trial.R",
  study = "examples/RandomisedTrial/trial.study",
  r_version = R.version.string,
  packages = list(stats = as.character(packageVersion("stats")), jsonlite = as.character(packageVersion("jsonlite")),
                  survival = survival_version, lme4 = as.character(packageVersion("lme4")),
                  lmerTest = as.character(packageVersion("lmerTest"))),
  cases = exact_numbers(cases))
path <- file.path("..", "..", "Examples.Tests", "Reference", "randomised_trial.expected.json")
dir.create(dirname(path), showWarnings = FALSE)
writeLines(toJSON(out, auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE, null = "null"), path)
cat("wrote", path, "\n")
