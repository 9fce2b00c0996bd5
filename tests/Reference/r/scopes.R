# Reference values for scoped analyses (issue 12: `overall`, `within`, `where`), on R's public
# datasets, with the input data written as CSV beside the fixture so the runtime can load it
# through its own data layer (tests/Runtime.Tests/Reference/data/*.csv):
#   lung_km_overall           survfit(Surv(time, status == 2) ~ 1, data = lung), conf.type "log":
#                             the whole curve, survival at 180, 365 and 730 days with SE and CI,
#                             the median and its CI, n and events. (`model kaplan_meier ... overall`)
#                             In at[], n_event counts the events since the previous time asked for
#                             (summary.survfit), not from the start.
#   lung_cox_within_sex       coxph(Surv(time, status == 2) ~ age + ph_ecog, ties = "efron") fitted
#                             separately within sex == 1 and sex == 2: coef, SE, HR and CI, z and p,
#                             Wald / likelihood-ratio / score tests, concordance, cox.zph, n and
#                             events. One row of lung (sex 1) has ph_ecog missing: coxph drops it
#                             (na.omit), so that level's n is one less than its rows; n_rows and
#                             n_dropped_missing say so. (`model cox ... ~ age + ph_ecog within sex`)
#   chickweight_day21_diet1_vs_diet2
#                             ChickWeight rows with Time == 21, Diet 1 (x) vs Diet 2 (y):
#                             t.test (var.equal = TRUE and Welch) and wilcox.test(conf.int = TRUE)
#                             with n per diet. Weights are tied, so wilcox.test uses the
#                             continuity-corrected normal approximation and finds the
#                             Hodges-Lehmann estimate and CI with uniroot: "shipped" is R's default
#                             tol.root (1e-4), "tight" tol.root = 1e-13 (as hodges_lehmann.R).
#                             Differences are Diet 1 minus Diet 2. (`compare ... where Time == 21`)
#   lung_age_overall          age of all 228 lung rows: n, missing, mean, sd, median, quartiles
#                             (quantile type 7), min, max. (`describe age overall`)
# Data files (UTF-8, LF, header, no quoting, missing = empty field, R's row order):
#   data/lung.csv        survival::lung, all 228 rows and 10 columns; '.' in names becomes '_'
#                        (ph.ecog -> ph_ecog, ...). No key column: a row is one subject.
#   data/chickweight.csv datasets::ChickWeight, all 578 rows: weight, Time, Chick, Diet
#                        (Chick and Diet as their factor labels). No key column: one row per
#                        chick and day, so a table keyed by row number.
# Run: cd tests/Reference/r && Rscript scopes.R
source("fixture_io.R")
suppressPackageStartupMessages(library(survival))

data_dir <- file.path("..", "..", "Runtime.Tests", "Reference", "data")
dir.create(data_dir, showWarnings = FALSE)
write_data <- function(df, file) {
  # format() per column so no number is written in scientific notation; NA -> empty field.
  out <- as.data.frame(lapply(df, function(v) {
    s <- if (is.numeric(v)) format(v, scientific = FALSE, trim = TRUE, drop0trailing = TRUE) else as.character(v)
    s[is.na(v)] <- ""
    s
  }), stringsAsFactors = FALSE)
  names(out) <- gsub(".", "_", names(df), fixed = TRUE)
  con <- file(file.path(data_dir, file), open = "wb")
  writeLines(paste(names(out), collapse = ","), con, sep = "\n")
  writeLines(do.call(paste, c(out, sep = ",")), con, sep = "\n")
  close(con)
  cat("wrote", file.path(data_dir, file), "\n")
}

lung <- survival::lung
chick <- data.frame(weight = ChickWeight$weight, Time = ChickWeight$Time,
                    Chick = as.character(ChickWeight$Chick), Diet = as.character(ChickWeight$Diet))
write_data(lung, "lung.csv")
write_data(chick, "chickweight.csv")

# The data as the runtime will read it back: the tests compare against the CSV, not R's copy.
lung <- read.csv(file.path(data_dir, "lung.csv"), na.strings = "")
chick <- read.csv(file.path(data_dir, "chickweight.csv"), na.strings = "", colClasses = c(Chick = "character", Diet = "character"))
stopifnot(nrow(lung) == 228, nrow(chick) == 578)

survival_version <- as.character(packageVersion("survival"))

# (a) overall Kaplan-Meier ------------------------------------------------------------------
km_overall <- function() {
  fit <- survfit(Surv(time, status == 2) ~ 1, data = lung, conf.type = "log")
  tab <- summary(fit)$table
  times <- c(180, 365, 730)
  s <- summary(fit, times = times)
  list(
    name = "lung_km_overall",
    survival_version = survival_version,
    data = "data/lung.csv",
    time_column = "time", event = "status == 2", conf_type = "log", conf_level = 0.95,
    n = unname(tab["records"]), events = unname(tab["events"]),
    curve = list(time = I(fit$time), n_risk = I(fit$n.risk), n_event = I(fit$n.event), n_censor = I(fit$n.censor),
                 surv = I(fit$surv),
                 # survfit's std.err is that of the cumulative hazard (-log S); summary's is that of S.
                 std_err_cumhaz = I(fit$std.err), lower = I(fit$lower), upper = I(fit$upper)),
    median = unname(tab["median"]), median_lower = unname(tab["0.95LCL"]), median_upper = unname(tab["0.95UCL"]),
    at = list(time = I(s$time), n_risk = I(s$n.risk), n_event = I(s$n.event), surv = I(s$surv),
              std_err = I(s$std.err), lower = I(s$lower), upper = I(s$upper)))
}

# (b) Cox within each sex -------------------------------------------------------------------
test_of <- function(statistic, df) list(statistic = unname(statistic), df = unname(df),
                                        p = pchisq(unname(statistic), unname(df), lower.tail = FALSE))
cox_level <- function(level) {
  rows <- lung[lung$sex == level, ]
  fit <- coxph(Surv(time, status == 2) ~ age + ph_ecog, data = rows, ties = "efron")
  s <- summary(fit)
  cm <- s$coefficients
  ci <- s$conf.int
  conc <- concordance(fit)
  # cox.zph as survival 3.x (transform "km", per term and GLOBAL), as cox.R records it.
  zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table
  list(
    level = level,
    n_rows = nrow(rows),
    n_dropped_missing = nrow(rows) - fit$n,
    n = fit$n, events = fit$nevent, iter = fit$iter,
    terms = I(names(coef(fit))),
    coef = I(unname(cm[, "coef"])), se = I(unname(cm[, "se(coef)"])),
    hr = I(unname(cm[, "exp(coef)"])), hr_low = I(unname(ci[, "lower .95"])), hr_high = I(unname(ci[, "upper .95"])),
    z = I(unname(cm[, "z"])), p = I(unname(cm[, "Pr(>|z|)"])),
    loglik = I(unname(fit$loglik)),
    wald = test_of(fit$wald.test, s$waldtest["df"]),
    lr = test_of(s$logtest["test"], s$logtest["df"]),
    score = test_of(s$sctest["test"], s$sctest["df"]),
    concordance = unname(conc$concordance), concordance_se = sqrt(unname(conc$var)),
    zph = list(terms = I(rownames(zph)), chisq = I(unname(zph[, "chisq"])), df = I(unname(zph[, "df"])),
               p = I(unname(zph[, "p"]))))
}
cox_within_sex <- function() list(
  name = "lung_cox_within_sex",
  survival_version = survival_version,
  data = "data/lung.csv",
  formula = "Surv(time, status == 2) ~ age + ph_ecog", ties = "efron", within = "sex",
  note = "rows with ph_ecog missing are dropped by coxph (na.omit); n_dropped_missing counts them per level",
  levels = lapply(c(1, 2), cox_level))

# (c) where-subset comparison ---------------------------------------------------------------
hl <- function(x, y, ...) {
  w <- character(0)
  fit <- withCallingHandlers(wilcox.test(x, y, conf.int = TRUE, ...),
    warning = function(e) { w <<- c(w, conditionMessage(e)); invokeRestart("muffleWarning") })
  list(w = unname(fit$statistic), p = fit$p.value, estimate = unname(fit$estimate),
       conf_low = fit$conf.int[1], conf_high = fit$conf.int[2], method = fit$method, warnings = I(w))
}
t_of <- function(x, y, var_equal) {
  t <- t.test(x, y, var.equal = var_equal)
  list(t = unname(t$statistic), df = unname(t$parameter), p = t$p.value,
       mean_x = unname(t$estimate[1]), mean_y = unname(t$estimate[2]),
       estimate = unname(t$estimate[1] - t$estimate[2]), conf_low = t$conf.int[1], conf_high = t$conf.int[2],
       se = unname(t$stderr))
}
chick_day21 <- function() {
  day21 <- chick[chick$Time == 21, ]
  x <- day21$weight[day21$Diet == "1"]
  y <- day21$weight[day21$Diet == "2"]
  list(
    name = "chickweight_day21_diet1_vs_diet2",
    data = "data/chickweight.csv",
    where = "Time == 21", first = "1", second = "2",
    n_rows = nrow(chick), n_where = nrow(day21),
    n_x = length(x), n_y = length(y),
    # Rows per diet before the subset, so a test can tell the subset was applied.
    n_x_all_times = sum(chick$Diet == "1"), n_y_all_times = sum(chick$Diet == "2"),
    x = I(x), y = I(y),
    sd_x = sd(x), sd_y = sd(y),
    student = t_of(x, y, TRUE),
    welch = t_of(x, y, FALSE),
    wilcox = list(shipped = hl(x, y), tight = hl(x, y, tol.root = 1e-13)))
}

# (d) descriptive statistics overall --------------------------------------------------------
age_overall <- function() {
  v <- lung$age
  o <- v[!is.na(v)]
  list(name = "lung_age_overall", data = "data/lung.csv", column = "age",
       n = length(o), missing = sum(is.na(v)), mean = mean(o), sd = sd(o), median = median(o),
       q1 = unname(quantile(o, 0.25, type = 7)), q3 = unname(quantile(o, 0.75, type = 7)),
       min = min(o), max = max(o))
}

cases <- list(km_overall(), cox_within_sex(), chick_day21(), age_overall())
write_fixture("scopes", "scopes.R", cases)
