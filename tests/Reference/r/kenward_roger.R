# Reference values for Kenward-Roger inference: the adjusted covariance Phi_A of the fixed effects and the
# KR denominator df and F scaling of contrasts (Kenward & Roger 1997, Biometrics 53:983-997).
# Run: cd tests/Reference/r && Rscript kenward_roger.R   (about a minute)
#
# lmer: pbkrtest (Halekoh & Hojsgaard 2014, J Stat Softw 59(9)) through lmerTest and emmeans:
#   summary(fit, ddf = "Kenward-Roger"), anova(fit, type = "III", ddf = "Kenward-Roger"), pbkrtest::vcovAdj,
#   emmeans(fit, ~ group * month, lmer.df = "kenward-roger"). pbkrtest works on the variance parameterisation
#   (the random-effect variances and covariances and sigma^2), where V is linear, so its R_ij term is 0, and
#   takes W = 2 * IE2^-1 from the expected REML information.
# MMRM: the mmrm package is not served by Debian, so its "Kenward-Roger" method is computed here from the
#   formulas of its vignette "Kenward-Roger" (mmrm 0.3): parameters as mmrm's (us: log sd's and the row-wise
#   unit-lower-triangular factor, Sigma = D Lt Lt' D; cs: log sd and logit((rho + a)/(1 + a)), a = 1/(m - 1);
#   ar1: log sd and f(rho); toep: log sd and f(rho_1..rho_{m-1}), f(r) = r / sqrt(1 - r^2); vignette "Covariance
#   structures"), on the data of mmrm.R (tests/Runtime.Tests/Reference/data/mmrm_trial.csv),
#   W = the inverse observed information (2 H^-1, H the Hessian of -2 l_R in those parameters), with the
#   second-derivative term R ("Kenward-Roger") and without it ("Kenward-Roger-Linear"). First and second
#   derivatives of Sigma by numDeriv here (the C# kernel's are analytic: an independent check).
# The generic formulas (kr_adjust, kr_test below) are checked first against pbkrtest on the lmer models,
# by building the variance-parameterisation pieces by hand: the script stops if they differ by 1e-9.
source("fixture_io.R")
source("mmrm_functions.R")
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(pbkrtest); library(emmeans); library(numDeriv) })

# ---- The Kenward-Roger formulas (Kenward & Roger 1997, eqs. as in mmrm's vignette) -------------------------
# Phi_A = Phi + 2 Phi { sum_hj W_hj (Q_hj - P_h Phi P_j - R_hj / 4) } Phi
kr_adjust <- function(Phi, P, Q, R, W) {
  k <- length(P); U <- matrix(0, nrow(Phi), ncol(Phi))
  for (h in 1:k) for (j in 1:k) {
    U <- U + W[h, j] * (Q[[h]][[j]] - P[[h]] %*% Phi %*% P[[j]] - if (is.null(R)) 0 else R[[h]][[j]] / 4)
  }
  Phi + 2 * Phi %*% U %*% Phi
}

# The KR F test of L beta = 0: scaling lambda and denominator df m (the paper's E*, V* moments).
kr_test <- function(L, beta, Phi, PhiA, P, W) {
  if (!is.matrix(L)) L <- matrix(L, nrow = 1)
  q <- nrow(L); k <- length(P)
  Theta <- t(L) %*% solve(L %*% Phi %*% t(L), L)
  M <- lapply(P, function(Ph) Theta %*% Phi %*% Ph %*% Phi)
  A1 <- 0; A2 <- 0
  for (h in 1:k) for (j in 1:k) {
    A1 <- A1 + W[h, j] * sum(diag(M[[h]])) * sum(diag(M[[j]]))
    A2 <- A2 + W[h, j] * sum(diag(M[[h]] %*% M[[j]]))
  }
  B <- (A1 + 6 * A2) / (2 * q)
  g <- ((q + 1) * A1 - (q + 4) * A2) / ((q + 2) * A2)
  d <- 3 * q + 2 * (1 - g)
  c1 <- g / d; c2 <- (q - g) / d; c3 <- (q + 2 - g) / d
  Estar <- 1 / (1 - A2 / q)
  Vstar <- (2 / q) * (1 + c1 * B) / ((1 - c2 * B)^2 * (1 - c3 * B))
  rho <- Vstar / (2 * Estar^2)
  m <- 4 + (q + 2) / (q * rho - 1)
  lambda <- if (abs(m - 2) < 1e-2) 1 else m / (Estar * (m - 2))
  Lb <- L %*% beta
  wald <- drop(t(Lb) %*% solve(L %*% PhiA %*% t(L), Lb))
  f <- lambda * wald / q
  c(q = q, df = m, lambda = lambda, f = f, p = pf(f, q, m, lower.tail = FALSE))
}

# ---- lmer: the variance-parameterisation pieces, by hand (V = sum_k s_k G_k) ------------------------------
lmer_pieces <- function(fit) {
  X <- getME(fit, "X"); Z <- as.matrix(getME(fit, "Z")); n <- nrow(X)
  vc <- VarCorr(fit)[[1]]; qq <- nrow(vc); subjects <- ncol(Z) / qq
  s2 <- sigma(fit)^2
  G <- list()
  for (b in 1:qq) for (a in b:qq) {       # D's lower triangle by columns, then sigma^2
    E <- matrix(0, qq, qq); E[a, b] <- 1; E[b, a] <- 1
    G[[length(G) + 1]] <- Z %*% kronecker(diag(subjects), E) %*% t(Z)
  }
  G[[length(G) + 1]] <- diag(n)
  V <- Z %*% kronecker(diag(subjects), as.matrix(vc)) %*% t(Z) + s2 * diag(n)
  Vi <- solve(V); Phi <- solve(t(X) %*% Vi %*% X)
  k <- length(G)
  P <- lapply(G, function(Gk) -t(X) %*% Vi %*% Gk %*% Vi %*% X)
  Q <- lapply(1:k, function(h) lapply(1:k, function(j) t(X) %*% Vi %*% G[[h]] %*% Vi %*% G[[j]] %*% Vi %*% X))
  Pm <- Vi - Vi %*% X %*% Phi %*% t(X) %*% Vi
  IE2 <- outer(1:k, 1:k, Vectorize(function(h, j) sum(diag(Pm %*% G[[h]] %*% Pm %*% G[[j]]))))
  list(Phi = Phi, P = P, Q = Q, W = 2 * solve(IE2))
}

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-13, ftol_abs = 1e-15, xtol_rel = 1e-13, ftol_rel = 1e-15, maxeval = 1e5),
                     check.conv.singular = "ignore")

rel <- function(a, b) max(abs(a - b) / pmax(abs(b), 1e-300))

lmer_case <- function(name, formula, data, means = NULL) {
  fit <- lmer(formula, data = data, REML = TRUE, control = tight)
  co <- summary(fit, ddf = "Kenward-Roger")$coefficients
  aov <- anova(fit, type = "III", ddf = "Kenward-Roger")
  PhiA <- as.matrix(vcovAdj(fit))
  # The hand-built pieces and the formulas above against pbkrtest: Phi_A, each coefficient's df, each term's F test.
  pc <- lmer_pieces(fit)
  mine <- kr_adjust(pc$Phi, pc$P, pc$Q, NULL, pc$W)
  p <- ncol(PhiA)
  coef_df <- sapply(1:p, function(j) kr_test(as.numeric(1:p == j), fixef(fit), pc$Phi, mine, pc$P, pc$W)[["df"]])
  L3 <- lmerTest:::get_contrasts_type3(fit)
  mine_tests <- t(sapply(L3, function(L) kr_test(L, fixef(fit), pc$Phi, mine, pc$P, pc$W)))
  check <- c(phi_a = rel(mine, PhiA), coef_df = rel(coef_df, co[, "df"]),
             f = rel(mine_tests[, "f"], aov[["F value"]]), den_df = rel(mine_tests[, "df"], aov[["DenDF"]]))
  cat(name, "formulas vs pbkrtest (max relative):", format(check, digits = 3), "\n")
  stopifnot(all(check < 1e-9))
  out <- list(
    name = name, formula = deparse(formula),
    coefficients = list(names = I(rownames(co)), estimate = I(unname(co[, "Estimate"])), se = I(unname(co[, "Std. Error"])),
                        df = I(unname(co[, "df"])), t = I(unname(co[, "t value"])), p = I(unname(co[, "Pr(>|t|)"]))),
    anova = list(terms = I(rownames(aov)), num_df = I(aov[["NumDF"]]), den_df = I(aov[["DenDF"]]),
                 f = I(aov[["F value"]]), p = I(aov[["Pr(>F)"]])),
    vcov = I(as.vector(t(as.matrix(vcov(fit))))),
    vcov_adjusted = I(as.vector(t(PhiA))),
    theta = I(unname(getME(fit, "theta"))),
    formulas_vs_pbkrtest = as.list(check),
    packages = list(lme4 = as.character(packageVersion("lme4")), lmerTest = as.character(packageVersion("lmerTest")),
                    pbkrtest = as.character(packageVersion("pbkrtest")), emmeans = as.character(packageVersion("emmeans"))))
  if (!is.null(means)) {
    em <- as.data.frame(summary(emmeans(fit, means, lmer.df = "kenward-roger")))
    out$means <- list(group = I(as.character(em$group)), month = I(as.numeric(as.character(em$month))),
                      estimate = I(em$emmean), se = I(em$SE), df = I(em$df), lower = I(em$lower.CL), upper = I(em$upper.CL))
  }
  out
}

ss <- lme4::sleepstudy
seed_subjects <- read.csv("../../../examples/Nxp2Jdm/data/subjects.csv", stringsAsFactors = FALSE, na.strings = "")
visits <- read.csv("../../../examples/Nxp2Jdm/data/visits.csv", stringsAsFactors = FALSE, na.strings = "")
seed_subjects <- seed_subjects[!is.na(seed_subjects$antibody) & !is.na(seed_subjects$relapse_months) & seed_subjects$onset == "juvenile", ]
seed_subjects$group <- paste0(seed_subjects$antibody, "_JDM")
seed <- merge(visits, seed_subjects[, c("id", "group")], by = "id")
seed <- seed[order(match(seed$id, seed_subjects$id), seed$month), ]
seed <- seed[!is.na(seed$ck) & seed$ck > 0, ]
seed$group <- factor(seed$group, levels = c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM"))
seed$month <- factor(seed$month)

cases <- list(
  lmer_case("sleepstudy_slope_reml", Reaction ~ Days + (Days | Subject), ss),
  lmer_case("sleepstudy_intercept_reml", Reaction ~ Days + (1 | Subject), ss),
  # The same data as mixed.R's nxp2 case (month as a factor there through factor(month) in the formula).
  lmer_case("nxp2_log_ck_group_by_month_reml", log(ck) ~ group * month + (1 | id), seed, means = ~ group * month))

# ---- MMRM: mmrm's parameterisation, observed-information W, with and without R --------------------------
trial <- read.csv(file.path("..", "..", "Runtime.Tests", "Reference", "data", "mmrm_trial.csv"), stringsAsFactors = FALSE)
m <- 4
trial$arm <- factor(trial$arm, levels = c("control", "treatment"))
trial$visitf <- factor(trial$visit, levels = 1:m)
form <- y ~ arm * visitf + base
X <- model.matrix(form, trial)
subject <- match(trial$id, unique(trial$id)); visit <- trial$visit

# Sigma from mmrm's theta (mmrm vignettes "Details of the model fitting" and "Covariance structures").
mmrm_sigma_native <- function(structure, phi, m) {
  if (structure == "us") {
    Lt <- diag(m); k <- m
    for (i in 2:m) for (j in 1:(i - 1)) { k <- k + 1; Lt[i, j] <- phi[k] }
    L <- diag(exp(phi[1:m])) %*% Lt
    return(L %*% t(L))
  }
  f_inv <- function(t) t / sqrt(1 + t^2)   # mmrm's map of a correlation parameter
  rho <- switch(structure,
    cs = { a <- 1 / (m - 1); r <- plogis(phi[2]) * (1 + a) - a; c(1, rep(r, m - 1)) },
    ar1 = f_inv(phi[2])^(0:(m - 1)),
    toep = c(1, f_inv(phi[2:m])))
  exp(2 * phi[1]) * toeplitz(rho)
}
native_from_sigma <- function(structure, S) {
  m <- nrow(S)
  if (structure == "us") {
    L <- t(chol(S)); d <- diag(L); Lt <- L / d
    th <- log(d); for (i in 2:m) for (j in 1:(i - 1)) th <- c(th, Lt[i, j]); return(th)
  }
  f <- function(r) r / sqrt(1 - r^2)
  rho <- S[1, -1] / S[1, 1]
  switch(structure,
    cs = { a <- 1 / (m - 1); c(log(S[1, 1]) / 2, qlogis((rho[1] + a) / (1 + a))) },
    ar1 = c(log(S[1, 1]) / 2, f(rho[1])),
    toep = c(log(S[1, 1]) / 2, f(rho)))
}

mmrm_case <- function(structure) {
  g <- switch(structure,
    us = nlme::gls(form, trial, correlation = nlme::corSymm(form = ~ visit | id), weights = nlme::varIdent(form = ~ 1 | visitf), method = "REML",
                   control = nlme::glsControl(tolerance = 1e-10, msTol = 1e-10, maxIter = 500, msMaxIter = 500)),
    cs = nlme::gls(form, trial, correlation = nlme::corCompSymm(form = ~ 1 | id), method = "REML"),
    ar1 = nlme::gls(form, trial, correlation = nlme::corAR1(form = ~ visit | id), method = "REML"),
    toep = nlme::gls(form, trial, correlation = nlme::corARMA(form = ~ visit | id, p = m - 1, q = 0), method = "REML"))
  full <- names(which(table(trial$id) == m))[1]
  start <- mmrm_theta_from_sigma(structure, unclass(nlme::getVarCov(g, individual = full))[1:m, 1:m])
  fit <- mmrm_fit(structure, trial$y, X, subject, visit, m, start)
  s <- fit$solve; Phi <- s$cov; beta <- s$beta; p <- ncol(X)
  phi <- native_from_sigma(structure, s$sigma)
  stopifnot(max(abs(mmrm_sigma_native(structure, phi, m) - s$sigma)) < 1e-10)
  crit <- function(ph) {
    S <- mmrm_sigma_native(structure, ph, m)
    mmrm_solve(mmrm_theta_from_sigma("us", S), "us", trial$y, X, subject, visit, m)$criterion
  }
  W <- 2 * solve(numDeriv::hessian(crit, phi))
  k <- length(phi)
  sig <- function(ph) as.vector(mmrm_sigma_native(structure, ph, m))
  J <- numDeriv::jacobian(sig, phi)
  H2 <- lapply(1:(m * m), function(e) numDeriv::hessian(function(ph) sig(ph)[e], phi))
  dS <- lapply(1:k, function(h) matrix(J[, h], m, m))
  d2S <- lapply(1:k, function(h) lapply(1:k, function(j) matrix(sapply(H2, function(He) He[h, j]), m, m)))
  P <- lapply(1:k, function(h) matrix(0, p, p))
  Q <- lapply(1:k, function(h) lapply(1:k, function(j) matrix(0, p, p)))
  R <- Q
  for (rows in split(seq_along(trial$y), subject)) {
    v <- visit[rows]; Xi <- X[rows, , drop = FALSE]
    Si <- solve(s$sigma[v, v, drop = FALSE]); Yi <- Si %*% Xi
    for (h in 1:k) {
      Dh <- dS[[h]][v, v, drop = FALSE]
      P[[h]] <- P[[h]] - t(Yi) %*% Dh %*% Yi
      for (j in 1:k) {
        Dj <- dS[[j]][v, v, drop = FALSE]
        Q[[h]][[j]] <- Q[[h]][[j]] + t(Yi) %*% Dh %*% Si %*% Dj %*% Yi
        R[[h]][[j]] <- R[[h]][[j]] + t(Yi) %*% d2S[[h]][[j]][v, v, drop = FALSE] %*% Yi
      }
    }
  }
  PhiA <- kr_adjust(Phi, P, Q, R, W)
  PhiL <- kr_adjust(Phi, P, Q, NULL, W)
  one <- function(l, adj) {
    t1 <- kr_test(l, beta, Phi, adj, P, W)
    est <- sum(l * beta); se <- sqrt(drop(t(l) %*% adj %*% l)); df <- t1[["df"]]; half <- qt(0.975, df) * se
    c(estimate = est, se = se, df = df, t = est / se, p = 2 * pt(-abs(est / se), df), lower = est - half, upper = est + half)
  }
  grid <- expand.grid(visitf = factor(1:m, levels = 1:m), arm = factor(levels(trial$arm), levels = levels(trial$arm)))
  grid$base <- mean(trial$base); grid$y <- 0
  Gm <- model.matrix(form, grid)
  tests <- list(interaction = which(grepl("^armtreatment:", colnames(X))), arm = which(grepl("^armtreatment", colnames(X))))
  variant <- function(adj) {
    co <- t(sapply(1:p, function(j) one(as.numeric(1:p == j), adj)))
    mn <- t(sapply(seq_len(nrow(Gm)), function(r) one(Gm[r, ], adj)))
    dv <- t(sapply(1:m, function(v) one(Gm[m + v, ] - Gm[v, ], adj)))
    ft <- lapply(tests, function(cols) {
      L <- t(sapply(cols, function(c) as.numeric(1:p == c)))
      r <- kr_test(L, beta, Phi, adj, P, W)
      list(columns = I(colnames(X)[cols]), num_df = r[["q"]], den_df = r[["df"]], lambda = r[["lambda"]], f = r[["f"]], p = r[["p"]])
    })
    list(vcov = I(as.vector(t(adj))), se = I(co[, "se"]), df = I(co[, "df"]), t = I(co[, "t"]), p = I(co[, "p"]),
         means = list(arm = I(as.character(grid$arm)), visit = I(as.integer(as.character(grid$visitf))),
                      estimate = I(mn[, "estimate"]), se = I(mn[, "se"]), df = I(mn[, "df"]), lower = I(mn[, "lower"]), upper = I(mn[, "upper"])),
         visit_contrast = list(estimate = I(dv[, "estimate"]), se = I(dv[, "se"]), df = I(dv[, "df"]), t = I(dv[, "t"]), p = I(dv[, "p"]),
                               lower = I(dv[, "lower"]), upper = I(dv[, "upper"])),
         tests = ft)
  }
  cat(structure, "KR: max |Phi_A - Phi_A linear| / Phi", max(abs(PhiA - PhiL) / abs(Phi)), "\n")
  list(name = paste0("mmrm_", structure), structure = structure, names = I(colnames(X)), beta = I(beta),
       vcov = I(as.vector(t(Phi))), theta_mmrm = I(phi), max_abs_gradient = max(abs(fit$gradient)),
       kenward_roger = variant(PhiA), kenward_roger_linear = variant(PhiL),
       packages = list(nlme = as.character(packageVersion("nlme")), numDeriv = as.character(packageVersion("numDeriv"))))
}

cases <- c(cases, lapply(c("us", "cs", "ar1", "toep"), mmrm_case))
write_fixture("kenward_roger", "tests/Reference/r/kenward_roger.R", cases)
