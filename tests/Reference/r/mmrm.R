# Reference values for mixed models for repeated measures (MMRM): REML with unstructured,
# compound-symmetry, AR(1) and Toeplitz within-subject covariance, Satterthwaite df.
# Run: cd tests/Reference/r && Rscript mmrm.R   (about a minute)
#
# The mmrm package is not served by Debian, so each fit is nlme::gls (REML) with the structure's
# correlation (corSymm + varIdent for us; corCompSymm; corAR1 and corARMA(p = m - 1) on the visit
# position for ar1 and toep), polished to a tight optimum of the REML criterion written from its
# formula in mmrm_functions.R (gls stops at ~1e-6 in the variance parameters); the gls logLik and
# coefficients are kept beside to show the two agree. Satterthwaite df by numDeriv on that
# criterion (A = 2 H^-1, J = d vcov / d theta), as mmrm's "Satterthwaite" method. AIC and BIC as
# mmrm: -2 l_R + 2k and -2 l_R + k log(subjects), k the number of covariance parameters.
# Type III F tests: SAS's type 3 hypotheses, the contrasts lmerTest:::get_contrasts_type3 builds for
# lm(form) (the same fixed design), each tested with the multi-df Satterthwaite approximation
# (mmrm_ftest in mmrm_functions.R, mmrm's df_md).
#
# Simulated trial (fixed seed): 60 subjects, arm control/treatment, baseline score, 4 visits with
# an unstructured covariance, monotone dropout and one intermittent missed visit.
source("fixture_io.R")
source("mmrm_functions.R")
suppressPackageStartupMessages({ library(nlme); library(numDeriv); library(lmerTest) })

set.seed(20261203)
n_subj <- 60; m <- 4
subj <- data.frame(id = sprintf("S%02d", 1:n_subj), arm = rep(c("control", "treatment"), each = n_subj / 2),
                   base = round(rnorm(n_subj, 50, 8), 1))
Sigma <- matrix(c(16, 10, 8, 6, 10, 20, 12, 10, 8, 12, 25, 15, 6, 10, 15, 30), 4)
E <- matrix(rnorm(n_subj * m), n_subj) %*% chol(Sigma)
d <- do.call(rbind, lapply(1:n_subj, function(i) {
  vis <- 1:m
  last <- if (runif(1) < 0.3) sample(2:m, 1) - 1 else m
  vis <- vis[vis <= last]
  data.frame(id = subj$id[i], arm = subj$arm[i], base = subj$base[i], visit = vis,
             y = round(10 + 0.4 * subj$base[i] + 1.5 * vis + (subj$arm[i] == "treatment") * 1.2 * vis + E[i, vis], 2))
}))
d <- d[-7, ]   # an intermittent missed visit (subject S02, visit 3)
rownames(d) <- NULL
write.csv(d, file.path("..", "..", "Runtime.Tests", "Reference", "data", "mmrm_trial.csv"), row.names = FALSE, quote = FALSE)

d$arm <- factor(d$arm, levels = c("control", "treatment"))
d$visitf <- factor(d$visit, levels = 1:m)
form <- y ~ arm * visitf + base
X <- model.matrix(form, d)
subject <- match(d$id, unique(d$id)); visit <- d$visit

gls_of <- function(structure) switch(structure,
  us = gls(form, d, correlation = corSymm(form = ~ visit | id), weights = varIdent(form = ~ 1 | visitf), method = "REML",
           control = glsControl(tolerance = 1e-10, msTol = 1e-10, maxIter = 500, msMaxIter = 500)),
  cs = gls(form, d, correlation = corCompSymm(form = ~ 1 | id), method = "REML"),
  ar1 = gls(form, d, correlation = corAR1(form = ~ visit | id), method = "REML"),
  toep = gls(form, d, correlation = corARMA(form = ~ visit | id, p = m - 1, q = 0), method = "REML"))

gls_sigma <- function(g, structure) {
  # The gls fit's Sigma over the m visits, from a subject seen at every visit.
  full <- names(which(table(d$id) == m))[1]
  getVarCov(g, individual = full)[1:m, 1:m]
}

type3_L <- lmerTest:::get_contrasts_type3(lm(form, d))
cases <- list()
for (structure in c("us", "cs", "ar1", "toep")) {
  g <- gls_of(structure)
  start <- mmrm_theta_from_sigma(structure, unclass(gls_sigma(g, structure)))
  fit <- mmrm_fit(structure, d$y, X, subject, visit, m, start)
  s <- fit$solve; p <- ncol(X); k <- mmrm_parameters(structure, m)
  coef_rows <- t(sapply(1:p, function(j) mmrm_contrast(fit, as.numeric(1:p == j))))
  # treatment - control at each visit, baseline at its mean: L for arm + arm:visit
  grid <- expand.grid(visitf = factor(1:m, levels = 1:m), arm = factor(levels(d$arm), levels = levels(d$arm)))
  grid$base <- mean(d$base); grid$y <- 0
  G <- model.matrix(form, grid)
  means <- t(sapply(seq_len(nrow(G)), function(r) mmrm_contrast(fit, G[r, ])))
  diffs <- t(sapply(1:m, function(v) mmrm_contrast(fit, G[m + v, ] - G[v, ])))
  ll <- -s$criterion / 2
  type3 <- t(sapply(type3_L, function(L) mmrm_ftest(fit, L)))
  cases[[length(cases) + 1]] <- list(
    name = structure, parameters = k, names = I(colnames(X)),
    beta = I(s$beta), se = I(coef_rows[, "se"]), df = I(coef_rows[, "df"]), t = I(coef_rows[, "t"]), p = I(coef_rows[, "p"]),
    vcov = I(as.vector(t(s$cov))), sigma = I(as.vector(t(s$sigma))),
    log_lik = ll, aic = -2 * ll + 2 * k, bic = -2 * ll + k * log(n_subj),
    gls_log_lik = as.numeric(logLik(g)), gls_beta = I(unname(coef(g))), max_abs_gradient = max(abs(fit$gradient)),
    means = list(arm = I(as.character(grid$arm)), visit = I(as.integer(as.character(grid$visitf))),
                 estimate = I(means[, "estimate"]), se = I(means[, "se"]), df = I(means[, "df"]),
                 lower = I(means[, "lower"]), upper = I(means[, "upper"])),
    visit_contrast = list(visit = I(1:m), estimate = I(diffs[, "estimate"]), se = I(diffs[, "se"]), df = I(diffs[, "df"]),
                          t = I(diffs[, "t"]), p = I(diffs[, "p"]), lower = I(diffs[, "lower"]), upper = I(diffs[, "upper"])),
    type3 = list(terms = I(names(type3_L)), num_df = I(unname(type3[, "num_df"])), den_df = I(unname(type3[, "den_df"])),
                 f = I(unname(type3[, "f"])), p = I(unname(type3[, "p"]))))
  cat(structure, "logLik polished", ll, "gls", as.numeric(logLik(g)), "max |beta - gls|", max(abs(s$beta - coef(g))), "\n")
}
write_fixture("mmrm", "tests/Reference/r/mmrm.R", cases)
