# Reference values for the linear mixed model kernel (lme4::lmer + lmerTest).
# Run: cd tests/Reference/r && Rscript mixed.R
#
# Each case is fitted twice: with lmer's default optimiser settings and with a tight
# nloptwrap (BOBYQA) tolerance. The tight fit is the reference (its theta is the optimum to
# ~1e-10); the default fit's theta and its largest relative difference from the tight fit in
# the fixed effects are recorded, to show how far R's defaults stop from the optimum.
source("fixture_io.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest) })

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")

# Cell means x'β of every group × month cell with Satterthwaite df and 95% CI, by
# lmerTest::contest1D(confint = TRUE): for an all-factor model these are the estimated
# marginal means emmeans(fit, ~ group * month, lmer.df = "satterthwaite") reports.
cell_means <- function(fit, data) {
  grid <- expand.grid(month = sort(unique(data$month)), group = levels(data$group))[, c("group", "month")]
  grid$group <- factor(grid$group, levels = levels(data$group))
  grid$ck <- 1
  X <- model.matrix(~ group * factor(month), data = grid)
  rows <- lapply(seq_len(nrow(X)), function(i) lmerTest::contest1D(fit, X[i, ], confint = TRUE))
  list(group = I(as.character(grid$group)), month = I(grid$month),
       estimate = I(sapply(rows, function(r) r$Estimate)), se = I(sapply(rows, function(r) r$"Std. Error")),
       df = I(sapply(rows, function(r) r$df)), lower = I(sapply(rows, function(r) r$lower)),
       upper = I(sapply(rows, function(r) r$upper)))
}

fit_case <- function(name, formula, data, reml, inputs, means = FALSE) {
  default_fit <- lmer(formula, data = data, REML = reml)
  fit <- lmer(formula, data = data, REML = reml, control = tight)
  co <- summary(fit)$coefficients
  aov <- anova(fit, type = "III", ddf = "Satterthwaite")
  vc <- as.data.frame(VarCorr(fit))
  L3 <- lmerTest:::get_contrasts_type3(fit)
  out <- list(
    name = name,
    formula = deparse(formula),
    reml = reml,
    data = inputs,
    coefficients = list(
      names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
      df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
    anova = list(
      terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
      f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
    type3_contrasts = lapply(L3, function(L) list(rows = nrow(L), values = I(as.vector(t(L))))),
    theta = I(unname(getME(fit, "theta"))),
    sigma = sigma(fit),
    varcorr = list(grp = I(vc$grp), var1 = I(ifelse(is.na(vc$var1), "", vc$var1)),
                   var2 = I(ifelse(is.na(vc$var2), "", vc$var2)), vcov = I(vc$vcov), sdcor = I(vc$sdcor)),
    loglik = as.numeric(logLik(fit)),
    vcov = I(as.vector(t(as.matrix(vcov(fit))))),
    aic = AIC(fit),
    bic = BIC(fit),
    criterion = if (reml) unname(getME(fit, "devcomp")$cmp["REML"]) else deviance(fit),
    singular = isSingular(fit),
    vcov_varpar = I(as.vector(fit@vcov_varpar)),
    default_theta = I(unname(getME(default_fit, "theta"))),
    default_max_relative_beta_difference =
      max(abs(fixef(default_fit) - fixef(fit)) / pmax(abs(fixef(fit)), 1e-300)),
    packages = list(lme4 = as.character(packageVersion("lme4")), lmerTest = as.character(packageVersion("lmerTest")), numDeriv = as.character(packageVersion("numDeriv"))),
    default_messages = I(c(default_fit@optinfo$conv$lme4$messages, character(0))))
  if (means) out$cell_means <- cell_means(fit, data)
  out
}

ss <- lme4::sleepstudy
ss_inputs <- list(y = I(ss$Reaction), days = I(ss$Days), subject = I(as.integer(ss$Subject) - 1L))

# The seed study's cohort: complete antibody testing, follow-up time known, juvenile groups.
subjects <- read.csv("../../../examples/Nxp2Jdm/data/subjects.csv", stringsAsFactors = FALSE, na.strings = "")
visits <- read.csv("../../../examples/Nxp2Jdm/data/visits.csv", stringsAsFactors = FALSE, na.strings = "")
subjects <- subjects[!is.na(subjects$antibody) & !is.na(subjects$relapse_months) & subjects$onset == "juvenile", ]
subjects$group <- paste0(subjects$antibody, "_JDM")
levels_group <- c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM")
seed <- merge(visits, subjects[, c("id", "group")], by = "id")
seed <- seed[order(match(seed$id, subjects$id), seed$month), ]
seed <- seed[!is.na(seed$ck) & seed$ck > 0, ]
seed$group <- factor(seed$group, levels = levels_group)
seed_inputs <- list(y = I(seed$ck), month = I(seed$month), group = I(as.integer(seed$group) - 1L),
                    group_levels = I(levels_group), subject = I(match(seed$id, unique(seed$id)) - 1L))

# A random intercept whose variance estimate is zero: the subjects share one mean.
set.seed(20251125)
singular <- NULL
for (attempt in 1:200) {
  d <- data.frame(subject = rep(0:9, each = 4), x = rep(c(0, 1, 2, 3), 10))
  d$y <- 2 + 0.5 * d$x + rnorm(40)
  f <- suppressMessages(lmer(y ~ x + (1 | subject), data = d))
  if (isSingular(f)) { singular <- d; break }
}
singular$subject <- factor(singular$subject)
singular_inputs <- list(y = I(singular$y), x = I(singular$x), subject = I(as.integer(singular$subject) - 1L))

cases <- list(
  fit_case("sleepstudy_slope_reml", Reaction ~ Days + (Days | Subject), ss, TRUE, ss_inputs),
  fit_case("sleepstudy_slope_ml", Reaction ~ Days + (Days | Subject), ss, FALSE, ss_inputs),
  fit_case("sleepstudy_intercept_reml", Reaction ~ Days + (1 | Subject), ss, TRUE, ss_inputs),
  fit_case("nxp2_log_ck_group_by_month_reml", log(ck) ~ group * factor(month) + (1 | id), seed, TRUE, seed_inputs, means = TRUE),
  fit_case("singular_random_intercept_reml", y ~ x + (1 | subject), singular, TRUE, singular_inputs))

write_fixture("mixed", "mixed.R", cases)
