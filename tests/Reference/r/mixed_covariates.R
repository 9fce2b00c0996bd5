# Reference values for linear mixed models with subject-level covariates and with a
# rank-deficient fixed-effects design (lme4::lmer + lmerTest).
# Run: cd tests/Reference/r && Rscript mixed_covariates.R
#
# Simulated cohort (fixed seed): 60 subjects in groups A, B, C; visits 0-4 with ~15% missing;
# a numeric subject covariate (age) and a categorical one (sex, levels F then M). Fits use a
# tight BOBYQA tolerance (see mixed.R). Cell means follow emmeans' reference grid, written
# out here because emmeans is not installed: every group x visit cell, numeric covariates at
# their mean over the fitted rows, factor covariates averaged with equal weights over their
# levels (emmeans' default weights = "equal"); each mean's SE, Satterthwaite df and CI by
# lmerTest::contest1D(confint = TRUE). For a rank-deficient fit a cell is "not estimable"
# (NA) when its grid row is not in the row space of the full model matrix.
source("fixture_io.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest) })

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")

set.seed(20261125)
m <- 60
subj <- data.frame(id = 1:m, group = factor(rep(c("A", "B", "C"), length.out = m), levels = c("A", "B", "C")),
                   age = round(rnorm(m, 50, 10), 1), sex = factor(sample(c("F", "M"), m, replace = TRUE), levels = c("F", "M")),
                   b0 = rnorm(m, 0, 0.8), b1 = rnorm(m, 0, 0.25))
d <- merge(subj, data.frame(visit = 0:4), by = NULL)
d <- d[order(d$id, d$visit), ]
d <- d[runif(nrow(d)) > 0.15, ]
d$y <- 3 + 0.4 * (d$group == "B") - 0.3 * (d$group == "C") + 0.1 * d$visit + 0.05 * (d$group == "B") * d$visit +
  0.02 * d$age + 0.5 * (d$sex == "M") + 0.1 * (d$sex == "M") * d$visit + d$b0 + d$b1 * d$visit + rnorm(nrow(d), 0, 0.6)
rownames(d) <- NULL
# Rank deficient: group C has no row at visit 4, so groupC:factor(visit)4 is an all-zero column.
d_rd <- d[!(d$group == "C" & d$visit == 4), ]

inputs_of <- function(data) list(
  y = I(data$y), subject = I(match(data$id, unique(data$id)) - 1L), group = I(as.integer(data$group) - 1L),
  visit = I(data$visit), age = I(data$age), sex = I(as.integer(data$sex) - 1L))

cell_means <- function(fit, data, formula) {
  fixed <- lme4::nobars(formula)
  grid <- expand.grid(visit = sort(unique(data$visit)), group = levels(data$group), sex = levels(data$sex))
  grid$group <- factor(grid$group, levels = levels(data$group))
  grid$sex <- factor(grid$sex, levels = levels(data$sex))
  grid$age <- mean(data$age)
  grid$y <- 0
  Xg <- model.matrix(fixed, data = grid)
  cells <- unique(grid[, c("group", "visit")])
  Xfull <- model.matrix(fixed, data = data)
  null <- MASS::Null(t(Xfull))   # basis of the null space of the full X
  kept <- colnames(model.matrix(fit))
  rows <- lapply(seq_len(nrow(cells)), function(i) {
    sel <- grid$group == cells$group[i] & grid$visit == cells$visit[i]
    l <- colMeans(Xg[sel, , drop = FALSE])       # equal weights over sex
    if (ncol(null) > 0 && max(abs(l %*% null)) > 1e-8) return(list(Estimate = NA, "Std. Error" = NA, df = NA, lower = NA, upper = NA))
    lmerTest::contest1D(fit, l[kept], confint = TRUE)
  })
  list(group = I(as.character(cells$group)), visit = I(cells$visit),
       estimate = I(sapply(rows, function(r) r$Estimate)), se = I(sapply(rows, function(r) r$"Std. Error")),
       df = I(sapply(rows, function(r) r$df)), lower = I(sapply(rows, function(r) r$lower)), upper = I(sapply(rows, function(r) r$upper)))
}

fit_case <- function(name, formula, data, reml) {
  messages <- character(0)
  fit <- withCallingHandlers(lmer(formula, data = data, REML = reml, control = tight),
    message = function(m) { messages <<- c(messages, conditionMessage(m)); invokeRestart("muffleMessage") })
  co <- summary(fit)$coefficients
  aov <- anova(fit, type = "III", ddf = "Satterthwaite")
  vc <- as.data.frame(VarCorr(fit))
  dropped <- attr(model.matrix(fit), "col.dropped")
  list(
    name = name, formula = deparse(formula), reml = reml, data = inputs_of(data),
    coefficients = list(
      names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
      df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
    dropped = I(c(names(dropped), character(0))),
    anova = list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                 f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
    theta = I(unname(getME(fit, "theta"))),
    sigma = sigma(fit),
    varcorr = list(grp = I(vc$grp), var1 = I(ifelse(is.na(vc$var1), "", vc$var1)),
                   var2 = I(ifelse(is.na(vc$var2), "", vc$var2)), vcov = I(vc$vcov), sdcor = I(vc$sdcor)),
    loglik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
    criterion = if (reml) unname(getME(fit, "devcomp")$cmp["REML"]) else deviance(fit),
    singular = isSingular(fit),
    messages = I(c(messages, character(0))),
    age_mean = mean(data$age),
    cell_means = cell_means(fit, data, formula),
    packages = list(lme4 = as.character(packageVersion("lme4")), lmerTest = as.character(packageVersion("lmerTest")), numDeriv = as.character(packageVersion("numDeriv"))))
}

# The seed study's cohort (as mixed.R builds it) with its subjects' age and sex: the runtime's
# end-to-end test fits log(CKCourse) ~ group * factor(month) + age + sex + (1 | id).
subjects <- read.csv("../../../examples/Nxp2Jdm/data/subjects.csv", stringsAsFactors = FALSE, na.strings = "")
visits <- read.csv("../../../examples/Nxp2Jdm/data/visits.csv", stringsAsFactors = FALSE, na.strings = "")
subjects <- subjects[!is.na(subjects$antibody) & !is.na(subjects$relapse_months) & subjects$onset == "juvenile", ]
subjects$group <- paste0(subjects$antibody, "_JDM")
seed <- merge(visits, subjects[, c("id", "group", "age", "sex")], by = "id")
seed <- seed[order(match(seed$id, subjects$id), seed$month), ]
seed <- seed[!is.na(seed$ck) & seed$ck > 0 & !is.na(seed$age) & !is.na(seed$sex), ]
seed$group <- factor(seed$group, levels = c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM"))
seed$sex <- factor(seed$sex, levels = c("F", "M"))
seed_fit <- lmer(log(ck) ~ group * factor(month) + age + sex + (1 | id), data = seed, REML = TRUE, control = tight)
seed_co <- summary(seed_fit)$coefficients
seed_aov <- anova(seed_fit, type = "III", ddf = "Satterthwaite")
seed_case <- list(
  name = "seed_covariates_reml", formula = "log(ck) ~ group * factor(month) + age + sex + (1 | id)", rows = nrow(seed),
  coefficients = list(names = I(rownames(seed_co)), estimate = I(unname(seed_co[, "Estimate"])), se = I(unname(seed_co[, "Std. Error"])),
                      df = I(unname(seed_co[, "df"]))),
  anova = list(terms = I(rownames(seed_aov)), num_df = I(seed_aov[["NumDF"]]), den_df = I(seed_aov[["DenDF"]]), f = I(seed_aov[["F value"]])),
  criterion = unname(getME(seed_fit, "devcomp")$cmp["REML"]))

cases <- list(
  fit_case("covariates_intercept_reml", y ~ group * factor(visit) + age + sex + (1 | id), d, TRUE),
  fit_case("covariates_intercept_ml", y ~ group * factor(visit) + age + sex + (1 | id), d, FALSE),
  fit_case("covariates_slope_reml", y ~ group * factor(visit) + age + sex * factor(visit) + (visit | id), d, TRUE),
  fit_case("covariates_slope_ml", y ~ group * factor(visit) + age + sex * factor(visit) + (visit | id), d, FALSE),
  fit_case("rank_deficient_reml", y ~ group * factor(visit) + age + (1 | id), d_rd, TRUE))

write_fixture("mixed_seed_covariates", "mixed_covariates.R", list(seed_case))

write_fixture("mixed_covariates", "mixed_covariates.R", cases)
