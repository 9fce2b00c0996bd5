# Reference numbers for `model logistic | poisson | negative_binomial` written in .study files and run by the
# CLI (tests/ProtocolLang.Cli.Tests/GlmModelRunTests.cs). Writes the data the studies read as CSVs under
# tests/Runtime.Tests/Reference/data/ and R's fits to tests/Runtime.Tests/Reference/glm_language.expected.json.
#   mtcars_am          glm(am ~ wt + hp, binomial), am as a bool column; plus a copy with two rows missing wt
#   infert_case        glm(case ~ spontaneous + induced + age, binomial)
#   warpbreaks_*       glm(breaks ~ wool + tension, poisson | quasipoisson); tension levels L, M, H (treatment)
#   warpbreaks_offset  glm(breaks ~ wool + tension + offset(log(hours)), poisson), hours a fixed exposure
#   quine_nb           MASS::glm.nb(Days ~ Eth + Sex + Age + Lrn)
# Each: coef, SE, z (t), p, confint.default, confint (profile), exp(coef), deviance, null deviance, AIC, n.
# Run: cd tests/Reference/r && Rscript glm_language.R
source("fixture_io.R")
suppressPackageStartupMessages(library(MASS))

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
mt <- data.frame(name = rownames(mtcars), am = ifelse(mtcars$am == 1, "true", "false"), wt = mtcars$wt, hp = mtcars$hp)
mt_missing <- mt
mt_missing$wt[c(3, 17)] <- NA
write.csv(mt_missing, file.path(data_dir, "mtcars_am.csv"), row.names = FALSE, na = "")
inf <- data.frame(case = ifelse(infert$case == 1, "true", "false"), spontaneous = infert$spontaneous,
                  induced = infert$induced, age = infert$age)
write.csv(inf, file.path(data_dir, "infert.csv"), row.names = FALSE)
wb <- warpbreaks
wb$hours <- rep(c(1, 1.5, 2), length.out = nrow(wb))
write.csv(wb, file.path(data_dir, "warpbreaks_hours.csv"), row.names = FALSE)
write.csv(quine, file.path(data_dir, "quine.csv"), row.names = FALSE)

fit_case <- function(name, fit, family_name) {
  s <- summary(fit)
  wald <- suppressMessages(confint.default(fit))
  prof <- suppressMessages(confint(fit))
  list(name = name, call = paste(deparse(fit$call), collapse = " "), family = family_name,
       n = nobs(fit), terms = I(names(coef(fit))), coef = I(unname(coef(fit))),
       se = I(unname(s$coefficients[, 2])), statistic = I(unname(s$coefficients[, 3])), p = I(unname(s$coefficients[, 4])),
       wald_low = I(unname(wald[, 1])), wald_high = I(unname(wald[, 2])),
       profile_low = I(unname(prof[, 1])), profile_high = I(unname(prof[, 2])),
       deviance = fit$deviance, null_deviance = fit$null.deviance, df_residual = fit$df.residual, df_null = fit$df.null,
       aic = if (family_name == "quasipoisson") NA_real_ else AIC(fit), dispersion = s$dispersion,
       theta = if (inherits(fit, "negbin")) fit$theta else NA_real_)
}

mt$am <- mt$am == "true"
mt_missing$am <- mt_missing$am == "true"
inf$case <- inf$case == "true"
cases <- list()
add <- function(case) cases[[length(cases) + 1]] <<- case
add(fit_case("mtcars_am", glm(am ~ wt + hp, family = binomial, data = mt_missing), "binomial"))
add(fit_case("infert_case", glm(case ~ spontaneous + induced + age, family = binomial, data = inf), "binomial"))
add(fit_case("warpbreaks_poisson", glm(breaks ~ wool + tension, family = poisson, data = wb), "poisson"))
add(fit_case("warpbreaks_quasipoisson", glm(breaks ~ wool + tension, family = quasipoisson, data = wb), "quasipoisson"))
add(fit_case("warpbreaks_offset", glm(breaks ~ wool + tension + offset(log(hours)), family = poisson, data = wb), "poisson"))
add(fit_case("quine_nb", glm.nb(Days ~ Eth + Sex + Age + Lrn, data = quine), "negative_binomial"))
write_fixture("glm_language", "glm_language.R", cases)
