# Reference values for the example study's analyses not yet checked end to end elsewhere:
# every analysis line of examples/Nxp2Jdm/nxp2_jdm.study after the CK Mann-Whitney comparison
# (t-test on CMAS, Fisher 2 x 2 and r x c on the binary outcomes, the three mixed models, the
# Kaplan-Meier curves at 12/24/36, the pairwise log-rank test and the Cox model), on the example's
# data with the example's cohort and groups. tests/Examples.Tests/Nxp2JdmAnalysesAgainstRTests.cs
# runs the code the generator writes for the study and compares every number here.
# Run: cd tests/Reference/r && Rscript example_analyses.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(survival); library(lme4); library(lmerTest) })

data_dir <- file.path("..", "..", "..", "examples", "Nxp2Jdm", "data")
subjects <- read.csv(file.path(data_dir, "subjects.csv"), na.strings = "", stringsAsFactors = FALSE)
visits <- read.csv(file.path(data_dir, "visits.csv"), na.strings = "", stringsAsFactors = FALSE)

# The cohort exactly as compare_options.R builds it.
# include "Complete antibody testing": antibody is not missing
# exclude "Missing follow-up time": relapse_months is missing
cohort <- subjects[!is.na(subjects$antibody) & !is.na(subjects$relapse_months), ]
group_of <- function(a, o) ifelse(a == "NXP2" & o == "juvenile", "NXP2_JDM",
                          ifelse(a == "MDA5" & o == "juvenile", "MDA5_JDM",
                          ifelse(a == "TIF1g" & o == "juvenile", "TIF1g_JDM",
                          ifelse(a == "NXP2" & o == "adult", "NXP2_ADM", NA))))
groups <- c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM")
cohort$group <- factor(group_of(cohort$antibody, cohort$onset), levels = groups)
cohort <- cohort[!is.na(cohort$group), ]
stopifnot(nrow(cohort) == 62)
for (b in c("mas", "myocardial", "dysphagia", "calcinosis", "relapsed")) cohort[[b]] <- cohort[[b]] == "true"

cases <- list()
add <- function(x) cases[[length(cases) + 1]] <<- x

# compare CMAS: NXP2_JDM vs (MDA5_JDM, TIF1g_JDM) using t_test
for (second in c("MDA5_JDM", "TIF1g_JDM")) {
  x <- cohort$cmas[cohort$group == "NXP2_JDM" & !is.na(cohort$cmas)]
  y <- cohort$cmas[cohort$group == second & !is.na(cohort$cmas)]
  t <- t.test(x, y, var.equal = TRUE)
  add(list(name = paste0("cmas_t_test_", second), kind = "t_test", first = "NXP2_JDM", second = second,
           n_x = length(x), n_y = length(y), statistic = unname(t$statistic), df = unname(t$parameter),
           p_value = t$p.value, estimate = unname(t$estimate[1] - t$estimate[2]),
           conf_low = t$conf.int[1], conf_high = t$conf.int[2]))
}

# compare MAS, myocardial, dysphagia, calcinosis: NXP2_JDM vs each using fisher
# Rows: first group, second group; columns: TRUE, FALSE (StudyRun.Compare.cs Contingency), so the
# odds ratio is that of "true" in NXP2_JDM. fisher.test finds the conditional MLE and the CI limits
# with uniroot's default tolerance (about 1.2e-4), so as in fisher.R the reference ("tight") is
# fisher.test's own code evaluated where uniroot passes tol = 1e-13; fisher.test as shipped is
# recorded too ("default_*").
fisher_tight <- stats::fisher.test
environment(fisher_tight) <- local({
  uniroot <- function(...) stats::uniroot(..., tol = 1e-13, maxiter = 10000)
  environment()
}, envir = new.env(parent = environment(stats::fisher.test)))
binaries <- c(MAS = "mas", myocardial = "myocardial", dysphagia = "dysphagia", calcinosis = "calcinosis")
for (v in names(binaries)) {
  col <- binaries[[v]]
  for (second in groups[-1]) {
    pair <- cohort[cohort$group %in% c("NXP2_JDM", second) & !is.na(cohort[[col]]), ]
    tab <- table(factor(as.character(pair$group), levels = c("NXP2_JDM", second)), factor(pair[[col]], levels = c(TRUE, FALSE)))
    f <- fisher_tight(tab)
    shipped <- fisher.test(tab)
    add(list(name = paste0("fisher_", v, "_", second), kind = "fisher_2x2", variable = v, first = "NXP2_JDM", second = second,
             table = I(as.vector(t(tab))), a = tab[1, 1], p_value = f$p.value, estimate = unname(f$estimate),
             conf_low = f$conf.int[1], conf_high = f$conf.int[2],
             default_p_value = shipped$p.value, default_estimate = unname(shipped$estimate),
             default_conf_low = shipped$conf.int[1], default_conf_high = shipped$conf.int[2]))
  }
}

# compare MAS, myocardial, dysphagia, calcinosis across groups using fisher
# The 4 x 2 table; also the probability of the observed table under the null (multivariate
# hypergeometric), which the runtime reports as its statistic.
for (v in names(binaries)) {
  col <- binaries[[v]]
  d <- cohort[!is.na(cohort[[col]]), ]
  tab <- table(d$group, factor(d[[col]], levels = c(TRUE, FALSE)))
  f <- fisher.test(tab)
  log_prob <- sum(lfactorial(rowSums(tab))) + sum(lfactorial(colSums(tab))) - lfactorial(sum(tab)) - sum(lfactorial(tab))
  add(list(name = paste0("fisher_across_", v), kind = "fisher_rxc", variable = v, table = I(as.vector(t(tab))),
           p_value = f$p.value, observed_table_probability = exp(log_prob)))
}

# model mixed ...: lmerTest::lmer REML with tight optimiser settings as in mixed.R.
tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")
course <- merge(visits, cohort[, c("id", "group")], by = "id")
course <- course[order(match(course$id, cohort$id), course$month), ]
stopifnot(nrow(course) == 307)
course$il10_ifng <- course$il10 / course$ifng

mixed_case <- function(name, source, formula, data) {
  data <- droplevels(data)
  fit <- lmer(formula, data = data, REML = TRUE, control = tight)
  co <- summary(fit)$coefficients
  aov <- anova(fit, type = "III", ddf = "Satterthwaite")
  list(name = name, kind = "mixed", source = source, formula = deparse(formula),
       n_obs = nobs(fit), n_subjects = unname(ngrps(fit)["id"]), group_levels = I(levels(data$group)),
       coefficients = list(names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
                           df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
       anova = list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                    f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
       criterion = unname(getME(fit, "devcomp")$cmp["REML"]),
       theta = I(unname(getME(fit, "theta"))), sigma = sigma(fit),
       packages = list(lme4 = as.character(packageVersion("lme4")), lmerTest = as.character(packageVersion("lmerTest"))))
}
juvenile <- course[course$group != "NXP2_ADM", ]
ck_data <- juvenile[!is.na(juvenile$ck), ]
cmas_data <- juvenile[!is.na(juvenile$cmas), ]
cyto_data <- course[!is.na(course$il10_ifng), ]
add(mixed_case("mixed_log_ck", "model mixed log(CKCourse) ~ group * factor(month) + (1 | id) where group != NXP2_ADM",
               log(ck) ~ group * factor(month) + (1 | id), ck_data))
add(mixed_case("mixed_cmas", "model mixed CMASCourse ~ group * factor(month) + (1 | id) where group != NXP2_ADM",
               cmas ~ group * factor(month) + (1 | id), cmas_data))
add(mixed_case("mixed_log_cytokine", "model mixed log(CytokineCourse) ~ group * factor(month) + (1 | id)",
               log(il10_ifng) ~ group * factor(month) + (1 | id), cyto_data))

# outcome Relapse: time_to_event(relapse_months, relapsed) horizon 36 -- administrative censoring
# at 36 months (an event after the horizon becomes a censoring at it; Variables.TimeToEvent).
horizon <- 36
cohort$time <- pmin(cohort$relapse_months, horizon)
cohort$event <- as.integer(cohort$relapsed & cohort$relapse_months <= horizon)

# model kaplan_meier Relapse by group at 12, 24, 36 (log CI, R's default)
times <- c(12, 24, 36)
km <- survfit(Surv(time, event) ~ group, data = cohort, conf.type = "log")
km_tab <- summary(km)$table
for (g in groups) {
  label <- paste0("group=", g)
  s <- summary(km[label], times = times, extend = TRUE)
  add(list(name = paste0("km_", g), kind = "kaplan_meier", group = g,
           n = unname(km_tab[label, "records"]), events = unname(km_tab[label, "events"]),
           times = I(s$time), n_risk = I(s$n.risk), surv = I(s$surv), std_err = I(s$std.err),
           lower = I(s$lower), upper = I(s$upper),
           median = unname(km_tab[label, "median"]), median_lower = unname(km_tab[label, "0.95LCL"]),
           median_upper = unname(km_tab[label, "0.95UCL"])))
}

# test logrank Relapse by group pairwise adjust holm
lr <- survdiff(Surv(time, event) ~ group, data = cohort)
lr_df <- length(lr$n) - 1
pairs <- combn(groups, 2)
pair_chisq <- apply(pairs, 2, function(ab) survdiff(Surv(time, event) ~ group, data = cohort[cohort$group %in% ab, ])$chisq)
pair_p <- pchisq(pair_chisq, 1, lower.tail = FALSE)
add(list(name = "logrank", kind = "logrank", observed = I(unname(lr$obs)), expected = I(unname(lr$exp)),
         chisq = lr$chisq, df = lr_df, p_value = pchisq(lr$chisq, lr_df, lower.tail = FALSE),
         pair_a = I(pairs[1, ]), pair_b = I(pairs[2, ]), pair_chisq = I(pair_chisq), pair_p = I(pair_p),
         pair_holm = I(p.adjust(pair_p, "holm"))))

# model cox Relapse ~ group + age + sex reference group = NXP2_ADM, sex = F ties efron
cox_data <- cohort
cox_data$group <- relevel(cox_data$group, ref = "NXP2_ADM")
cox_data$sex <- factor(cox_data$sex, levels = c("F", "M"))
fit <- coxph(Surv(time, event) ~ group + age + sex, data = cox_data, ties = "efron")
s <- summary(fit)
conc <- concordance(fit)
zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table
add(list(name = "cox", kind = "cox", survival = as.character(packageVersion("survival")),
         terms = I(names(coef(fit))), n = fit$n, nevent = fit$nevent,
         coef = I(unname(s$coefficients[, "coef"])), hr = I(unname(s$coefficients[, "exp(coef)"])),
         se = I(unname(s$coefficients[, "se(coef)"])), z = I(unname(s$coefficients[, "z"])),
         p = I(unname(s$coefficients[, "Pr(>|z|)"])),
         hr_low = I(unname(s$conf.int[, "lower .95"])), hr_high = I(unname(s$conf.int[, "upper .95"])),
         loglik = I(unname(fit$loglik)),
         lr = list(statistic = unname(s$logtest["test"]), df = unname(s$logtest["df"]), p = unname(s$logtest["pvalue"])),
         wald = list(statistic = unname(fit$wald.test), df = unname(s$waldtest["df"]), p = unname(s$waldtest["pvalue"])),
         score = list(statistic = unname(s$sctest["test"]), df = unname(s$sctest["df"]), p = unname(s$sctest["pvalue"])),
         concordance = unname(conc$concordance), concordance_se = sqrt(unname(conc$var)),
         zph = list(terms = I(rownames(zph)), chisq = I(unname(zph[, "chisq"])), df = I(unname(zph[, "df"])),
                    p = I(unname(zph[, "p"])))))

write_fixture("example_analyses", "example_analyses.R", cases)
