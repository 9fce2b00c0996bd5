# Reference values for the child-table aggregates of subject-level derives (ChildRowsBySubject):
# per subject, first/last by week (ties in file order: a stable order()), min, max, mean, sum
# (na.rm = FALSE, R's default), counts, any/all, each over the rows a condition keeps.
# Semantics where R has none of its own: a subject with no kept rows gives NA (count 0).
# Run: cd tests/Reference/r && Rscript child_aggregates.R
source("fixture_io.R")
set.seed(20261202)

n_subjects <- 30
visits_per_subject <- sample(0:6, n_subjects, replace = TRUE)
id <- rep(seq_len(n_subjects), visits_per_subject)
rows <- length(id)
week <- sample(c(0, 4, 8, 12, 24), rows, replace = TRUE) # ties within a subject on purpose
score <- round(rnorm(rows, 30, 8), 1)
score[sample(rows, 8)] <- NA
ck <- round(exp(rnorm(rows, 5.5, 1)))
shuffle <- sample(rows) # the file is not in subject or week order
id <- id[shuffle]; week <- week[shuffle]; score <- score[shuffle]; ck <- ck[shuffle]

or_na <- function(kept, f) if (length(kept) == 0) NA_real_ else f(kept)

per_subject <- function(s) {
  rows_s <- which(id == s) # file order
  ordered <- rows_s[order(week[rows_s])] # order() is stable: ties keep file order
  early <- ordered[week[ordered] <= 12]
  list(
    first_score = or_na(ordered, function(k) score[k[1]]),
    last_score_by_12 = or_na(early, function(k) score[k[length(k)]]),
    mean_score = or_na(rows_s, function(k) mean(score[k])),
    mean_known_score = or_na(rows_s[!is.na(score[rows_s])], function(k) mean(score[k])),
    min_ck = or_na(rows_s, function(k) min(ck[k])),
    max_ck_after_0 = or_na(rows_s[week[rows_s] > 0], function(k) max(ck[k])),
    sum_ck = or_na(rows_s, function(k) sum(ck[k])),
    count_rows = length(rows_s),
    count_scores = sum(!is.na(score[rows_s])),
    any_high_ck = or_na(rows_s, function(k) as.numeric(any(ck[k] > 1000))),
    any_score_over_45 = or_na(rows_s, function(k) as.numeric(any(score[k] > 45))),
    all_score_over_20 = or_na(rows_s, function(k) as.numeric(all(score[k] > 20))))
}

results <- lapply(seq_len(n_subjects), per_subject)
column <- function(name) I(vapply(results, function(r) as.numeric(r[[name]]), 0))
outputs <- c("first_score", "last_score_by_12", "mean_score", "mean_known_score", "min_ck", "max_ck_after_0",
             "sum_ck", "count_rows", "count_scores", "any_high_ck", "any_score_over_45", "all_score_over_20")

cases <- list(c(
  list(name = "simulated_visits", subjects = I(as.numeric(seq_len(n_subjects))),
       id = I(as.numeric(id)), week = I(week), score = I(score), ck = I(ck)),
  setNames(lapply(outputs, column), outputs)))

write_fixture("child_aggregates", "child_aggregates.R", cases)
