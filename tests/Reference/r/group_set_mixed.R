# Reference values for a named group set as a fixed term of a mixed model (issue 12 item 3): ChickWeight with the
# diets coarsened by the .study's rule `groups diet { d1 "Diet 1": Diet == 1  d2 "Diet 2": Diet == 2
# d34 "Diet 3 or 4": Diet >= 3 }`, built here as a factor with the groups as levels in declared order (d1 the
# reference, as R's first level).
# Run: cd tests/Reference/r && Rscript group_set_mixed.R
#
# Data: datasets::ChickWeight as tests/Runtime.Tests/Reference/data/chickweight.csv (one row per chick and day) and
# chicks.csv (one row per chick: Chick, Diet), which this script writes; the .study reads the two as a subject table and
# its repeated weights.
source("fixture_io.R")
suppressPackageStartupMessages(library(lmerTest))

cw <- as.data.frame(ChickWeight)
cw$Chick <- as.integer(as.character(cw$Chick))
cw$Diet <- as.integer(as.character(cw$Diet))
chicks <- unique(cw[, c("Chick", "Diet")])
chicks <- chicks[order(chicks$Chick), ]
write.csv(chicks, file.path("..", "..", "Runtime.Tests", "Reference", "data", "chicks.csv"), row.names = FALSE, quote = FALSE)

cw$diet <- factor(ifelse(cw$Diet == 1, "d1", ifelse(cw$Diet == 2, "d2", "d34")), levels = c("d1", "d2", "d34"))

fit_case <- function(name, study_formula, formula, data = cw) {
  fit <- lmer(formula, data = data, REML = TRUE)
  s <- summary(fit)$coefficients
  list(
    name = name,
    study_formula = study_formula,
    formula = paste(deparse(formula), collapse = " "),
    lme4 = as.character(packageVersion("lme4")),
    lmerTest = as.character(packageVersion("lmerTest")),
    n = nobs(fit),
    terms = I(rownames(s)),
    estimate = I(unname(s[, "Estimate"])),
    se = I(unname(s[, "Std. Error"])),
    df = I(unname(s[, "df"])),
    t = I(unname(s[, "t value"])),
    p = I(unname(s[, "Pr(>|t|)"])),
    reml = unname(-2 * as.numeric(logLik(fit))))
}

cases <- list(
  fit_case("chickweight_group_set_diet_plus_time", "diet + Time + (1 | Chick)", weight ~ diet + Time + (1 | Chick)),
  fit_case("chickweight_group_set_diet_star_time", "diet * Time + (1 | Chick)", weight ~ diet * Time + (1 | Chick)),
  # `reference diet = d34`: the set's third group as the treatment-contrast reference, as relevel() sets it.
  fit_case("chickweight_group_set_reference_d34", "diet * Time + (1 | Chick) reference diet = d34", weight ~ diet * Time + (1 | Chick),
           data = transform(cw, diet = relevel(diet, ref = "d34"))))

write_fixture("group_set_mixed", "group_set_mixed.R", cases)
