# Reference numbers for marginal means of generalised linear models (`model logistic | poisson | negative_binomial
# ... means f [, g] contrast pairwise | reference adjust ...`) and for emmeans' dunnettx adjustment (also of
# `model linear`), run by the CLI in tests/ProtocolLang.Cli.Tests/GlmMeansRunTests.cs.
#   emmeans(fit, ~ f | g) on the link scale (df = Inf for glm fits), summary(..., type = "response") back-transformed
#   (probabilities, rates with offset = 0), contrast(em, "pairwise" | "trt.vs.ctrl", adjust = ) on both scales.
# emmeans' .qdunnx finds the dunnettx multiplier with uniroot(tol = 5e-4); here it is replaced by the same equation
# solved to 1e-13 (the C# kernel solves it to 1e-12), as fisher.R tightens fisher.test.
# Data: warpbreaks_hours.csv and quine.csv (written by glm_language.R); toothgrowth_long.csv written here
# (ToothGrowth with long = len > 20, dose as a number). Run: cd tests/Reference/r && Rscript glm_means.R
source("fixture_io.R")
suppressPackageStartupMessages({ library(emmeans); library(MASS) })
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

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
tg <- data.frame(long = ifelse(ToothGrowth$len > 20, "true", "false"), supp = ToothGrowth$supp, dose = ToothGrowth$dose)
write.csv(tg, file.path(data_dir, "toothgrowth_long.csv"), row.names = FALSE, quote = FALSE)
tg$long <- tg$long == "true"
wb <- read.csv(file.path(data_dir, "warpbreaks_hours.csv"))
wb$wool <- factor(wb$wool, c("A", "B")); wb$tension <- factor(wb$tension, c("L", "M", "H"))
qu <- read.csv(file.path(data_dir, "quine.csv"), stringsAsFactors = TRUE)

table_of <- function(s, estimate) {
  s <- as.data.frame(s)
  list(level = I(as.character(s[[1]])), estimate = I(s[[estimate]]), se = I(s$SE), df = I(s$df),
       low = I(if (!is.null(s$asymp.LCL)) s$asymp.LCL else s$lower.CL), high = I(if (!is.null(s$asymp.UCL)) s$asymp.UCL else s$upper.CL))
}
contrast_of <- function(s, estimate) {
  s <- as.data.frame(s)
  stat <- if (!is.null(s$z.ratio)) s$z.ratio else s$t.ratio
  list(contrast = I(as.character(s$contrast)), by = if (names(s)[2] %in% c("wool", "supp")) I(as.character(s[[2]])) else I(character(0)),
       estimate = I(s[[estimate]]), se = I(s$SE), df = I(s$df), statistic = I(stat), p = I(s$p.value),
       low = I(if (!is.null(s$asymp.LCL)) s$asymp.LCL else s$lower.CL), high = I(if (!is.null(s$asymp.UCL)) s$asymp.UCL else s$upper.CL))
}

glm_case <- function(name, fit, specs, method, adjust, offset0 = FALSE) {
  em <- if (offset0) emmeans(fit, specs, offset = 0) else emmeans(fit, specs)
  link <- summary(em, infer = TRUE)
  resp <- summary(em, infer = TRUE, type = "response")
  cl <- summary(contrast(em, method, adjust = adjust), infer = TRUE)
  cr <- summary(contrast(em, method, adjust = adjust), infer = TRUE, type = "response")
  resp_name <- setdiff(names(as.data.frame(resp)), c(names(as.data.frame(link)), "null"))[1]
  ratio_name <- setdiff(names(as.data.frame(cr)), c(names(as.data.frame(cl)), "null"))[1]
  list(name = name, link = table_of(link, "emmean"), response = table_of(resp, resp_name),
       contrasts = contrast_of(cl, "estimate"), ratios = contrast_of(cr, ratio_name))
}

lm_case <- function(name, fit, specs, method, adjust) {
  em <- emmeans(fit, specs)
  list(name = name, link = table_of(summary(em, infer = TRUE), "emmean"),
       contrasts = contrast_of(summary(contrast(em, method, adjust = adjust), infer = TRUE), "estimate"))
}

cases <- list(
  glm_case("tg_logistic_dose_pairwise_tukey", glm(long ~ supp + factor(dose), binomial, tg), ~ dose, "pairwise", "tukey"),
  glm_case("tg_logistic_dose_reference_dunnettx", glm(long ~ supp + factor(dose), binomial, tg), ~ dose, "trt.vs.ctrl", "dunnettx"),
  glm_case("wb_poisson_tension_pairwise_tukey", glm(breaks ~ wool + tension, poisson, wb), ~ tension, "pairwise", "tukey"),
  glm_case("wb_offset_tension_reference_dunnettx", glm(breaks ~ wool + tension + offset(log(hours)), poisson, wb), ~ tension, "trt.vs.ctrl", "dunnettx", offset0 = TRUE),
  glm_case("wb_quasi_tension_by_wool_holm", glm(breaks ~ wool * tension, quasipoisson, wb), ~ tension | wool, "pairwise", "holm"),
  glm_case("quine_nb_age_reference_dunnettx", glm.nb(Days ~ Eth + Sex + Age + Lrn, qu), ~ Age, "trt.vs.ctrl", "dunnettx"),
  lm_case("tg_linear_dose_reference_dunnettx", lm(len ~ supp + factor(dose), ToothGrowth), ~ dose, "trt.vs.ctrl", "dunnettx"),
  lm_case("wb_linear_tension_reference_dunnettx", lm(breaks ~ wool + tension, wb), ~ tension, "trt.vs.ctrl", "dunnettx"))

write_fixture("glm_means", "glm_means.R", cases)
