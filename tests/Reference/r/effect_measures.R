# Reference values for the two-group effect measures of `compare ... using risk_difference | relative_risk |
# odds_ratio | nnt | rate_ratio | rate_difference` (src/Runtime/Statistics/Effects).
# Run: cd tests/Reference/r && Rscript effect_measures.R
#
# Where R has the method, R computes it:
#   - Wilson limits: prop.test(x, n, correct = FALSE)$conf.int; the risk difference's p: prop.test(c(x1, x2), c(n1, n2),
#     correct = FALSE)$p.value (Pearson's chi-squared without continuity correction).
#   - Wald odds ratio: glm(cbind(x, n - x) ~ group, binomial) with confint.default (the Wald interval of the log odds ratio).
#   - Relative risk: glm(..., binomial(link = "log")) gives the log risk ratio and Katz's SE (for two groups the
#     fit is saturated, so its SE is sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2)); recorded as `glm_log_rr` and `glm_se`
#     beside the formula's values, which are what the kernel is compared with.
#   - Conditional MLE odds ratio and exact CI: fisher.test with uniroot tightened (as fisher.R).
#   - Mantel-Haenszel odds ratio, Robins-Breslow-Greenland CI and chi-squared: mantelhaen.test(correct = TRUE / FALSE).
#   - Incidence rate ratio: poisson.test(c(x1, x2), c(t1, t2)) (exact conditional binomial CI and p).
# Where R has no function, the published formula is computed here, in R, from R's building blocks (said per field):
#   - Newcombe's hybrid score CI of the risk difference (Newcombe 1998, Stat Med 17:873-890, method 10) from the
#     two prop.test(correct = FALSE) Wilson limits: (d - sqrt((p1 - l1)^2 + (u2 - p2)^2), d + sqrt((u1 - p1)^2 + (p2 - l2)^2)).
#   - Katz's log CI of the relative risk (Katz et al. 1978, Biometrics 34:469-474).
#   - NNT = 1/RD and Altman's (1998, BMJ 317:1309-1312) inversion of the Newcombe limits.
#   - Mantel-Haenszel risk ratio with the Greenland & Robins (1985, Biometrics 41:55-68) variance of its log, and
#     the Mantel-Haenszel risk difference with Greenland & Robins' variance (both as in Rothman, Greenland & Lash,
#     Modern Epidemiology, 3rd ed., 2008, ch. 15).
#   - The rate difference's Wald CI and z test: SE = sqrt(x1/t1^2 + x2/t2^2) (Rothman et al. 2008, ch. 14).
source("fixture_io.R")

fisher_tight <- stats::fisher.test
environment(fisher_tight) <- local({
  uniroot <- function(...) stats::uniroot(..., tol = 1e-13, maxiter = 10000)
  environment()
}, envir = new.env(parent = environment(stats::fisher.test)))

# mantelhaen.test(exact = TRUE) solves the conditional MLE and its limits with uniroot's default tolerance too:
# the same tightening.
mantelhaen_tight <- stats::mantelhaen.test
environment(mantelhaen_tight) <- local({
  uniroot <- function(...) stats::uniroot(..., tol = 1e-13, maxiter = 10000)
  environment()
}, envir = new.env(parent = environment(stats::mantelhaen.test)))

z <- qnorm(0.975)

two_group <- function(name, x1, n1, x2, n2) {
  p1 <- x1 / n1; p2 <- x2 / n2
  w1 <- prop.test(x1, n1, correct = FALSE)$conf.int
  w2 <- prop.test(x2, n2, correct = FALSE)$conf.int
  rd <- p1 - p2
  rd_low <- rd - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)
  rd_high <- rd + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)
  pt <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = FALSE))
  rr <- p1 / p2
  se_rr <- sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
  or <- (x1 * (n2 - x2)) / ((n1 - x1) * x2)
  se_or <- sqrt(1 / x1 + 1 / (n1 - x1) + 1 / x2 + 1 / (n2 - x2))
  case <- list(name = name, x1 = x1, n1 = n1, x2 = x2, n2 = n2,
    wilson1 = I(w1[1:2]), wilson2 = I(w2[1:2]),
    rd = rd, rd_low = rd_low, rd_high = rd_high, rd_chisq = unname(pt$statistic), rd_p = pt$p.value,
    nnt = 1 / rd, nnt_low_limit = 1 / rd_low, nnt_high_limit = 1 / rd_high,
    rr = rr, rr_low = exp(log(rr) - z * se_rr), rr_high = exp(log(rr) + z * se_rr),
    rr_z = log(rr) / se_rr, rr_p = 2 * pnorm(-abs(log(rr) / se_rr)),
    or = or, or_low = exp(log(or) - z * se_or), or_high = exp(log(or) + z * se_or),
    or_z = log(or) / se_or, or_p = 2 * pnorm(-abs(log(or) / se_or)))
  if (min(x1, n1 - x1, x2, n2 - x2) > 0) {
    d <- data.frame(g = factor(c("second", "first"), levels = c("second", "first")), x = c(x2, x1), n = c(n2, n1))
    fit <- glm(cbind(x, n - x) ~ g, family = binomial, data = d)
    ci <- confint.default(fit)["gfirst", ]
    s <- summary(fit)$coefficients["gfirst", ]
    case$glm_or <- exp(unname(coef(fit)["gfirst"]))
    case$glm_or_low <- exp(unname(ci[1])); case$glm_or_high <- exp(unname(ci[2]))
    case$glm_or_p <- unname(s[4])
    fit_rr <- glm(cbind(x, n - x) ~ g, family = binomial(link = "log"), data = d)
    case$glm_log_rr <- unname(coef(fit_rr)["gfirst"])
    case$glm_se <- unname(summary(fit_rr)$coefficients["gfirst", 2])
  }
  f <- fisher_tight(matrix(c(x1, n1 - x1, x2, n2 - x2), 2, byrow = TRUE))
  case$cond_or <- unname(f$estimate); case$cond_or_low <- f$conf.int[1]; case$cond_or_high <- f$conf.int[2]
  case$fisher_p <- f$p.value
  case
}

# Counts as (events first group, n first group, events second group, n second group).
infert_tab <- table(infert$spontaneous > 0, infert$case)
trial <- list(
  trial_45_of_120_vs_30_of_118 = c(45, 120, 30, 118),
  # infert: cases among women with >= 1 prior spontaneous abortion vs none.
  infert_spontaneous = c(infert_tab["TRUE", "1"], sum(infert_tab["TRUE", ]), infert_tab["FALSE", "1"], sum(infert_tab["FALSE", ])),
  nnt_ci_crosses_zero_12_of_50_vs_10_of_50 = c(12, 50, 10, 50),
  harm_rare_3_of_500_vs_15_of_480 = c(3, 500, 15, 480),
  zero_events_first_0_of_20_vs_5_of_20 = c(0, 20, 5, 20),
  all_events_first_10_of_10_vs_4_of_12 = c(10, 10, 4, 12),
  # Newcombe (1998), Table II example (e): 56/70 vs 48/80.
  newcombe_e_56_of_70_vs_48_of_80 = c(56, 70, 48, 80))
cases <- lapply(names(trial), function(nm) { v <- trial[[nm]]; two_group(nm, v[1], v[2], v[3], v[4]) })

# Stratified 2 x 2 x K: a = events first group, b = non-events first, c = events second, d = non-events second.
mh <- function(name, a, b, c, d) {
  n1 <- a + b; n2 <- c + d; N <- n1 + n2
  arr <- array(c(rbind(a, c, b, d)), dim = c(2, 2, length(a)))  # per stratum: rows group (first, second), columns event (yes, no)
  t_c <- mantelhaen.test(arr, correct = TRUE)
  t_n <- mantelhaen.test(arr, correct = FALSE)
  # The exact test needs every stratum to have both groups (a degenerate stratum adds nothing; R keeps it).
  t_e <- mantelhaen_tight(arr, exact = TRUE)
  rr <- sum(a * n2 / N) / sum(c * n1 / N)
  var_log_rr <- sum((n1 * n2 * (a + c) - a * c * N) / N^2) / (sum(a * n2 / N) * sum(c * n1 / N))
  rd <- sum((a * n2 - c * n1) / N) / sum(n1 * n2 / N)
  var_rd <- sum((a * b * n2^3 + c * d * n1^3) / (n1 * n2 * N^2)) / sum(n1 * n2 / N)^2
  list(name = name, a = I(a), b = I(b), c = I(c), d = I(d),
    mh_or = unname(t_c$estimate), mh_or_low = t_c$conf.int[1], mh_or_high = t_c$conf.int[2],
    chisq_correct = unname(t_c$statistic), p_correct = t_c$p.value,
    chisq_no_correct = unname(t_n$statistic), p_no_correct = t_n$p.value,
    mh_rr = rr, mh_rr_low = exp(log(rr) - z * sqrt(var_log_rr)), mh_rr_high = exp(log(rr) + z * sqrt(var_log_rr)),
    mh_rd = rd, mh_rd_low = rd - z * sqrt(var_rd), mh_rd_high = rd + z * sqrt(var_rd),
    exact_or = unname(t_e$estimate), exact_or_low = t_e$conf.int[1], exact_or_high = t_e$conf.int[2],
    exact_s = unname(t_e$statistic), exact_p = t_e$p.value)
}

# Stratified rates (no R function): the Mantel-Haenszel rate ratio and difference with Greenland & Robins (1985)
# variances, and the Mantel-Haenszel chi-squared for person-time (Rothman, Greenland & Lash 2008, ch. 15).
mh_rate <- function(name, x1, t1, x0, t0) {
  T <- t1 + t0; M <- x1 + x0
  irr <- sum(x1 * t0 / T) / sum(x0 * t1 / T)
  var_log_irr <- sum(M * t1 * t0 / T^2) / (sum(x1 * t0 / T) * sum(x0 * t1 / T))
  w <- t1 * t0 / T
  ird <- sum(w * (x1 / t1 - x0 / t0)) / sum(w)
  var_ird <- sum(w^2 * (x1 / t1^2 + x0 / t0^2)) / sum(w)^2
  chisq <- (sum(x1) - sum(M * t1 / T))^2 / sum(M * t1 * t0 / T^2)
  list(name = name, x1 = I(x1), t1 = I(t1), x0 = I(x0), t0 = I(t0),
    mh_irr = irr, mh_irr_low = exp(log(irr) - z * sqrt(var_log_irr)), mh_irr_high = exp(log(irr) + z * sqrt(var_log_irr)),
    mh_ird = ird, mh_ird_low = ird - z * sqrt(var_ird), mh_ird_high = ird + z * sqrt(var_ird),
    mh_rate_chisq = chisq, mh_rate_p = pchisq(chisq, 1, lower.tail = FALSE))
}

# UCBAdmissions: Male (first) vs Female, event Admitted, strata Dept.
u <- UCBAdmissions
ucb <- mh("ucb_admissions_male_vs_female_by_dept", as.numeric(u["Admitted", "Male", ]), as.numeric(u["Rejected", "Male", ]),
          as.numeric(u["Admitted", "Female", ]), as.numeric(u["Rejected", "Female", ]))
# esoph: cases and controls with alcohol >= 80 g/day (first) vs < 80, strata agegp; some strata have no cases.
e <- esoph
high <- e$alcgp %in% c("80-119", "120+")
agg <- function(v, sel) as.numeric(tapply(v[sel], e$agegp[sel], sum))
esoph_mh <- mh("esoph_alcohol_80_plus_by_age", agg(e$ncases, high), agg(e$ncontrols, high), agg(e$ncases, !high), agg(e$ncontrols, !high))

rate <- function(name, x1, t1, x2, t2) {
  pt <- poisson.test(c(x1, x2), c(t1, t2))
  d <- x1 / t1 - x2 / t2
  se <- sqrt(x1 / t1^2 + x2 / t2^2)
  list(name = name, x1 = x1, t1 = t1, x2 = x2, t2 = t2,
    irr = unname(pt$estimate), irr_low = pt$conf.int[1], irr_high = pt$conf.int[2], irr_p = pt$p.value,
    expected1 = unname(pt$parameter),
    rate_diff = d, rate_diff_low = d - z * se, rate_diff_high = d + z * se, rate_diff_z = d / se, rate_diff_p = 2 * pnorm(-abs(d / se)))
}
rates <- list(
  # ?poisson.test: carcinogenic effects, 11 cases in 800 person-years vs 21 in 3011.
  rate("poisson_test_help_example", 11, 800, 6 + 8 + 7, 1083 + 1050 + 878),
  rate("sim_trial_41_in_1520_vs_63_in_1490", 41, 1520.5, 63, 1490.25),
  rate("zero_events_second_4_in_100_vs_0_in_120", 4, 100, 0, 120),
  rate("zero_events_first_0_in_50_vs_7_in_60", 0, 50, 7, 60))

# A simulated two-arm trial, subject-level, for the end-to-end .study run: arm, binary response, centre (strata),
# an event count with person-years. Written to tests/Runtime.Tests/Reference/data/effects_trial.csv.
set.seed(20261202)
n <- 240
arm <- rep(c("Active", "Placebo"), each = n / 2)
centre <- sample(c("C1", "C2", "C3", "C4"), n, replace = TRUE)
response <- rbinom(n, 1, ifelse(arm == "Active", 0.45, 0.30) + ifelse(centre == "C1", 0.1, 0))
person_years <- round(runif(n, 0.5, 3), 2)
events <- rpois(n, person_years * ifelse(arm == "Active", 0.4, 0.6))
trial_data <- data.frame(id = sprintf("S%03d", seq_len(n)), arm = arm, centre = centre,
                         response = ifelse(response == 1, "true", "false"), events = events, person_years = person_years)
write.csv(trial_data, file.path("..", "..", "Runtime.Tests", "Reference", "data", "effects_trial.csv"), row.names = FALSE, quote = FALSE)
x1 <- sum(response[arm == "Active"]); x2 <- sum(response[arm == "Placebo"])
trial_case <- two_group("e2e_trial_response_active_vs_placebo", x1, n / 2, x2, n / 2)
tab <- table(factor(arm, c("Active", "Placebo")), factor(response, c(1, 0)), centre)
trial_mh <- mh("e2e_trial_response_by_centre", as.numeric(tab["Active", "1", ]), as.numeric(tab["Active", "0", ]),
               as.numeric(tab["Placebo", "1", ]), as.numeric(tab["Placebo", "0", ]))
agg_by <- function(v, sel) as.numeric(tapply(v[sel], factor(centre[sel], c("C1", "C2", "C3", "C4")), sum))
trial_mh_rate <- mh_rate("e2e_trial_events_by_centre", agg_by(events, arm == "Active"), agg_by(person_years, arm == "Active"),
                         agg_by(events, arm == "Placebo"), agg_by(person_years, arm == "Placebo"))
trial_rate <- rate("e2e_trial_events_per_person_years", sum(events[arm == "Active"]), sum(person_years[arm == "Active"]),
                   sum(events[arm == "Placebo"]), sum(person_years[arm == "Placebo"]))

write_fixture("effect_measures", "effect_measures.R",
  c(cases, list(ucb, esoph_mh, trial_case, trial_mh, trial_rate, trial_mh_rate), rates))
