# Reference values for the compare and describe options, on the example study's data
# (examples/Nxp2Jdm/data) with the example's cohort and groups: what `compare ... using
# mann_whitney [exact | approximate] [no_correct]`, `welch_anova`, `anova`, `kruskal_wallis` (age across groups),
# `chi_square [no_correct]` and `describe ... statistics mean_se, geometric_mean, percent_ci
# quantile_type 6` must reproduce.
# Run: cd tests/Reference/r && Rscript compare_options.R
source("fixture_io.R")

subjects <- read.csv(file.path("..", "..", "..", "examples", "Nxp2Jdm", "data", "subjects.csv"),
                     na.strings = "", stringsAsFactors = FALSE)
# include "Complete antibody testing": antibody is not missing
# exclude "Missing follow-up time": relapse_months is missing
cohort <- subjects[!is.na(subjects$antibody) & !is.na(subjects$relapse_months), ]
group_of <- function(a, o) ifelse(a == "NXP2" & o == "juvenile", "NXP2_JDM",
                          ifelse(a == "MDA5" & o == "juvenile", "MDA5_JDM",
                          ifelse(a == "TIF1g" & o == "juvenile", "TIF1g_JDM",
                          ifelse(a == "NXP2" & o == "adult", "NXP2_ADM", NA))))
groups <- c("NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM")
cohort$group <- factor(group_of(cohort$antibody, cohort$onset), levels = groups)
cohort <- cohort[!is.na(cohort$group), ]
cohort$mas <- cohort$mas == "true"

quiet <- function(expr) {
  w <- character(0)
  value <- withCallingHandlers(expr,
    warning = function(e) { w <<- c(w, conditionMessage(e)); invokeRestart("muffleWarning") })
  list(value = value, warnings = I(w))
}

htest <- function(fit, warnings) {
  out <- list(method = fit$method, statistic = unname(fit$statistic), p_value = fit$p.value,
              warnings = warnings)
  if (!is.null(fit$parameter)) out$parameter <- I(unname(fit$parameter))
  if (!is.null(fit$stderr)) out$stderr <- fit$stderr
  if (!is.null(fit$expected)) out$expected <- lapply(seq_len(nrow(fit$expected)), function(i) I(unname(fit$expected[i, ])))
  if (!is.null(fit$estimate)) out$estimate <- unname(fit$estimate)
  if (!is.null(fit$conf.int)) {
    out$conf_low <- fit$conf.int[1]
    out$conf_high <- fit$conf.int[2]
    out$conf_level <- attr(fit$conf.int, "conf.level")
  }
  out
}

wilcox_case <- function(name, second, ...) {
  x <- cohort$ck[cohort$group == "NXP2_JDM"]
  y <- cohort$ck[cohort$group == second]
  r <- quiet(wilcox.test(x, y, conf.int = TRUE, ...))
  c(list(name = name, kind = "wilcox", first = "NXP2_JDM", second = second,
         n_x = length(x), n_y = length(y), ties = anyDuplicated(c(x, y)) > 0), htest(r$value, r$warnings))
}

cases <- list()
for (second in groups[-1]) {
  cases[[length(cases) + 1]] <- wilcox_case(paste0("ck_default_", second), second)
  cases[[length(cases) + 1]] <- wilcox_case(paste0("ck_exact_", second), second, exact = TRUE)
  cases[[length(cases) + 1]] <- wilcox_case(paste0("ck_approximate_", second), second, exact = FALSE)
  cases[[length(cases) + 1]] <- wilcox_case(paste0("ck_approximate_no_correct_", second), second, exact = FALSE, correct = FALSE)
}
ck_adjusted <- p.adjust(sapply(groups[-1], function(g) wilcox.test(cohort$ck[cohort$group == "NXP2_JDM"], cohort$ck[cohort$group == g])$p.value), "holm")
cases[[length(cases) + 1]] <- list(name = "ck_default_holm", kind = "p_adjust", adjusted = I(unname(ck_adjusted)))

# k-sample tests on age (no missing values: CMAS is missing for every adult, and R's
# oneway.test would silently drop the empty group where the plan reports it).
r <- quiet(oneway.test(age ~ group, data = cohort, var.equal = FALSE))
cases[[length(cases) + 1]] <- c(list(name = "age_welch_anova", kind = "k_sample"), htest(r$value, r$warnings))
r <- quiet(oneway.test(age ~ group, data = cohort, var.equal = TRUE))
cases[[length(cases) + 1]] <- c(list(name = "age_anova", kind = "k_sample"), htest(r$value, r$warnings),
  list(anova_table = local({ a <- anova(lm(age ~ group, data = cohort)); list(df = I(a$Df), sum_sq = I(a$"Sum Sq"), mean_sq = I(a$"Mean Sq")) })))
r <- quiet(kruskal.test(age ~ group, data = cohort))
cases[[length(cases) + 1]] <- c(list(name = "age_kruskal_wallis", kind = "k_sample"), htest(r$value, r$warnings))

# Group tests on age: bartlett.test, car::leveneTest (median, mean), TukeyHSD(aov(age ~ group)).
r <- quiet(bartlett.test(age ~ group, data = cohort))
cases[[length(cases) + 1]] <- c(list(name = "age_bartlett", kind = "k_sample"), htest(r$value, r$warnings))
for (centre in c("median", "mean")) {
  lev <- car::leveneTest(age ~ group, data = cohort, center = get(centre))
  cases[[length(cases) + 1]] <- list(name = paste0("age_levene_", centre), kind = "levene",
    f = lev[1, "F value"], df1 = lev[1, "Df"], df2 = lev[2, "Df"], p = lev[1, "Pr(>F)"])
}
tk <- TukeyHSD(aov(age ~ group, data = cohort))$group
cases[[length(cases) + 1]] <- list(name = "age_tukey", kind = "tukey", pairs = I(rownames(tk)),
  diff = I(unname(tk[, "diff"])), lwr = I(unname(tk[, "lwr"])), upr = I(unname(tk[, "upr"])), p_adj = I(unname(tk[, "p adj"])))

pair <- cohort[cohort$group %in% c("NXP2_JDM", "MDA5_JDM"), ]
two_by_two <- table(factor(pair$group, levels = c("NXP2_JDM", "MDA5_JDM")), factor(pair$mas, levels = c(TRUE, FALSE)))
r <- quiet(chisq.test(two_by_two, correct = TRUE))
cases[[length(cases) + 1]] <- c(list(name = "mas_chi_square_yates", kind = "chi_square"), htest(r$value, r$warnings))
r <- quiet(chisq.test(two_by_two, correct = FALSE))
cases[[length(cases) + 1]] <- c(list(name = "mas_chi_square_no_correct", kind = "chi_square"), htest(r$value, r$warnings))
r <- quiet(chisq.test(table(cohort$group, factor(cohort$mas, levels = c(TRUE, FALSE)))))
cases[[length(cases) + 1]] <- c(list(name = "mas_chi_square_across", kind = "chi_square"), htest(r$value, r$warnings))

# describe age, CK, MAS by group statistics mean_se, geometric_mean, median_iqr, percent_ci quantile_type 6
columns <- c(groups, "overall")
column_rows <- function(col) if (col == "overall") rep(TRUE, nrow(cohort)) else cohort$group == col
for (col in columns) {
  rows <- column_rows(col)
  age <- cohort$age[rows]
  ck <- cohort$ck[rows]
  gm_ci <- exp(t.test(log(ck))$conf.int)
  mas <- cohort$mas[rows]
  wilson <- prop.test(sum(mas), length(mas), correct = FALSE)$conf.int
  cases[[length(cases) + 1]] <- list(
    name = paste0("describe_", col), kind = "describe", column = col,
    age_mean = mean(age), age_se = sd(age) / sqrt(length(age)),
    ck_geometric_mean = exp(mean(log(ck))), ck_geometric_low = gm_ci[1], ck_geometric_high = gm_ci[2],
    ck_quantiles_type6 = I(unname(quantile(ck, c(0.25, 0.5, 0.75), type = 6))),
    mas_count = sum(mas), mas_n = length(mas), mas_wilson_low = wilson[1], mas_wilson_high = wilson[2])
}

write_fixture("compare_options", "compare_options.R", cases)
