# Shared by every reference script: writes one fixture as JSON with full precision.
# jsonlite never prints more than 15 significant digits (digits = NA included), which does
# not round-trip a double, so numbers are formatted here with "%.17g" and passed through
# verbatim. Non-finite numbers are written as the strings "NA", "NaN", "Inf", "-Inf"
# (ReferenceFixture.cs reads them back). A length-1 vector appears as a plain number and
# the reader accepts both; wrap a vector in I() to force an array.
suppressPackageStartupMessages(library(jsonlite))

format_number <- function(v) {
  if (is.na(v) && !is.nan(v)) return("\"NA\"")
  if (is.nan(v)) return("\"NaN\"")
  if (is.infinite(v)) return(if (v > 0) "\"Inf\"" else "\"-Inf\"")
  sprintf("%.17g", v)
}

exact_numbers <- function(x) {
  if (is.list(x)) return(lapply(x, exact_numbers))
  if (is.numeric(x)) {
    parts <- vapply(as.numeric(x), format_number, "")
    text <- if (length(x) == 1 && !inherits(x, "AsIs")) parts else paste0("[", paste(parts, collapse = ","), "]")
    return(structure(text, class = "json"))
  }
  x
}

write_fixture <- function(name, script, cases) {
  out <- list(
    script = script,
    r_version = R.version.string,
    packages = list(stats = as.character(packageVersion("stats")),
                    jsonlite = as.character(packageVersion("jsonlite"))),
    cases = exact_numbers(cases))
  path <- file.path("..", "..", "Runtime.Tests", "Reference", paste0(name, ".expected.json"))
  writeLines(toJSON(out, auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE), path)
  cat("wrote", path, "\n")
}
