# Reference values for `model linear` (issue 13 item 1): R's lm(), anova() (type I),
# car::Anova(type = 2 / 3) and sandwich::vcovHC(type = "HC0".."HC3").
# Run: cd tests/Reference/r && Rscript linear_models.R
#
# Data (written beside the fixture as CSV, read by the C# tests):
#   toothgrowth.csv  datasets::ToothGrowth (len, supp, dose)
#   mtcars.csv       datasets::mtcars (mpg, wt, hp, cyl), plus wt_x2 = 2 * wt for the aliased case
#   ancova_sim.csv   a simulated two-arm trial, set.seed(20261202): baseline ~ N(50, 10),
#                    change = -3 (treated) + 0.3 * (baseline - 50) + N(0, 6)
# Type III sums of squares depend on the contrasts: ProtocolLang codes type III with sum-to-zero
# contrasts (contr.sum), so the type III reference is fitted under
# options(contrasts = c("contr.sum", "contr.poly")); every other quantity uses R's default
# treatment contrasts.
source("fixture_io.R")
suppressPackageStartupMessages({ library(car); library(sandwich) })

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
tooth <- ToothGrowth
tooth$supp <- factor(as.character(tooth$supp), levels = c("OJ", "VC"))
write.csv(data.frame(len = tooth$len, supp = tooth$supp, dose = tooth$dose),
          file.path(data_dir, "toothgrowth.csv"), row.names = FALSE, quote = FALSE)
cars <- data.frame(mpg = mtcars$mpg, wt = mtcars$wt, hp = mtcars$hp, cyl = mtcars$cyl)
cars$wt_x2 <- 2 * cars$wt
write.csv(cars, file.path(data_dir, "mtcars.csv"), row.names = FALSE, quote = FALSE)

set.seed(20261202)
n <- 60
arm <- factor(rep(c("placebo", "active"), each = n / 2), levels = c("placebo", "active"))
baseline <- round(rnorm(n, 50, 10), 1)
change <- round(-3 * (arm == "active") + 0.3 * (baseline - 50) + rnorm(n, 0, 6), 2)
# Two missing values (one change, one baseline) exercise the counted exclusion of incomplete rows.
change[7] <- NA
baseline[41] <- NA
sim <- data.frame(id = seq_len(n), arm = arm, baseline = baseline, change = change)
write.csv(sim, file.path(data_dir, "ancova_sim.csv"), row.names = FALSE, quote = FALSE, na = "")

anova_rows <- function(tab, drop_residuals = TRUE) {
  rows <- rownames(tab)
  keep <- if (drop_residuals) rows != "Residuals" else rep(TRUE, length(rows))
  ss_col <- if ("Sum Sq" %in% colnames(tab)) "Sum Sq" else "Sum of Sq"
  list(terms = I(rows[keep]), df = I(unname(tab[keep, "Df"])), ss = I(unname(tab[keep, ss_col])),
       f = I(unname(tab[keep, "F value"])), p = I(unname(tab[keep, "Pr(>F)"])))
}

fit_case <- function(name, formula, data, anova = TRUE) {
  environment(formula) <- environment()
  fit <- lm(formula, data = data)
  s <- summary(fit)
  cf <- coef(fit)
  ok <- !is.na(cf)
  ci <- confint(fit)
  full <- function(v) { out <- rep(NA_real_, length(cf)); out[ok] <- v; out }
  fs <- s$fstatistic
  out <- list(
    name = name,
    formula = paste(deparse(formula), collapse = " "),
    terms = I(names(cf)),
    aliased = I(as.integer(!ok)),
    n = nobs(fit),
    n_excluded = nrow(data) - nobs(fit),
    coef = I(unname(cf)),
    se = I(full(s$coefficients[, "Std. Error"])),
    t = I(full(s$coefficients[, "t value"])),
    p = I(full(s$coefficients[, "Pr(>|t|)"])),
    ci_low = I(unname(ci[, 1])),
    ci_high = I(unname(ci[, 2])),
    sigma = s$sigma,
    df_residual = fit$df.residual,
    r_squared = s$r.squared,
    adj_r_squared = s$adj.r.squared,
    f = unname(fs["value"]), f_df1 = unname(fs["numdf"]), f_df2 = unname(fs["dendf"]),
    f_p = unname(pf(fs["value"], fs["numdf"], fs["dendf"], lower.tail = FALSE)),
    aic = AIC(fit), bic = BIC(fit), loglik = as.numeric(logLik(fit)),
    anova1 = anova_rows(anova(fit)),
    residual_ss = sum(residuals(fit)^2))
  if (anova) {
    out$anova2 <- anova_rows(Anova(fit, type = 2))
    old <- options(contrasts = c("contr.sum", "contr.poly"))
    fit3 <- lm(formula, data = data)
    out$anova3 <- anova_rows(Anova(fit3, type = 3))
    out$sum_contrast_terms <- I(names(coef(fit3)))
    out$sum_contrast_coef <- I(unname(coef(fit3)))
    options(old)
  }
  hc <- list()
  for (type in c("HC0", "HC1", "HC2", "HC3")) {
    if (all(ok)) {
      v <- vcovHC(fit, type = type)
      se <- sqrt(diag(v))
      tt <- cf / se
      hc[[type]] <- list(se = I(unname(se)), t = I(unname(tt)),
                         p = I(unname(2 * pt(abs(tt), fit$df.residual, lower.tail = FALSE))),
                         ci_low = I(unname(cf - qt(0.975, fit$df.residual) * se)),
                         ci_high = I(unname(cf + qt(0.975, fit$df.residual) * se)))
    }
  }
  if (length(hc) > 0) out$robust <- hc
  out
}

cases <- list(
  fit_case("toothgrowth_supp_star_dose", len ~ supp * factor(dose), tooth),
  fit_case("mtcars_wt_hp_cyl", mpg ~ wt + hp + factor(cyl), cars),
  fit_case("ancova_change_arm_baseline", change ~ arm + baseline, sim),
  fit_case("mtcars_aliased_wt_x2", mpg ~ wt + wt_x2 + hp, cars, anova = FALSE),
  fit_case("toothgrowth_log_len_dose_colon_supp", log(len) ~ dose + dose:supp, tooth, anova = FALSE))

write_fixture("linear_models", "linear_models.R", cases)
