#!/usr/bin/env Rscript
# Simulated two-arm randomised trial for examples/RandomisedTrial/trial.study.
#
# SIMULATED DATA, NOT PATIENT DATA. Every row comes from the random-number generator below;
# the parameters are illustrative choices, not estimates from any real trial.
#
# Run from examples/RandomisedTrial:   Rscript data/simulate.R
# Writes data/subjects.csv and data/visits.csv (byte-identical on every run: the generator and
# seed are fixed and every number is formatted explicitly), then prints a verification summary.
# Needs base R plus 'survival' (verification printout only).
#
# What is simulated (N = 300, ids T001..T300 in row order):
#   arm        "control" / "treatment", 1:1 by a random permutation of 150 + 150.
#   sex        1 = male, 2 = female (the file holds the codes; the study labels them), p(2) = 0.5.
#   age        years, normal(58, 11) clamped to 18..85, one decimal.
#   adherent   true with p 0.90 (control) / 0.85 (treatment): took >= 80 % of the study drug.
#   deviated   true with p 0.06: a major protocol deviation (e.g. an eligibility violation).
#              Per protocol = adherent and not deviated.
#   time_weeks, status
#              time to the event (weeks) and its indicator coded as R's lung: 2 = event,
#              1 = censored. Exponential event time, control hazard -log(0.6)/24 per week
#              (60 % event-free at 24 weeks); hazard ratio 0.7 for treatment subjects who are
#              adherent (1 for non-adherent ones, so the ITT effect is diluted), 0.85 for women,
#              exp(0.02 * (age - 58)) for age. Censored at the earlier of 52 weeks
#              (administrative) and an exponential loss to follow-up (~10 % by 52 weeks).
#              One decimal, at least 0.1.
# Visits (data/visits.csv): weeks 0, 4, 8, 12, 16, 20, 24, columns id, week, score.
#   score      a 0..100 symptom-free score (higher is better): subject level b_i ~ N(50, 9),
#              + slope * week + e, e ~ N(0, 4); slope 0.25 per week in control and in
#              non-adherent treatment subjects, 0.55 per week in adherent treatment subjects.
#              Clamped to 0..100, one decimal.
#   Missing visits: each follow-up visit (week > 0) is absent with p 0.08, and 4 randomly chosen
#   subjects have no week-0 visit (so their baseline, and change from baseline, is missing).
#   A missing visit is an absent row; no row has an empty score.

RNGkind(kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
set.seed(20261202)

if (!file.exists("trial.study")) {
  stop("run from examples/RandomisedTrial:  Rscript data/simulate.R")
}

N <- 300
WEEKS <- c(0, 4, 8, 12, 16, 20, 24)
HAZARD_CONTROL <- -log(0.6) / 24
HR_TREATMENT <- 0.7
HR_FEMALE <- 0.85
AGE_LOG_HR <- 0.02
ADMIN_CENSOR <- 52
LTFU_RATE <- -log(0.90) / 52
SLOPE_CONTROL <- 0.25
SLOPE_TREATMENT <- 0.55
P_MISSING_VISIT <- 0.08
N_NO_BASELINE <- 4

# Subjects ------------------------------------------------------------------------------------
arm <- sample(rep(c("control", "treatment"), each = N / 2))
sex <- sample(1:2, N, replace = TRUE)
age <- round(pmin(pmax(rnorm(N, 58, 11), 18), 85), 1)
adherent <- runif(N) < ifelse(arm == "treatment", 0.85, 0.90)
deviated <- runif(N) < 0.06
treated <- arm == "treatment" & adherent

log_hr <- log(HR_TREATMENT) * treated + log(HR_FEMALE) * (sex == 2) + AGE_LOG_HR * (age - 58)
event_time <- rexp(N, HAZARD_CONTROL * exp(log_hr))
censor_time <- pmin(rexp(N, LTFU_RATE), ADMIN_CENSOR)
time_weeks <- pmax(round(pmin(event_time, censor_time), 1), 0.1)
status <- ifelse(event_time <= censor_time, 2L, 1L)

subjects <- data.frame(id = sprintf("T%03d", seq_len(N)), arm = arm, sex = sex, age = age,
                       adherent = adherent, deviated = deviated, time_weeks = time_weeks, status = status,
                       stringsAsFactors = FALSE)

# Visits --------------------------------------------------------------------------------------
level <- rnorm(N, 50, 9)
slope <- ifelse(treated, SLOPE_TREATMENT, SLOPE_CONTROL)
visits <- data.frame(id = rep(subjects$id, each = length(WEEKS)), week = rep(WEEKS, times = N),
                     stringsAsFactors = FALSE)
subject_row <- rep(seq_len(N), each = length(WEEKS))
visits$score <- round(pmin(pmax(level[subject_row] + slope[subject_row] * visits$week +
                                  rnorm(nrow(visits), 0, 4), 0), 100), 1)
missing_follow_up <- visits$week > 0 & runif(nrow(visits)) < P_MISSING_VISIT
no_baseline <- visits$week == 0 & visits$id %in% sample(subjects$id, N_NO_BASELINE)
visits <- visits[!missing_follow_up & !no_baseline, ]

# Write ---------------------------------------------------------------------------------------
fmt_1 <- function(x) sprintf("%.1f", x)
fmt_bool <- function(x) ifelse(x, "true", "false")
write_csv <- function(columns, path) {
  lines <- c(paste(names(columns), collapse = ","), do.call(paste, c(unname(columns), sep = ",")))
  con <- file(path, open = "wb")
  writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
  close(con)
}
write_csv(list(id = subjects$id, arm = subjects$arm, sex = sprintf("%d", subjects$sex), age = fmt_1(subjects$age),
               adherent = fmt_bool(subjects$adherent), deviated = fmt_bool(subjects$deviated),
               time_weeks = fmt_1(subjects$time_weeks), status = sprintf("%d", subjects$status)),
          "data/subjects.csv")
write_csv(list(id = visits$id, week = sprintf("%d", as.integer(visits$week)), score = fmt_1(visits$score)),
          "data/visits.csv")

# Verify (reads the files back) ---------------------------------------------------------------
suppressPackageStartupMessages(library(survival))
s <- read.csv("data/subjects.csv", stringsAsFactors = FALSE, colClasses = c(adherent = "character", deviated = "character"))
v <- read.csv("data/visits.csv", stringsAsFactors = FALSE)
cat(sprintf("wrote data/subjects.csv (%d rows) and data/visits.csv (%d rows)\n\n", nrow(s), nrow(v)))
s$pp <- s$adherent == "true" & s$deviated == "false"
cat("Subjects by arm and sex (1 = male, 2 = female):\n")
print(table(arm = s$arm, sex = s$sex))
cat("\nPer protocol (adherent and not deviated) by arm:\n")
print(table(arm = s$arm, per_protocol = s$pp))
cat("\nEvents (status == 2) by arm:\n")
print(table(arm = s$arm, event = s$status == 2))
show_cox <- function(title, d) {
  fit <- coxph(Surv(time_weeks, status == 2) ~ arm, data = d)
  ci <- summary(fit)$conf.int
  cat(sprintf("%s: HR treatment vs control %.3f (95%% CI %.3f to %.3f), n = %d, events = %d\n",
              title, ci[1, "exp(coef)"], ci[1, "lower .95"], ci[1, "upper .95"], fit$n, fit$nevent))
}
cat("\n")
show_cox("Cox, ITT", s)
show_cox("Cox, per protocol", s[s$pp, ])
cat("\nMean score by arm and week:\n")
v$arm <- s$arm[match(v$id, s$id)]
print(round(tapply(v$score, list(v$arm, v$week), mean), 1))
cat(sprintf("\nvisits: %d of %d planned rows present; %d subjects without a week-0 visit\n",
            nrow(v), N * length(WEEKS), sum(!s$id %in% v$id[v$week == 0])))
