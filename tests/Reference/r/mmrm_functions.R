# The MMRM REML criterion and its Satterthwaite degrees of freedom, written from their formulas
# because Debian does not serve the mmrm package (Sabanes Bove et al., mmrm 0.3, "Details of the
# model fitting"; Christensen 2017 for Satterthwaite). Shared by mmrm.R and randomised_trial.R.
#
# Model: y_i = X_i beta + e_i, e_i ~ N(0, Sigma[v_i, v_i]) for subject i seen at visits v_i.
# -2 l_R(theta) = (n - p) log(2 pi) + sum_i log|Sigma_i| + log|X' V^-1 X| + r' V^-1 r, r = y - X beta_GLS.
# Parameterisations (they do not change the optimum, the vcov or the dfs):
#   us   Sigma = L L', theta = (log diag L, lower triangle of L by rows)
#   cs   sigma^2 = exp(2 theta1); rho = lo + (1 - lo) plogis(theta2), lo = -1/(m - 1)
#   ar1  sigma^2 = exp(2 theta1); rho = tanh(theta2); corr = rho^|j - k| (visit positions)
#   toep sigma^2 = exp(2 theta1); partial autocorrelations tanh(theta_2..m), Durbin-Levinson to rho_1..rho_{m-1}
mmrm_sigma <- function(structure, theta, m) {
  if (structure == "us") {
    L <- matrix(0, m, m)
    diag(L) <- exp(theta[1:m])
    k <- m
    for (i in 2:m) for (j in 1:(i - 1)) { k <- k + 1; L[i, j] <- theta[k] }
    return(L %*% t(L))
  }
  s2 <- exp(2 * theta[1])
  rho <- switch(structure,
    cs = { lo <- -1 / (m - 1); r <- lo + (1 - lo) * plogis(theta[2]); c(r^0, rep(r, m - 1)) },
    ar1 = tanh(theta[2])^(0:(m - 1)),
    toep = {
      pacf <- tanh(theta[2:m]); acf <- c(1, numeric(m - 1)); phi <- numeric(0)
      for (k in 1:(m - 1)) {
        phi <- c(if (k > 1) phi - pacf[k] * rev(phi) else numeric(0), pacf[k])
        acf[k + 1] <- sum(phi * acf[k:1])
      }
      acf
    })
  s2 * toeplitz(rho)
}

mmrm_parameters <- function(structure, m) switch(structure, us = m * (m + 1) / 2, cs = 2, ar1 = 2, toep = m)

# Everything the criterion needs at theta: beta, its covariance and -2 l_R.
mmrm_solve <- function(theta, structure, y, X, subject, visit, m) {
  S <- mmrm_sigma(structure, theta, m)
  p <- ncol(X); XtVX <- matrix(0, p, p); XtVy <- numeric(p); ytVy <- 0; logdet <- 0
  for (rows in split(seq_along(y), subject)) {
    v <- visit[rows]
    R <- chol(S[v, v, drop = FALSE])
    Xw <- backsolve(R, X[rows, , drop = FALSE], transpose = TRUE)
    yw <- backsolve(R, y[rows], transpose = TRUE)
    XtVX <- XtVX + crossprod(Xw); XtVy <- XtVy + drop(crossprod(Xw, yw)); ytVy <- ytVy + sum(yw^2)
    logdet <- logdet + 2 * sum(log(diag(R)))
  }
  cov <- solve(XtVX); beta <- drop(cov %*% XtVy)
  crit <- (length(y) - p) * log(2 * pi) + logdet + as.numeric(determinant(XtVX)$modulus) + ytVy - sum(beta * XtVy)
  list(beta = beta, cov = cov, criterion = crit, sigma = S)
}

# theta from a gls fit's Sigma (the start of the polishing), per structure.
mmrm_theta_from_sigma <- function(structure, S) {
  m <- nrow(S)
  if (structure == "us") { L <- t(chol(S)); th <- log(diag(L)); for (i in 2:m) for (j in 1:(i - 1)) th <- c(th, L[i, j]); return(th) }
  s2 <- mean(diag(S)); r <- S[1, 2] / s2
  switch(structure,
    cs = { lo <- -1 / (m - 1); c(log(s2) / 2, qlogis((mean(S[upper.tri(S)]) / s2 - lo) / (1 - lo))) },
    ar1 = c(log(s2) / 2, atanh(r)),
    toep = {
      acf <- sapply(0:(m - 1), function(k) mean(diag(S[(1 + k):m, 1:(m - k), drop = FALSE]))) / s2
      c(log(s2) / 2, atanh(pacf_of(acf)))
    })
}

# Partial autocorrelations of an autocorrelation sequence (Durbin-Levinson, the inverse of mmrm_sigma's toep).
pacf_of <- function(acf) {
  m <- length(acf); out <- numeric(m - 1); phi <- numeric(0)
  for (k in 1:(m - 1)) {
    num <- acf[k + 1] - sum(phi * acf[k:2][seq_along(phi)])
    den <- 1 - sum(phi * acf[2:k][seq_along(phi)])
    a <- num / den
    phi <- c(phi - a * rev(phi), a)
    out[k] <- a
  }
  out
}

# Polish a start (a gls fit) to a tight REML optimum, then the Satterthwaite pieces by numDeriv:
# A = 2 H^-1 with H the Hessian of -2 l_R in theta; J_k = d cov(beta) / d theta_k.
mmrm_fit <- function(structure, y, X, subject, visit, m, start) {
  f <- function(th) mmrm_solve(th, structure, y, X, subject, visit, m)$criterion
  gr <- function(th) numDeriv::grad(f, th)
  th <- optim(start, f, gr, method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))$par
  # Newton steps with numDeriv's Hessian finish where BFGS stalls (gradient below 1e-8).
  for (step in 1:5) {
    g <- gr(th)
    if (max(abs(g)) < 1e-9) break
    th <- th - solve(numDeriv::hessian(f, th), g)
  }
  s <- mmrm_solve(th, structure, y, X, subject, visit, m)
  H <- numDeriv::hessian(f, th)
  A <- 2 * solve(H)
  J <- numDeriv::jacobian(function(t) as.vector(mmrm_solve(t, structure, y, X, subject, visit, m)$cov), th)
  p <- ncol(X)
  df_of <- function(l) {
    g <- sapply(seq_along(th), function(k) drop(t(l) %*% matrix(J[, k], p, p) %*% l))
    v <- drop(t(l) %*% s$cov %*% l)
    2 * v^2 / drop(t(g) %*% A %*% g)
  }
  list(theta = th, solve = s, df_of = df_of, gradient = numDeriv::grad(f, th))
}

# One contrast: estimate, SE, Satterthwaite df, t, p and 95 % CI.
mmrm_contrast <- function(fit, l) {
  est <- sum(l * fit$solve$beta); se <- sqrt(drop(t(l) %*% fit$solve$cov %*% l)); df <- fit$df_of(l)
  half <- qt(0.975, df) * se
  c(estimate = est, se = se, df = df, t = est / se, p = 2 * pt(-abs(est / se), df), lower = est - half, upper = est + half)
}

# The F test of L beta = 0 with the multi-df Satterthwaite approximation (mmrm's df_md, lmerTest's
# get_Fstat_ddf): eigen-decompose L C L', a 1-df contrast per eigenvector, F = mean of their t^2, and
# the denominator df from E = sum(nu / (nu - 2)) (2 when any nu <= 2; their mean when all are equal).
mmrm_ftest <- function(fit, L) {
  q <- nrow(L); b <- fit$solve$beta
  if (q == 1) {
    r <- mmrm_contrast(fit, L[1, ])
    return(c(num_df = 1, den_df = r[["df"]], f = r[["t"]]^2, p = r[["p"]]))
  }
  e <- eigen(L %*% fit$solve$cov %*% t(L), symmetric = TRUE)
  PL <- t(e$vectors) %*% L
  f <- sum(drop(PL %*% b)^2 / e$values) / q
  nu <- apply(PL, 1, fit$df_of)
  ddf <- if (all(abs(diff(nu)) < 1e-8)) mean(nu) else if (any(nu <= 2)) 2 else { E <- sum(nu / (nu - 2)); 2 * E / (E - q) }
  c(num_df = q, den_df = ddf, f = f, p = pf(f, q, ddf, lower.tail = FALSE))
}
