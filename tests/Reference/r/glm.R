# Reference values for the generalised linear model kernel (issue 13 item 2): R's glm.fit by IRLS
# (binomial/logit, poisson/log with an offset, quasipoisson) and MASS::glm.nb (negative binomial),
# with what summary() prints, confint.default (Wald) and confint (profile likelihood; in R 4.2 that
# is MASS:::confint.glm, profile.glm + spline interpolation).
# Run: cd tests/Reference/r && Rscript glm.R
#
# Each case stores R's model matrix (column names and columns), the response (a proportion with its
# number of trials for the cbind(successes, failures) form), prior weights and offset, so the C#
# test feeds the kernel exactly R's design. Warnings R raised are stored as text.
source("fixture_io.R")
suppressPackageStartupMessages(library(MASS))

collect_warnings <- function(expr) {
  messages <- character(0)
  value <- withCallingHandlers(expr, warning = function(w) {
    messages <<- c(messages, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = messages)
}

fit_case <- function(name, fit, family_name, trials = NULL, profile = TRUE, warnings = character(0)) {
  X <- model.matrix(fit)
  # glm's y is the proportion for cbind(), the count or 0/1 otherwise; glm.nb drops fit$y.
  y <- if (is.null(fit$y)) model.response(model.frame(fit)) else fit$y
  n <- nrow(X)
  offset <- if (is.null(fit$offset)) rep(0, n) else fit$offset
  s <- summary(fit)
  b <- coef(fit)
  aliased <- is.na(b)
  table <- matrix(NA_real_, length(b), 4, dimnames = list(names(b), NULL))
  table[!aliased, ] <- s$coefficients
  wald <- suppressMessages(confint.default(fit))
  prof <- if (profile) tryCatch(suppressMessages(confint(fit)), error = function(e) matrix(NA_real_, length(b), 2)) else matrix(NA_real_, length(b), 2)
  prof <- matrix(prof, ncol = 2)
  is_nb <- inherits(fit, "negbin")
  list(
    name = name,
    call = paste(deparse(fit$call), collapse = " "),
    family = family_name,
    mass = as.character(packageVersion("MASS")),
    columns = I(colnames(X)),
    x = lapply(seq_len(ncol(X)), function(j) I(unname(X[, j]))),
    y = I(unname(y)),
    trials = if (is.null(trials)) I(rep(1, n)) else I(unname(trials)),
    prior_weights = I(unname(fit$prior.weights / (if (is.null(trials)) 1 else trials))),
    offset = I(unname(offset)),
    maxit = fit$control$maxit,
    coef = I(unname(b)),
    aliased = I(as.integer(aliased)),
    se = I(unname(table[, 2])),
    statistic = I(unname(table[, 3])),
    p = I(unname(table[, 4])),
    wald_low = I(unname(wald[, 1])),
    wald_high = I(unname(wald[, 2])),
    profile_low = I(unname(prof[, 1])),
    profile_high = I(unname(prof[, 2])),
    deviance = fit$deviance,
    null_deviance = fit$null.deviance,
    df_residual = fit$df.residual,
    df_null = fit$df.null,
    aic = if (is.null(fit$aic)) NA_real_ else fit$aic,
    loglik = if (family_name == "quasipoisson") NA_real_ else as.numeric(logLik(fit)),
    iter = fit$iter,
    converged = as.integer(fit$converged),
    dispersion = s$dispersion,
    vcov = I(as.vector(vcov(fit))),
    theta = if (is_nb) fit$theta else NA_real_,
    se_theta = if (is_nb) fit$SE.theta else NA_real_,
    warnings = I(warnings))
}

mt <- mtcars
ucb <- as.data.frame(UCBAdmissions)
ucb <- reshape(ucb, idvar = c("Gender", "Dept"), timevar = "Admit", direction = "wide")
names(ucb) <- c("Gender", "Dept", "Admitted", "Rejected")
ucb$Gender <- relevel(factor(ucb$Gender), ref = "Male")

set.seed(1)
sim_nb <- data.frame(x = rnorm(100))
sim_nb$y <- rpois(100, exp(1 + 0.3 * sim_nb$x))

# A group with no events at all: poisson's log-rate for it diverges to -Inf.
zero_group <- data.frame(g = factor(rep(c("a", "b", "c"), each = 6)),
                         y = c(3, 5, 2, 4, 6, 3, 0, 0, 0, 0, 0, 0, 1, 2, 0, 3, 1, 2))
separated <- data.frame(x = 1:10, y = as.numeric(1:10 > 5))
quasi_separated <- data.frame(x = c(1, 2, 3, 4, 5, 5, 6, 7, 8, 9), y = c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1))

cases <- list()
add <- function(case) cases[[length(cases) + 1]] <<- case

add(fit_case("mtcars_am_wt_hp", glm(am ~ wt + hp, family = binomial, data = mt), "binomial"))
add(fit_case("infert_case_spontaneous_induced", glm(case ~ spontaneous + induced + age, family = binomial, data = infert), "binomial"))
ucb_fit <- glm(cbind(Admitted, Rejected) ~ Gender + Dept, family = binomial, data = ucb)
add(fit_case("ucb_admissions_cbind", ucb_fit, "binomial", trials = ucb$Admitted + ucb$Rejected))
add(fit_case("warpbreaks_poisson", glm(breaks ~ wool + tension, family = poisson, data = warpbreaks), "poisson"))
add(fit_case("warpbreaks_quasipoisson", glm(breaks ~ wool + tension, family = quasipoisson, data = warpbreaks), "quasipoisson"))
add(fit_case("insurance_poisson_offset",
             glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = Insurance), "poisson"))
add(fit_case("quine_negative_binomial", glm.nb(Days ~ Eth + Sex + Age + Lrn, data = quine), "negative_binomial"))
add(fit_case("mtcars_rank_deficient", glm(am ~ wt + hp + I(2 * wt), family = binomial, data = mt), "binomial"))
w <- collect_warnings(glm(am ~ wt + hp, family = binomial, data = mt, control = glm.control(maxit = 3)))
add(fit_case("mtcars_not_converged", w$value, "binomial", warnings = w$warnings))
w <- collect_warnings(glm(y ~ x, family = binomial, data = separated))
add(fit_case("complete_separation", w$value, "binomial", profile = FALSE, warnings = w$warnings))
w <- collect_warnings(glm(y ~ x, family = binomial, data = quasi_separated))
add(fit_case("quasi_complete_separation", w$value, "binomial", profile = FALSE, warnings = w$warnings))
w <- collect_warnings(glm(y ~ g, family = poisson, data = zero_group))
add(fit_case("poisson_zero_count_group", w$value, "poisson", profile = FALSE, warnings = w$warnings))
w <- collect_warnings(glm.nb(y ~ x, data = sim_nb))
add(fit_case("negative_binomial_theta_infinite", w$value, "negative_binomial", warnings = w$warnings))

# Prior weights (one of them 0, which leaves its row out) and, for glm.nb, an offset: the paths where
# n.ok, the weighted null mean and the intercept-only refit of the null deviance matter.
wb <- warpbreaks
wb$w <- rep(c(1, 2, 0.5), length.out = nrow(wb))
wb$w[5] <- 0
add(fit_case("warpbreaks_poisson_prior_weights", glm(breaks ~ wool + tension, family = poisson, data = wb, weights = w), "poisson"))
qn <- quine
qn$exposure <- rep(c(1, 1.5, 2), length.out = nrow(qn))
add(fit_case("quine_negative_binomial_offset", glm.nb(Days ~ Eth + Sex + offset(log(exposure)), data = qn), "negative_binomial"))

write_fixture("glm", "glm.R", cases)
