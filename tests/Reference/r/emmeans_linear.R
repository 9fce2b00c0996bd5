# Reference values for `model linear ... means` (issue 13 item 4): estimated marginal means and their
# contrasts from emmeans (emmeans(), contrast(), summary(infer = TRUE, type = "response")).
# Run: cd tests/Reference/r && Rscript emmeans_linear.R
#
# Data: toothgrowth.csv and ancova_sim.csv (written by linear_models.R), warpbreaks.csv (datasets::warpbreaks,
# written here). Every case records the means (estimate, SE, df, 95% CI) and, per contrast family, the
# contrasts in emmeans' order (by group, then pairs i < j for "pairwise", level j vs the first for
# "trt.vs.ctrl") with estimate, SE, df, t, adjusted p and CI.
#
# Tukey intervals: emmeans uses qtukey(0.95, k, df) / sqrt(2), and R's qtukey stops at 1e-4 ("accurate to
# the 4th decimal place", ?qtukey). The reference Tukey CI is therefore rebuilt from emmeans' estimate and
# SE with the quantile solved from ptukey to 1e-13 (uniroot); the emmeans CI is kept as ci_low_emmeans for
# comparison. p-values are emmeans' own (ptukey(|t| sqrt 2, k, df, lower.tail = FALSE)).
source("fixture_io.R")
suppressPackageStartupMessages(library(emmeans))

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
write.csv(warpbreaks, file.path(data_dir, "warpbreaks.csv"), row.names = FALSE, quote = FALSE)
tooth <- read.csv(file.path(data_dir, "toothgrowth.csv"))
tooth$supp <- factor(tooth$supp, levels = c("OJ", "VC"))
sim <- read.csv(file.path(data_dir, "ancova_sim.csv"))
sim$arm <- factor(sim$arm, levels = c("placebo", "active"))
wb <- read.csv(file.path(data_dir, "warpbreaks.csv"))
wb$wool <- factor(wb$wool, levels = c("A", "B"))
wb$tension <- factor(wb$tension, levels = c("L", "M", "H"))

exact_qtukey <- function(k, df) {
  uniroot(function(q) ptukey(q, k, df) - 0.95, c(1, 10), tol = 1e-13)$root
}

family <- function(em, method, adjust, type) {
  s <- as.data.frame(summary(contrast(em, method, adjust = adjust), infer = TRUE, type = type))
  est <- if ("ratio" %in% names(s)) s$ratio else s$estimate
  out <- list(method = method, adjust = adjust, estimate = I(est), se = I(s$SE), df = I(s$df),
              t = I(s$t.ratio), p = I(s$p.value), ci_low = I(s$lower.CL), ci_high = I(s$upper.CL))
  if (adjust == "tukey") {
    # One family per by group, each of k means.
    link <- as.data.frame(summary(contrast(em, method, adjust = adjust), infer = TRUE))
    k <- length(levels(em)[[em@misc$pri.vars[1]]])
    half <- exact_qtukey(k, link$df[1]) / sqrt(2) * link$SE
    low <- link$estimate - half
    high <- link$estimate + half
    if (type == "response") { low <- exp(low); high <- exp(high) }
    out$ci_low_emmeans <- I(out$ci_low)
    out$ci_high_emmeans <- I(out$ci_high)
    out$ci_low <- I(low)
    out$ci_high <- I(high)
  }
  out
}

emm_case <- function(name, formula, data, specs, by = NULL, families, logged = FALSE) {
  environment(formula) <- environment()
  # The call carries the formula itself (not the symbol), so emmeans finds a log() response and back-transforms.
  fit <- eval(bquote(lm(.(formula), data = data)))
  em <- emmeans(fit, specs = specs, by = by)
  m <- as.data.frame(summary(em, type = "link"))
  out <- list(name = name, formula = paste(deparse(formula), collapse = " "), specs = specs,
              by = if (is.null(by)) "" else by, n = nobs(fit), emmeans = as.character(packageVersion("emmeans")),
              estimate = I(m$emmean), se = I(m$SE), df = I(m$df), ci_low = I(m$lower.CL), ci_high = I(m$upper.CL))
  if (logged) {
    r <- as.data.frame(summary(em, type = "response"))
    out$response <- list(estimate = I(r$response), se = I(r$SE), ci_low = I(r$lower.CL), ci_high = I(r$upper.CL))
  }
  out$contrasts <- lapply(families, function(f) family(em, f[1], f[2], if (logged) "response" else "link"))
  out
}

cases <- list(
  emm_case("toothgrowth_dose_by_supp", len ~ supp * factor(dose), tooth, "dose", "supp",
           list(c("pairwise", "tukey"), c("pairwise", "none"), c("trt.vs.ctrl", "holm"))),
  emm_case("toothgrowth_supp", len ~ supp * factor(dose), tooth, "supp", NULL,
           list(c("pairwise", "none"), c("pairwise", "tukey"))),
  emm_case("warpbreaks_tension", breaks ~ wool + tension, wb, "tension", NULL,
           list(c("pairwise", "tukey"), c("pairwise", "bonferroni"), c("trt.vs.ctrl", "holm"),
                c("trt.vs.ctrl", "bonferroni"), c("trt.vs.ctrl", "none"))),
  emm_case("ancova_arm", change ~ arm + baseline, sim, "arm", NULL,
           list(c("trt.vs.ctrl", "none"), c("pairwise", "tukey"))),
  emm_case("toothgrowth_log_dose", log(len) ~ supp + factor(dose), tooth, "dose", NULL,
           list(c("pairwise", "tukey"), c("trt.vs.ctrl", "none")), logged = TRUE))
write_fixture("emmeans_linear", "tests/Reference/r/emmeans_linear.R", cases)
