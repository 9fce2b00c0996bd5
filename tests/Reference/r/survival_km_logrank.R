# Reference values for the survival kernels (KaplanMeier, LogRank, LogRankPairwise):
# survfit (three conf.types), its print table (median and CI, rmean), summary(fit, times = ...),
# the Nelson-Aalen cumulative hazard with its SE (fit$cumhaz, fit$std.chaz, and summary's at the times),
# survdiff (rho 0 and 1, with strata) and pairwise survdiff with p.adjust("holm").
# Run: cd tests/Reference/r && Rscript survival_km_logrank.R
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

# One case: time, status (1 = event), group codes from 0 (levels in order), optional strata codes.
survival_case <- function(name, time, status, group, levels, times, horizon, strata = NULL) {
  g <- factor(group, levels = levels)
  keep <- !is.na(time) & !is.na(status) & !is.na(g)
  keep_strata <- keep & (if (is.null(strata)) TRUE else !is.na(strata))
  curves_for <- function(type) {
    fit <- survfit(Surv(time, status) ~ g, subset = keep, conf.type = type)
    tab <- summary(fit, rmean = horizon)$table
    if (is.null(dim(tab))) tab <- matrix(tab, nrow = 1, dimnames = list(names(fit$strata), names(tab)))
    st <- rep(seq_along(fit$strata), fit$strata)
    lapply(seq_along(levels), function(k) {
      label <- paste0("g=", levels[k])
      i <- match(label, names(fit$strata))
      if (is.na(i)) return(list(group = k - 1, n = 0))
      w <- st == i
      # summary() drops times after the curve's last observation, and stops when it would drop all.
      s <- tryCatch(summary(fit[i], times = times), error = function(e) list(time = numeric(0)))
      at_row <- match(times, s$time)
      pick <- function(v) I(if (is.null(v)) rep(NA_real_, length(times)) else as.numeric(v[at_row]))
      list(group = k - 1, n = tab[label, "records"], events = tab[label, "events"],
           time = I(fit$time[w]), n_risk = I(fit$n.risk[w]), n_event = I(fit$n.event[w]), n_censor = I(fit$n.censor[w]),
           surv = I(fit$surv[w]), std_err = I(fit$std.err[w]), lower = I(fit$lower[w]), upper = I(fit$upper[w]),
           cumhaz = I(fit$cumhaz[w]), std_chaz = I(fit$std.chaz[w]),
           median = tab[label, "median"], median_lower = tab[label, "0.95LCL"], median_upper = tab[label, "0.95UCL"],
           rmean = tab[label, "rmean"], rmean_se = tab[label, "se(rmean)"],
           at = list(time = I(times), n_risk = pick(s$n.risk), surv = pick(s$surv), std_err = pick(s$std.err),
                     lower = pick(s$lower), upper = pick(s$upper),
                     cumhaz = pick(s$cumhaz), std_chaz = pick(s$std.chaz)))
    })
  }
  test <- function(rho, strat) {
    d <- survdiff(if (strat) Surv(time, status) ~ g + strata(strata) else Surv(time, status) ~ g, subset = if (strat) keep_strata else keep, rho = rho)
    obs <- if (is.matrix(d$obs)) rowSums(d$obs) else d$obs
    ex <- if (is.matrix(d$exp)) rowSums(d$exp) else d$exp
    df <- sum(ex > 0) - 1
    full <- function(v) { out <- rep(0, length(levels)); out[match(sub("^g=", "", names(d$n)), levels)] <- v; I(out) }
    list(rho = rho, n = full(as.numeric(d$n)), observed = full(obs), expected = full(ex),
         chisq = d$chisq, df = df, p = pchisq(d$chisq, df, lower.tail = FALSE))
  }
  pairwise <- function(rho) {
    pr <- combn(seq_along(levels), 2)
    present <- levels %in% unique(as.character(g[keep]))
    ok <- apply(pr, 2, function(ab) all(present[ab]))
    pr <- pr[, ok, drop = FALSE]
    p <- apply(pr, 2, function(ab) {
      sub_keep <- keep & g %in% levels[ab]
      d <- survdiff(Surv(time, status) ~ g, subset = sub_keep, rho = rho)
      pchisq(d$chisq, length(d$n) - 1, lower.tail = FALSE)
    })
    list(a = I(pr[1, ] - 1), b = I(pr[2, ] - 1), p = I(p), holm = I(p.adjust(p, "holm")))
  }
  out <- list(name = name, survival_version = as.character(packageVersion("survival")), time = I(time), status = I(status), group = I(match(group, levels) - 1),
              levels = I(levels), times = I(times), horizon = horizon,
              km = list(log = curves_for("log"), log_log = curves_for("log-log"), plain = curves_for("plain")),
              logrank = list(rho0 = test(0, FALSE), rho1 = test(1, FALSE)),
              pairwise = list(rho0 = pairwise(0)))
  if (!is.null(strata)) {
    out$strata <- I(ifelse(is.na(strata), -1, strata))
    out$stratified <- list(rho0 = test(0, TRUE), rho1 = test(1, TRUE))
  }
  out
}

lung <- survival::lung
cases <- list(
  survival_case("lung_by_sex", lung$time, as.integer(lung$status == 2), lung$sex, c(1, 2),
                c(180, 365, 730), 730,
                strata = ifelse(is.na(lung$ph.ecog), NA, lung$ph.ecog)),
  survival_case("lung_by_ph_ecog", lung$time, as.integer(lung$status == 2), lung$ph.ecog, c(0, 1, 2, 3),
                c(180, 365, 730), 730),
  # Hand-computable, deliberately unsorted: ties of events, censorings at event times, a group
  # that ends with an event (S = 0), a group with no events, a group whose events are all at one time.
  survival_case("tiny_ties",
                c(6, 3, 1, 4, 8, 2, 5, 4, 5, 7, 3, 9, 2, 6, 3, 3, 5, 5, 5),
                c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0),
                c("a", "a", "a", "a", "b", "a", "b", "a", "b", "b", "b", "c", "c", "c", "d", "d", "d", "d", "d"),
                c("a", "b", "c", "d"), c(0, 2, 3, 4.5, 7, 10), 6))

subjects <- read.csv(file.path("..", "..", "..", "examples", "Nxp2Jdm", "data", "subjects.csv"), stringsAsFactors = FALSE)
subjects$group <- with(subjects, ifelse(antibody == "NXP2" & onset == "juvenile", "NXP2_JDM",
                                 ifelse(antibody == "MDA5" & onset == "juvenile", "MDA5_JDM",
                                 ifelse(antibody == "TIF1g" & onset == "juvenile", "TIF1g_JDM",
                                 ifelse(antibody == "NXP2" & onset == "adult", "NXP2_ADM", NA)))))
cohort <- subjects[!is.na(subjects$group) & !is.na(subjects$relapse_months), ]
stopifnot(nrow(cohort) == 62)
cases[[4]] <- survival_case("nxp2_relapse", cohort$relapse_months, as.integer(cohort$relapsed == "true"), cohort$group,
                            c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM"), c(12, 24, 36), 36)

write_fixture("survival_km_logrank", "survival_km_logrank.R", cases)
