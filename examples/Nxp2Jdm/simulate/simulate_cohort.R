#!/usr/bin/env Rscript
# Simulated example cohort for examples/Nxp2Jdm/nxp2_jdm.study.
#
# SIMULATED DATA, NOT PATIENT DATA. Parameters are loosely matched to the published
# abstract (Wang et al., Clin Exp Rheumatol, in press 2026, PMID 41537529); every
# individual row is generated from the random-number generator below.
#
# Run from examples/Nxp2Jdm:   Rscript simulate/simulate_cohort.R
# Writes data/subjects.csv and data/visits.csv, then prints a verification summary.
# Needs base R plus the 'survival' package (verification only).

RNGkind(kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
set.seed(20260113)

if (!file.exists("nxp2_jdm.study")) {
  stop("run from examples/Nxp2Jdm:  Rscript simulate/simulate_cohort.R")
}
dir.create("data", showWarnings = FALSE)

# ---------------------------------------------------------------------------
# 1. Cohort composition
# ---------------------------------------------------------------------------
# profile = which parameter set is used to generate the subject's values.
design <- data.frame(
  antibody = c("NXP2",     "MDA5",     "TIF1g",     "NXP2",     NA,          "MDA5"),
  onset    = c("juvenile", "juvenile", "juvenile",  "adult",    "juvenile",  "adult"),
  profile  = c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM", "OTHER_JDM", "OTHER_ADM"),
  n        = c(18,          12,         12,          20,          3,           2),
  stringsAsFactors = FALSE
)

# Per-profile parameters.
#   ck_median : target median baseline CK (U/L); abstract values for the four groups
#   cmas_mean : target mean baseline CMAS (NA = not assessed, adults)
#   p_*       : proportion with MAS, myocardial damage, dysphagia, calcinosis (exact counts)
#   relapse36 : probability of relapse by 36 months (exponential time to relapse)
#   ck_slope  : decline of log(CK) per month during follow-up
#   cmas_rate : rate at which CMAS approaches 52 (per month)
#   il10/ifng : median IL-10 and IFN-gamma at month 0 (pg/mL)
par <- data.frame(
  profile   = c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM", "OTHER_JDM", "OTHER_ADM"),
  ck_median = c(3792,        180,        189,         437.5,      250,         300),
  cmas_mean = c(31.33,       43.25,      42.67,       NA,         42,          NA),
  p_mas     = c(0.45,        0.10,       0.05,        0.10,       0.10,        0.10),
  p_myo     = c(0.50,        0.10,       0.10,        0.15,       0.10,        0.10),
  p_dys     = c(0.55,        0.15,       0.15,        0.20,       0.15,        0.15),
  p_calc    = c(0.45,        0.15,       0.10,        0.05,       0.10,        0.05),
  relapse36 = c(0.65,        0.20,       0.20,        0.25,       0.20,        0.25),
  ck_slope  = c(0.10,        0.16,       0.16,        0.15,       0.16,        0.15),
  cmas_rate = c(0.10,        0.25,       0.25,        NA,         0.25,        NA),
  il10      = c(12,          6,          6,           7,          6,           6),
  ifng      = c(8,           14,         12,          12,         12,          12),
  stringsAsFactors = FALSE
)
rownames(par) <- par$profile

CK_SDLOG   <- 0.9    # between-subject SD of log baseline CK
CMAS_SD    <- 6      # between-subject SD of baseline CMAS (points)
LTFU_RATE  <- -log(0.92) / 36   # ~8% random loss to follow-up by 36 months
HORIZON    <- 36

subjects <- design[rep(seq_len(nrow(design)), design$n), c("antibody", "onset", "profile")]
subjects <- subjects[sample(nrow(subjects)), ]          # shuffle row order
rownames(subjects) <- NULL
N <- nrow(subjects)
subjects$id <- sprintf("P%03d", seq_len(N))             # ids in (shuffled) row order
p <- par[subjects$profile, ]
juv <- subjects$onset == "juvenile"

# ---------------------------------------------------------------------------
# 2. Subject-level variables
# ---------------------------------------------------------------------------
subjects$age <- round(ifelse(juv, runif(N, 2, 15), runif(N, 25, 65)), 1)
subjects$sex <- ifelse(runif(N) < 0.62, "F", "M")

# Baseline CK: lognormal with sdlog CK_SDLOG.  Within each profile the draws are
# rescaled so that their sample median equals the target median exactly (small groups
# would otherwise wander far from it); the spread and skew are untouched.
raw <- exp(CK_SDLOG * rnorm(N))
for (g in unique(subjects$profile)) {
  i <- subjects$profile == g
  raw[i] <- raw[i] / median(raw[i])
}
subjects$ck <- round(p$ck_median * raw)
subjects$ck <- pmax(subjects$ck, 10)

# Baseline CMAS: normal(mean, CMAS_SD); within each profile the draws are centred so
# the sample mean equals the target, then rounded and clamped to 0..52. Adults: not assessed.
zc <- rnorm(N)
for (g in unique(subjects$profile)) {
  i <- subjects$profile == g
  zc[i] <- zc[i] - mean(zc[i])
}
cm <- round(ifelse(juv, p$cmas_mean, 0) + CMAS_SD * zc)
subjects$cmas <- ifelse(juv, pmin(pmax(cm, 0), 52), NA)

# Complications: within each profile exactly round(p * n) subjects, chosen at random,
# have the complication (sampling without replacement). With groups of 12-20, independent
# Bernoulli draws often blur the contrast the example is meant to show.
assign_exact <- function(prob) {
  out <- logical(N)
  for (g in unique(subjects$profile)) {
    i <- which(subjects$profile == g)
    k <- round(prob[i][1] * length(i))
    out[i[sample.int(length(i), k)]] <- TRUE
  }
  out
}
subjects$mas        <- assign_exact(p$p_mas)
subjects$myocardial <- assign_exact(p$p_myo)
subjects$dysphagia  <- assign_exact(p$p_dys)
subjects$calcinosis <- assign_exact(p$p_calc)

# Relapse: exponential time with rate chosen so that P(T <= 36) = relapse36;
# censoring = min(exponential loss to follow-up, administrative 36 months).
rate  <- -log(1 - p$relapse36) / HORIZON
t_rel <- rexp(N, rate)
t_cen <- pmin(rexp(N, LTFU_RATE), HORIZON)
subjects$relapsed       <- t_rel <= t_cen
subjects$relapse_months <- pmax(round(pmin(t_rel, t_cen), 1), 0.1)

# ---------------------------------------------------------------------------
# 3. Visits (months 0, 1, 3, 6, 12)
# ---------------------------------------------------------------------------
months <- c(0L, 1L, 3L, 6L, 12L)
# subject random intercepts for the follow-up trajectories
u_ck   <- rnorm(N, 0, 0.30)   # log CK
u_cmas <- rnorm(N, 0, 3)      # CMAS points
u_il10 <- rnorm(N, 0, 0.35)   # log IL-10
u_ifng <- rnorm(N, 0, 0.35)   # log IFN-gamma

vis <- expand.grid(month = months, row = seq_len(N))
vis <- vis[order(vis$row, vis$month), ]
r   <- vis$row
m   <- vis$month
pv  <- p[r, ]
K   <- nrow(vis)

# CK: log-linear decline from the subject's baseline; visit 0 equals baseline CK.
log_ck <- log(subjects$ck[r]) + (m > 0) * (u_ck[r] - pv$ck_slope * m + rnorm(K, 0, 0.25))
vis$ck <- ifelse(m == 0, subjects$ck[r], pmax(round(exp(log_ck)), 10))

# CMAS: exponential approach toward 52 from baseline, plus noise; adults empty.
gap     <- 52 - subjects$cmas[r]
cmas_t  <- 52 - gap * exp(-pv$cmas_rate * m) + (m > 0) * (u_cmas[r] + rnorm(K, 0, 2))
vis$cmas <- ifelse(m == 0, subjects$cmas[r], pmin(pmax(round(cmas_t), 0), 52))

# Cytokines: lognormal, both fall over the year; the IL-10/IFN-gamma ratio is higher in
# NXP2+ JDM through the profile medians.
vis$il10 <- round(exp(log(pv$il10) + u_il10[r] - 0.04 * m + rnorm(K, 0, 0.30)), 2)
vis$ifng <- round(exp(log(pv$ifng) + u_ifng[r] - 0.03 * m + rnorm(K, 0, 0.30)), 2)
vis$il10 <- pmax(vis$il10, 0.01)
vis$ifng <- pmax(vis$ifng, 0.01)

vis$id <- subjects$id[r]
# Drop 3 random follow-up visits (month > 0) to show missingness.
drop <- sample(which(vis$month > 0), 3)
vis <- vis[-drop, ]
vis <- vis[order(vis$id, vis$month), ]

# ---------------------------------------------------------------------------
# 4. Write CSVs (column order = .study declaration order)
# ---------------------------------------------------------------------------
fmt_int  <- function(x) ifelse(is.na(x), "", sprintf("%.0f", x))
fmt_1    <- function(x) ifelse(is.na(x), "", sprintf("%.1f", x))
fmt_2    <- function(x) ifelse(is.na(x), "", sprintf("%.2f", x))
fmt_bool <- function(x) ifelse(is.na(x), "", ifelse(x, "true", "false"))
fmt_txt  <- function(x) ifelse(is.na(x), "", x)

write_csv <- function(df, path) {
  stopifnot(!any(grepl("[\",\r\n]", unlist(df))))   # nothing needs quoting
  lines <- c(paste(names(df), collapse = ","), do.call(paste, c(df, sep = ",")))
  con <- file(path, open = "wb")                      # binary: LF line endings everywhere
  writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
  close(con)
}

sub_out <- data.frame(
  id             = subjects$id,
  antibody       = fmt_txt(subjects$antibody),
  onset          = subjects$onset,
  age            = fmt_1(subjects$age),
  sex            = subjects$sex,
  ck             = fmt_int(subjects$ck),
  cmas           = fmt_int(subjects$cmas),
  mas            = fmt_bool(subjects$mas),
  myocardial     = fmt_bool(subjects$myocardial),
  dysphagia      = fmt_bool(subjects$dysphagia),
  calcinosis     = fmt_bool(subjects$calcinosis),
  relapse_months = fmt_1(subjects$relapse_months),
  relapsed       = fmt_bool(subjects$relapsed),
  stringsAsFactors = FALSE
)
vis_out <- data.frame(
  id    = vis$id,
  month = fmt_int(vis$month),
  ck    = fmt_int(vis$ck),
  cmas  = fmt_int(vis$cmas),
  il10  = fmt_2(vis$il10),
  ifng  = fmt_2(vis$ifng),
  stringsAsFactors = FALSE
)
write_csv(sub_out, "data/subjects.csv")
write_csv(vis_out, "data/visits.csv")
cat(sprintf("wrote data/subjects.csv (%d rows) and data/visits.csv (%d rows)\n\n",
            nrow(sub_out), nrow(vis_out)))

# ---------------------------------------------------------------------------
# 5. Verification: re-read the CSVs and summarise by study group
# ---------------------------------------------------------------------------
s <- read.csv("data/subjects.csv", na.strings = "", stringsAsFactors = FALSE)
v <- read.csv("data/visits.csv",   na.strings = "", stringsAsFactors = FALSE)
for (b in c("mas", "myocardial", "dysphagia", "calcinosis", "relapsed")) s[[b]] <- s[[b]] == "true"

s$group <- with(s, ifelse(is.na(antibody), "(excluded: antibody missing)",
              ifelse(antibody == "NXP2"  & onset == "juvenile", "NXP2_JDM",
              ifelse(antibody == "MDA5"  & onset == "juvenile", "MDA5_JDM",
              ifelse(antibody == "TIF1g" & onset == "juvenile", "TIF1g_JDM",
              ifelse(antibody == "NXP2"  & onset == "adult",    "NXP2_ADM", "(unassigned)"))))))
lev <- c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM", "(unassigned)", "(excluded: antibody missing)")
s$group <- factor(s$group, levels = lev)

cat("Group sizes:\n"); print(table(s$group))
g4 <- droplevels(s[s$group %in% lev[1:4], ])

pct <- function(x) sprintf("%.0f%%", 100 * mean(x))
km36 <- function(d) {
  f <- survival::survfit(survival::Surv(relapse_months, relapsed) ~ 1, data = d)
  1 - summary(f, times = 36, extend = TRUE)$surv
}
tab <- do.call(rbind, lapply(split(g4, g4$group), function(d) data.frame(
  n           = nrow(d),
  ck_median   = median(d$ck),
  cmas_mean   = if (all(is.na(d$cmas))) NA else round(mean(d$cmas, na.rm = TRUE), 2),
  female      = pct(d$sex == "F"),
  mas         = pct(d$mas),
  myocardial  = pct(d$myocardial),
  dysphagia   = pct(d$dysphagia),
  calcinosis  = pct(d$calcinosis),
  relapses    = sum(d$relapsed),
  km_relapse36 = sprintf("%.1f%%", 100 * km36(d))
)))
cat("\nPer-group realised values:\n"); print(tab)

cat("\nVisit medians by group and month (CK U/L; CMAS mean; IL-10/IFN-g ratio median):\n")
v$group <- s$group[match(v$id, s$id)]
v4 <- droplevels(v[v$group %in% lev[1:4], ])
ck_tab <- with(v4, tapply(ck, list(group, month), median))
cm_tab <- with(v4, round(tapply(cmas, list(group, month), mean, na.rm = TRUE), 1))
rt_tab <- with(v4, round(tapply(il10 / ifng, list(group, month), median), 2))
cat("CK median:\n");        print(ck_tab)
cat("CMAS mean:\n");        print(cm_tab)
cat("IL-10/IFN-g median:\n"); print(rt_tab)
cat(sprintf("\nvisits: %d rows for %d subjects (%d dropped follow-up visits)\n",
            nrow(v), length(unique(v$id)), 5 * nrow(s) - nrow(v)))
stopifnot(all(v$ck[v$month == 0] == s$ck[match(v$id[v$month == 0], s$id)]))
