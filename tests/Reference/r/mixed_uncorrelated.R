# Reference values for uncorrelated random intercept and slope (issue 13): lme4's double-bar term
# (x || g), which lme4 expands to (1 | g) + (0 + x | g): two independent terms of one grouping factor,
# theta = the two relative SDs (a diagonal relative covariance factor), VarCorr with two SDs and no correlation.
# Cases:
#   sleepstudy_uncorrelated_reml  Reaction ~ Days + (Days || Subject), REML (lme4::sleepstudy)
#   sleepstudy_uncorrelated_ml    the same, ML
#   trial_uncorrelated_reml       score ~ arm * week + (week || id), REML, on the simulated trial of
#                                 examples/RandomisedTrial (tests/Runtime.Tests/Reference/data/trial_*.csv,
#                                 read as mixed_reference.R reads them; 300 subjects, 1955 visit rows)
# Each: fixed effects with Satterthwaite df, type III ANOVA (Satterthwaite), VarCorr, logLik, AIC, BIC, REML
# criterion / deviance, theta, sigma, vcov; each REML case also with Kenward-Roger (pbkrtest 0.5.2 through
# lmerTest: summary(fit, ddf = "Kenward-Roger"), anova(fit, type = "III", ddf = "Kenward-Roger"), vcovAdj).
# The script stops unless (1 | g) + (0 + x | g) gives the same fit as (x || g) (both spellings, one model).
# Tight optimiser settings as in mixed.R, so R's optimiser is not the limit of the comparison.
# Output: tests/Runtime.Tests/Reference/mixed_uncorrelated.expected.json (conventions of fixture_io.R).
# Run: cd tests/Reference/r && Rscript mixed_uncorrelated.R   (about half a minute: KR on 1955 rows)
source("fixture_io.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(pbkrtest) })

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")

coefficients_of <- function(co) list(
  names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
  df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"])))
anova_of <- function(aov) list(
  terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]), f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]]))

fit_case <- function(name, formula, expanded, data, reml, inputs, grouping) {
  fit <- lmer(formula, data = data, REML = reml, control = tight)
  other <- lmer(expanded, data = data, REML = reml, control = tight)
  stopifnot(length(getME(fit, "theta")) == 2,
            max(abs(getME(fit, "theta") - getME(other, "theta"))) < 1e-9,
            max(abs(fixef(fit) - fixef(other)) / abs(fixef(fit))) < 1e-9)
  co <- summary(fit)$coefficients
  aov <- anova(fit, type = "III", ddf = "Satterthwaite")
  vc <- as.data.frame(VarCorr(fit))
  out <- list(
    name = name, formula = deparse(formula), expanded = deparse(expanded),
    printed_formula = deparse(formula(fit)), reml = reml, data = inputs,
    n_obs = nobs(fit), n_subjects = unname(ngrps(fit)[grouping]),
    coefficients = coefficients_of(co),
    anova = anova_of(aov),
    theta = I(unname(getME(fit, "theta"))),
    theta_lower = I(unname(getME(fit, "lower"))),
    sigma = sigma(fit),
    varcorr = list(grp = I(vc$grp), var1 = I(ifelse(is.na(vc$var1), "", vc$var1)),
                   var2 = I(ifelse(is.na(vc$var2), "", vc$var2)), vcov = I(vc$vcov), sdcor = I(vc$sdcor)),
    loglik = as.numeric(logLik(fit)),
    loglik_df = attr(logLik(fit), "df"),
    vcov = I(as.vector(t(as.matrix(vcov(fit))))),
    aic = AIC(fit),
    bic = BIC(fit),
    criterion = if (reml) unname(getME(fit, "devcomp")$cmp["REML"]) else deviance(fit),
    singular = isSingular(fit),
    packages = list(lme4 = as.character(packageVersion("lme4")), lmerTest = as.character(packageVersion("lmerTest")),
                    pbkrtest = as.character(packageVersion("pbkrtest")), numDeriv = as.character(packageVersion("numDeriv"))))
  if (reml) {
    out$kenward_roger <- list(
      coefficients = coefficients_of(summary(fit, ddf = "Kenward-Roger")$coefficients),
      anova = anova_of(anova(fit, type = "III", ddf = "Kenward-Roger")),
      vcov_adjusted = I(as.vector(t(as.matrix(vcovAdj(fit))))))
  }
  out
}

ss <- lme4::sleepstudy
ss_inputs <- list(y = I(ss$Reaction), days = I(ss$Days), subject = I(as.integer(ss$Subject) - 1L))

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
subjects <- read.csv(file.path(data_dir, "trial_subjects.csv"), na.strings = "", stringsAsFactors = FALSE,
                     colClasses = c(id = "character", arm = "character"))
visits <- read.csv(file.path(data_dir, "trial_visits.csv"), na.strings = "", stringsAsFactors = FALSE,
                   colClasses = c(id = "character"))
stopifnot(nrow(subjects) == 300, nrow(visits) == 1955)
subjects$arm <- factor(subjects$arm, levels = c("control", "treatment"))
rows <- merge(visits, subjects[, c("id", "arm")], by = "id")
rows <- rows[order(match(rows$id, subjects$id), rows$week), ]
rows <- rows[!is.na(rows$score), ]
trial_inputs <- list(y = I(rows$score), week = I(rows$week), arm = I(as.integer(rows$arm) - 1L),
                     subject = I(match(rows$id, unique(rows$id)) - 1L))

write_fixture("mixed_uncorrelated", "mixed_uncorrelated.R", list(
  fit_case("sleepstudy_uncorrelated_reml", Reaction ~ Days + (Days || Subject), Reaction ~ Days + (1 | Subject) + (0 + Days | Subject),
           ss, TRUE, ss_inputs, "Subject"),
  fit_case("sleepstudy_uncorrelated_ml", Reaction ~ Days + (Days || Subject), Reaction ~ Days + (1 | Subject) + (0 + Days | Subject),
           ss, FALSE, ss_inputs, "Subject"),
  fit_case("trial_uncorrelated_reml", score ~ arm * week + (week || id), score ~ arm * week + (1 | id) + (0 + week | id),
           rows, TRUE, trial_inputs, "id")))
