# Reference values for the group tests of compare: Bartlett (bartlett.test), Levene
# (car::leveneTest, center = median and mean), Tukey HSD (TukeyHSD(aov(y ~ g))) and the
# studentized range distribution (ptukey, qtukey).
# Run: cd tests/Reference/r && Rscript group_tests.R
#
# R's qtukey stops its secant search at eps = 0.0001 (?qtukey: "qtukey will be accurate to the
# 4th decimal place"), so TukeyHSD's intervals carry that error. Each Tukey case therefore also
# has "tight" limits from a quantile solved with uniroot on ptukey to 1e-13; the C# quantile is
# compared with those at 1e-6 and with R's qtukey at R's stated accuracy.
source("fixture_io.R")
suppressPackageStartupMessages(library(car))

split_groups <- function(y, g) unname(lapply(split(y, g, drop = TRUE), I))

tight_qtukey <- function(p, k, df) {
  uniroot(function(q) ptukey(q, k, df) - p, c(1e-3, 100), tol = 1e-13)$root
}

data_sets <- list(
  plantgrowth_weight_by_group = list(y = PlantGrowth$weight, g = PlantGrowth$group),
  insectsprays_count_by_spray = list(y = InsectSprays$count, g = InsectSprays$spray),
  warpbreaks_breaks_by_tension = list(y = warpbreaks$breaks, g = warpbreaks$tension),
  toothgrowth_len_by_dose = list(y = ToothGrowth$len, g = factor(ToothGrowth$dose)),
  # Unequal group sizes (Tukey-Kramer) and a two-group case.
  mtcars_mpg_by_cylinders = list(y = mtcars$mpg, g = factor(mtcars$cyl)),
  sleep_extra_by_group = list(y = sleep$extra, g = sleep$group))

cases <- lapply(names(data_sets), function(nm) {
  d <- data_sets[[nm]]
  g <- factor(d$g)
  y <- d$y
  b <- bartlett.test(y, g)
  lev_median <- leveneTest(y, g, center = median)
  lev_mean <- leveneTest(y, g, center = mean)
  fit <- aov(y ~ g)
  tk <- TukeyHSD(fit, conf.level = 0.95)$g
  k <- nlevels(g)
  df_resid <- fit$df.residual
  mse <- sum(residuals(fit)^2) / df_resid
  n <- as.vector(table(g))
  pairs <- combn(k, 2)
  se <- sqrt(mse / 2 * (1 / n[pairs[2, ]] + 1 / n[pairs[1, ]]))
  q_tight <- tight_qtukey(0.95, k, df_resid)
  list(
    name = nm,
    groups = split_groups(y, g),
    levels = I(levels(g)),
    bartlett = list(statistic = unname(b$statistic), df = unname(b$parameter), p = b$p.value),
    levene_median = list(f = lev_median[1, "F value"], df1 = lev_median[1, "Df"], df2 = lev_median[2, "Df"], p = lev_median[1, "Pr(>F)"]),
    levene_mean = list(f = lev_mean[1, "F value"], df1 = lev_mean[1, "Df"], df2 = lev_mean[2, "Df"], p = lev_mean[1, "Pr(>F)"]),
    tukey = list(
      pairs = I(rownames(tk)), a = I(pairs[2, ] - 1), b = I(pairs[1, ] - 1),
      diff = I(unname(tk[, "diff"])), lwr = I(unname(tk[, "lwr"])), upr = I(unname(tk[, "upr"])),
      p_adj = I(unname(tk[, "p adj"])),
      # The same p-values without TukeyHSD's rounding-free path: ptukey(|diff| / se, lower.tail = FALSE).
      p_upper = I(ptukey(abs(unname(tk[, "diff"])) / se, k, df_resid, lower.tail = FALSE)),
      df = df_resid, mse = mse, qtukey = qtukey(0.95, k, df_resid), qtukey_tight = q_tight,
      lwr_tight = I(unname(tk[, "diff"]) - q_tight * se), upr_tight = I(unname(tk[, "diff"]) + q_tight * se)))
})

# R's ptukey is itself a quadrature with fixed panels; its error grows as df falls (about 2e-4 at
# df = 2, where k = 2 has the exact form 2 pt(q / sqrt(2), df) - 1). "tight" is the same double
# integral of Copenhaver and Holland (1988), P = int g_df(s) W(q s) ds with
# W(w) = k int dnorm(z) (pnorm(z + w) - pnorm(z))^(k - 1) dz, by R's adaptive integrate() to 1e-13.
range_cdf <- function(w, k) {
  if (w <= 0) return(0)
  k * integrate(function(z) dnorm(z) * (pnorm(z + w) - pnorm(z))^(k - 1), -Inf, Inf, rel.tol = 1e-13, subdivisions = 1000L)$value
}
tight_ptukey <- function(q, k, df) {
  if (df < 2) return(NaN)
  if (is.infinite(df)) return(range_cdf(q, k))
  log_c <- log(2) + (df / 2) * log(df / 2) - lgamma(df / 2)
  integrate(function(s) sapply(s, function(si) exp(log_c + (df - 1) * log(si) - df * si^2 / 2) * range_cdf(q * si, k)),
            0, Inf, rel.tol = 1e-12, subdivisions = 1000L)$value
}

# ptukey over a grid (nranges = 1), lower tail and upper tail.
grid <- expand.grid(q = c(0.1, 0.5, 1, 2, 3, 3.5, 4, 5, 6, 8, 12), k = c(2, 3, 5, 10, 20), df = c(1, 2, 5, 10, 30, 120, 1000, Inf))
cases[[length(cases) + 1]] <- list(
  name = "ptukey_grid",
  q = I(grid$q), k = I(grid$k), df = I(grid$df),
  p = I(ptukey(grid$q, grid$k, grid$df)),
  upper = I(ptukey(grid$q, grid$k, grid$df, lower.tail = FALSE)),
  tight = I(mapply(tight_ptukey, grid$q, grid$k, grid$df)),
  exact_k2 = I(ifelse(grid$k == 2 & grid$df >= 2, 2 * pt(grid$q / sqrt(2), grid$df) - 1, NA)))

qgrid <- expand.grid(p = c(0.5, 0.9, 0.95, 0.99), k = c(2, 3, 5, 10), df = c(2, 5, 10, 30, 120, Inf))
cases[[length(cases) + 1]] <- list(
  name = "qtukey_grid",
  p = I(qgrid$p), k = I(qgrid$k), df = I(qgrid$df),
  q = I(qtukey(qgrid$p, qgrid$k, qgrid$df)),
  q_tight = I(mapply(tight_qtukey, qgrid$p, qgrid$k, qgrid$df)),
  exact_k2 = I(ifelse(qgrid$k == 2, sqrt(2) * qt((1 + qgrid$p) / 2, qgrid$df), NA)))

write_fixture("group_tests", "group_tests.R", cases)
