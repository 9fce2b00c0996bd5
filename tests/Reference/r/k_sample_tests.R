# Reference values for KruskalWallis (kruskal.test) and OneWayAnova (oneway.test).
# Run: cd tests/Reference/r && Rscript k_sample_tests.R
source("fixture_io.R")
set.seed(20240614)

split_groups <- function(y, g) unname(lapply(split(y, g, drop = TRUE), I))

data_sets <- list(
  warpbreaks_breaks_by_tension = split_groups(warpbreaks$breaks, warpbreaks$tension),
  toothgrowth_len_by_dose = split_groups(ToothGrowth$len, ToothGrowth$dose),
  mtcars_mpg_by_cylinders = split_groups(mtcars$mpg, mtcars$cyl),
  mtcars_hp_by_gears_with_ties = split_groups(mtcars$hp, mtcars$gear),
  simulated_four_groups_unequal_spread = lapply(1:4, function(i) I(rnorm(8 + 3 * i, i / 2, i))),
  poisson_heavy_ties = lapply(1:3, function(i) I(rpois(12, 2 + i / 3))),
  two_tiny_groups = list(I(c(1.5, 2.5, 3.1)), I(c(4.2, 3.9))),
  plantgrowth_weight_by_group = split_groups(PlantGrowth$weight, PlantGrowth$group),
  insectsprays_count_by_spray = split_groups(InsectSprays$count, InsectSprays$spray))

cases <- lapply(names(data_sets), function(nm) {
  groups <- data_sets[[nm]]
  y <- unlist(groups)
  g <- factor(rep(seq_along(groups), lengths(groups)))
  kw <- kruskal.test(groups)
  equal <- oneway.test(y ~ g, var.equal = TRUE)
  welch <- oneway.test(y ~ g)
  list(
    name = nm,
    groups = groups,
    kruskal = list(h = unname(kw$statistic), df = unname(kw$parameter), p = kw$p.value),
    anova = list(f = unname(equal$statistic), df1 = unname(equal$parameter[1]), df2 = unname(equal$parameter[2]), p = equal$p.value),
    # The sums-of-squares table of anova(lm(y ~ g)): rows g then Residuals.
    anova_table = local({ a <- anova(lm(y ~ g)); list(df = I(a$Df), sum_sq = I(a$"Sum Sq"), mean_sq = I(a$"Mean Sq")) }),
    welch = list(f = unname(welch$statistic), df1 = unname(welch$parameter[1]), df2 = unname(welch$parameter[2]), p = welch$p.value))
})

write_fixture("k_sample_tests", "k_sample_tests.R", cases)
