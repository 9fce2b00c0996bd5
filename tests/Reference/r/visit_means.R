# Reference values for the means of a factor at each visit and their contrasts with a multiplicity adjustment per
# visit, `model mixed ... means f contrast reference | pairwise adjust ...` (and the same code path of `model mmrm`):
# emmeans(lmer fit, ~ f | visit, lmer.df = "satterthwaite") and contrast(em, "trt.vs.ctrl" | "pairwise", adjust = ).
# Data: ChickWeight (tests/Runtime.Tests/Reference/data/chickweight.csv), days 0-6, Diet 1-4, weight ~ Diet *
# factor(Time) + (1 | Chick), REML with tight optimiser settings as mixed.R; and log(weight) with type = "response".
# emmeans' interval multipliers are root searches to 1e-4 (qtukey) and 5e-4 (.qdunnx): both are replaced by the same
# equations solved to 1e-13, as glm_means.R and emmeans_linear.R do; p-values are emmeans' own.
# Output: tests/Runtime.Tests/Reference/visit_means.expected.json. Run: cd tests/Reference/r && Rscript visit_means.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(emmeans) })
emm_options(opt.digits = FALSE)

qdunnx_tight <- function(p, k, df, ...) {
  if (k < 1.005) return(qt(1 - 0.5 * (1 - p), df))
  xtuk <- qtukey(p, (1 + sqrt(1 + 8 * k)) / 2, df) / sqrt(2)
  xsid <- sqrt(qf(p^(1 / k), 1, df))
  fcn <- function(x, d) emmeans:::.pdunnx(x, k, d, ...) - p
  apply(cbind(xtuk, xsid, df), 1, function(r) {
    lo <- min(r[1:2]) * 0.999; hi <- max(r[1:2]) * 1.001
    uniroot(fcn, c(lo, hi), tol = 1e-13, maxiter = 10000, d = r[3])$root
  })
}
assignInNamespace(".qdunnx", qdunnx_tight, "emmeans")
qtukey_tight <- function(k, df) sapply(df, function(d) uniroot(function(q) ptukey(q, k, d) - 0.95, c(1, 10), tol = 1e-13)$root)

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
chick <- read.csv(file.path(data_dir, "chickweight.csv"))
chick <- chick[chick$Time <= 6, ]
chick$Diet <- factor(chick$Diet, levels = 1:4)
chick$Timef <- factor(chick$Time)
tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")
fit <- lmer(weight ~ Diet * Timef + (1 | Chick), data = chick, REML = TRUE, control = tight)
em <- emmeans(fit, ~ Diet | Timef, lmer.df = "satterthwaite")

family <- function(name, method, adjust) {
  s <- as.data.frame(summary(contrast(em, method, adjust = adjust), infer = TRUE))
  low <- s$lower.CL; high <- s$upper.CL
  if (adjust == "tukey") {
    half <- qtukey_tight(4, s$df) / sqrt(2) * s$SE
    low <- s$estimate - half; high <- s$estimate + half
  }
  list(name = name, method = method, adjust = adjust, contrast = I(as.character(s$contrast)), visit = I(as.character(s$Timef)),
       estimate = I(s$estimate), se = I(s$SE), df = I(s$df), t = I(s$t.ratio), p = I(s$p.value), low = I(low), high = I(high))
}
m <- as.data.frame(summary(em, infer = TRUE))
cases <- list(
  list(name = "chick_means", level = I(as.character(m$Diet)), visit = I(as.character(m$Timef)), estimate = I(m$emmean),
       se = I(m$SE), df = I(m$df), low = I(m$lower.CL), high = I(m$upper.CL), n_obs = nobs(fit)),
  family("chick_reference_dunnettx", "trt.vs.ctrl", "dunnettx"),
  family("chick_pairwise_tukey", "pairwise", "tukey"),
  family("chick_reference_holm", "trt.vs.ctrl", "holm"),
  family("chick_pairwise_bonferroni", "pairwise", "bonferroni"),
  family("chick_reference_none", "trt.vs.ctrl", "none"))
# log(weight): the same grid on the log scale, back-transformed (type = "response"): means and ratios.
fit_log <- lmer(log(weight) ~ Diet * Timef + (1 | Chick), data = chick, REML = TRUE, control = tight)
em_log <- emmeans(fit_log, ~ Diet | Timef, lmer.df = "satterthwaite")
ml <- as.data.frame(summary(em_log, infer = TRUE, type = "response"))
rl <- as.data.frame(summary(contrast(em_log, "trt.vs.ctrl", adjust = "dunnettx"), infer = TRUE, type = "response"))
cases[[length(cases) + 1]] <- list(name = "chick_log_response", level = I(as.character(ml$Diet)), visit = I(as.character(ml$Timef)),
  estimate = I(ml$response), se = I(ml$SE), df = I(ml$df), low = I(ml$lower.CL), high = I(ml$upper.CL),
  contrast = I(as.character(rl$contrast)), ratio = I(rl$ratio), ratio_se = I(rl$SE), ratio_df = I(rl$df), ratio_t = I(rl$t.ratio),
  ratio_p = I(rl$p.value), ratio_low = I(rl$lower.CL), ratio_high = I(rl$upper.CL))
write_fixture("visit_means", "visit_means.R", cases)
