using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    private const string NotApplicable = "—";

    private static SectionView Section(AnalysisResult analysis, ReportLabels labels)
    {
        string title = analysis.Kind switch
        {
            "describe" => "Descriptive table " + GroupingWords(analysis.Scope),
            "compare" => "Comparison of " + string.Join(", ", analysis.Compare?.Rows.Select(r => r.Label).Distinct(StringComparer.Ordinal) ?? Array.Empty<string>()),
            "mixed_model" => "Linear mixed model",
            "mmrm" => "Mixed model for repeated measures",
            "rm_anova" => "Repeated-measures ANOVA",
            "kaplan_meier" => "Kaplan-Meier survival",
            "logrank" => "Log-rank test",
            "cox" => "Cox regression",
            "linear_model" => "Linear regression",
            "glm" => analysis.Glm?.Family switch
            {
                "binomial" => "Logistic regression",
                "negative_binomial" => "Negative binomial regression",
                "quasipoisson" => "Quasi-Poisson regression",
                _ => "Poisson regression",
            },
            _ => analysis.Kind,
        };
        string status = analysis.Status switch
        {
            ResultStatus.NotImplemented => Bold("Not implemented yet:") + " " + Inline(analysis.Reason ?? string.Empty) + ". No numbers are reported.",
            ResultStatus.Failed => Bold("Failed:") + " " + Inline(analysis.Reason ?? string.Empty) + ".",
            ResultStatus.NotEstimable => Bold("Not estimable:") + " " + Inline(analysis.Reason ?? string.Empty) + ". No numbers are reported.",
            _ => string.Empty,
        };
        string level = analysis.Scope is { Within: { } within } scope ? $" — {within}: {scope.LevelLabel ?? scope.Level}" : string.Empty;
        string suffix = level + analysis.Status switch
        {
            ResultStatus.NotImplemented => " — not implemented yet",
            ResultStatus.Failed => " — failed",
            ResultStatus.NotEstimable => " — not estimable",
            _ => string.Empty,
        };
        var notes = new List<string>();
        var tables = new List<MarkdownTable>();
        var warnings = analysis.Warnings.Select(FormatWarning).ToList();
        if (analysis.Describe is { } describe)
        {
            tables.Add(DescribeTable(describe, notes));
        }

        if (analysis.Compare is { } compare)
        {
            notes.Add(CompareNote(compare));
            notes.AddRange(EffectNotes(compare));
            tables.Add(CompareTable(compare, notes));
            AddCompareOutputs(compare, notes, tables);
            foreach (ComparisonRow row in compare.Rows)
            {
                string context = $"{row.Variable}, {string.Join(" vs ", row.Groups)}: ";
                warnings.AddRange(row.Warnings.Select(w => FormatWarning(w with { Message = context + w.Message })));
            }
        }

        if (analysis.Mixed is { } mixed)
        {
            AddMixed(mixed, labels.With(mixed.LevelLabels, mixed.GroupTerm), notes, tables);
        }

        if (analysis.Mmrm is { } mmrm)
        {
            AddMmrm(mmrm, labels.With(mmrm.LevelLabels), notes, tables);
        }

        if (analysis.RmAnova is { } rmAnova)
        {
            AddRmAnova(rmAnova, labels.With(rmAnova.LevelLabels), notes, tables);
        }

        if (analysis.Cox is { } cox)
        {
            CoxSection(cox, notes, tables);
        }

        if (analysis.Linear is { } linear)
        {
            LinearSection(linear, notes, tables);
        }

        if (analysis.Glm is { } glm)
        {
            GlmSection(glm, notes, tables);
        }

        AddSurvival(analysis, notes, tables);
        return new SectionView(
            Inline(string.Create(CultureInfo.InvariantCulture, $"{analysis.Index}. {title}{suffix}")),
            InlineCode(analysis.Source),
            status,
            analysis.Method is null ? null : Inline(analysis.Method),
            analysis.Specification is null ? null : InlineCode(analysis.Specification),
            notes,
            tables,
            warnings)
        {
            Id = analysis.Id,
            Scope = ScopeLine(analysis.Scope),
        };
    }

    /// <summary>" (unit)" unless the label already names the unit, as in "Creatine kinase (U/L)".</summary>
    private static string UnitSuffix(string label, string? unit) =>
        unit is null || label.Contains(unit, StringComparison.Ordinal) ? string.Empty : " (" + Cell(unit) + ")";

    private static string FormatWarning(WarningResult w) => $"{w.Code} ({w.Severity}): {Inline(w.Message)}";

    private static MarkdownTable DescribeTable(DescribeResult describe, List<string> notes)
    {
        var header = new List<string> { "Characteristic" };
        // "(n = 18)" stays on one line (no-break spaces): a narrow column wraps before it, never inside it.
        header.AddRange(describe.Columns.Select(c => Cell(c.Label) + " (n\u00A0=\u00A0" + F.Count(c.N) + ")"));
        string separator = "|---|" + string.Concat(describe.Columns.Select(_ => "--:|"));
        var rows = new List<IReadOnlyList<string>>();
        bool empty = false;
        foreach (DescribeVariable v in describe.Variables)
        {
            string name = Bold(Cell(v.Label)) + UnitSuffix(v.Label, v.Unit);
            if (v.Continuous is { } cells)
            {
                int decimals = v.Decimals ?? describe.Decimals ?? SummaryDecimals(cells);
                empty |= cells.Any(c => c.N == 0 || double.IsNaN(c.Sd));
                rows.Add(Line(name, cells.Select(_ => string.Empty)));
                rows.Add(Line("n (missing)", cells.Select(c => $"{F.Count(c.N)} ({F.Count(c.Missing)})")));
                foreach (string statistic in v.Statistics ?? DefaultContinuousRows)
                {
                    rows.Add(ContinuousLine(statistic, cells, decimals));
                }
            }
            else if (v.Counts is { } counts)
            {
                rows.Add(Line(name + ", n (%)", counts.Select(CountText)));
                AddMissing(rows, counts);
            }
            else if (v.Levels is { } levels)
            {
                rows.Add(Line(name + ", n (%)", describe.Columns.Select(_ => string.Empty)));
                foreach (LevelCounts level in levels)
                {
                    rows.Add(Line(Cell(level.Label ?? level.Level), level.Cells.Select(CountText)));
                }

                if (levels.Count > 0)
                {
                    AddMissing(rows, levels[0].Cells);
                }
            }
        }

        if (empty)
        {
            notes.Add(NoValuesNote);
        }

        return new MarkdownTable(header, separator, rows);
    }

    /// <summary>The footnote of a "—" cell: the statistic does not exist, it is not a zero.</summary>
    private const string NoValuesNote = "— : no value to summarise (the group has no non-missing value, or one value has no SD).";

    private static readonly string[] DefaultContinuousRows = ["mean_sd", "median_iqr", "range"];

    /// <summary>
    /// One number of decimals for every statistic of a variable, in every column, as gtsummary's default from the
    /// spread of the values; here the spread is max − min over the columns (results.json has no 5th and 95th percentiles).
    /// </summary>
    private static int SummaryDecimals(IReadOnlyList<ContinuousCell> cells)
    {
        var present = cells.Where(c => c.N > 0 && double.IsFinite(c.Min) && double.IsFinite(c.Max)).ToArray();
        return present.Length == 0 ? 0 : ReportNumberFormat.SummaryDecimals(present.Max(c => c.Max) - present.Min(c => c.Min));
    }

    private static IReadOnlyList<string> ContinuousLine(string statistic, IReadOnlyList<ContinuousCell> cells, int d) => statistic switch
    {
        "mean_sd" => Line("Mean (SD)", cells.Select(c => c.N == 0 ? NotApplicable : $"{Value(c.Mean, d)} ({Value(c.Sd, d)})")),
        "mean_se" => Line("Mean (SE)", cells.Select(c => c.N == 0 ? NotApplicable : $"{Value(c.Mean, d)} ({Value(c.Se, d)})")),
        "median_iqr" => Line("Median [Q1, Q3]", cells.Select(c => c.N == 0 ? NotApplicable : $"{Value(c.Median, d)} [{Value(c.Q1, d)}, {Value(c.Q3, d)}]")),
        "range" => Line("Min, max", cells.Select(c => c.N == 0 ? NotApplicable : $"{Value(c.Min, d)}, {Value(c.Max, d)}")),
        "geometric_mean" => Line("Geometric mean (95% CI)", cells.Select(c => c.GeometricMean is null
            ? NotApplicable
            : $"{Value(c.GeometricMean, d)} ({Value(c.GeometricMeanLow, d)}, {Value(c.GeometricMeanHigh, d)})")),
        _ => throw new InvalidOperationException($"Bug: no report row for the statistic '{statistic}'."),
    };

    /// <summary>A statistic with the row's decimals; one that does not exist (NaN: the SD of one value) as "—".</summary>
    private static string Value(double? value, int decimals) =>
        value is { } v && !double.IsNaN(v) ? F.Fixed(v, decimals) : NotApplicable;

    private static void AddMissing(List<IReadOnlyList<string>> rows, IReadOnlyList<CountCell> cells)
    {
        if (cells.Any(c => c.Missing > 0))
        {
            rows.Add(Line("Missing", cells.Select(c => F.Count(c.Missing))));
        }
    }

    private static string CountText(CountCell c) => c.PercentLow is { } low && c.PercentHigh is { } high
        ? $"{F.Count(c.Count)} ({F.Percent(c.Percent)}%; 95% CI {F.Percent(low)}–{F.Percent(high)}%)"
        : $"{F.Count(c.Count)} ({F.Percent(c.Percent)}%)";

    private static IReadOnlyList<string> Line(string first, IEnumerable<string> rest) => rest.Prepend(first).ToArray();

    private static string CompareNote(CompareResult compare)
    {
        string statistic = compare.Rows.FirstOrDefault()?.Summaries.FirstOrDefault()?.Statistic switch
        {
            "median_q1_q3" => "median [Q1, Q3]",
            "mean_sd" => "mean (SD)",
            "geometric_mean_ci" => "geometric mean (95% CI)",
            "count_percent" => "n/N (%)",
            "events_person_time" => EventsPersonTimeNote,
            _ => "n",
        };
        return $"Group summaries: {statistic}; n is the number of non-missing values.";
    }

    private static MarkdownTable CompareTable(CompareResult compare, List<string> notes)
    {
        bool adjusted = compare.Adjustment.Method != "none";
        bool estimates = compare.Rows.Any(r => r.Test?.Estimate is not null);
        int width = compare.Rows.Count == 0 ? 2 : compare.Rows.Max(r => r.Groups.Count);
        bool pairwise = width == 2;

        // The test is named once, under the table: one method → a note and no column; several → a key per row.
        string[] methods = compare.Rows.Where(r => r.Status == ResultStatus.Ok && r.Test is not null)
            .Select(r => r.Test!.Method).Distinct(StringComparer.Ordinal).ToArray();
        bool testColumn = methods.Length > 1 || compare.Rows.Any(r => r.Status is ResultStatus.NotImplemented or ResultStatus.Failed);
        if (methods.Length == 1)
        {
            notes.Add("Test: " + Cell(methods[0]) + ".");
        }
        else
        {
            notes.AddRange(methods.Select((m, i) => $"Test {MethodKey(i)}: {Cell(m)}."));
        }

        // One estimate name for every row goes into the header; mixed names stay in each cell.
        string[] estimateNames = compare.Rows.Where(r => r.Test?.Estimate is not null && r.Effect?.Nnt is null)
            .Select(r => r.Test!.EstimateName ?? "estimate").Distinct(StringComparer.Ordinal).ToArray();
        bool sharedName = estimateNames.Length == 1 && !compare.Rows.Any(r => r.Effect?.Nnt is not null);

        var header = new List<string> { "Variable" };
        if (pairwise)
        {
            header.AddRange(new[] { "Comparison", "First group", "Second group" });
        }
        else
        {
            header.AddRange(compare.Rows.Count == 0 ? Array.Empty<string>() : compare.Rows[0].Summaries.Select(s => Cell(s.Label)));
        }

        int summaryColumns = header.Count - 1 - (pairwise ? 1 : 0);
        if (testColumn)
        {
            header.Add("Test");
        }

        header.AddRange(new[] { "Statistic", "df", "p" });
        if (adjusted)
        {
            header.Add($"Adjusted p ({compare.Adjustment.Method})");
        }

        if (estimates)
        {
            header.Add(sharedName ? Capitalised(Cell(estimateNames[0])) + " (95% CI)" : "Estimate (95% CI)");
        }

        string separator = "|---|" + (pairwise ? "---|" : string.Empty) + string.Concat(Enumerable.Repeat("--:|", summaryColumns))
            + (testColumn ? "---|" : string.Empty) + "--:|--:|--:|" + (adjusted ? "--:|" : string.Empty) + (estimates ? "--:|" : string.Empty);
        var rows = new List<IReadOnlyList<string>>();
        bool fisher = false;
        string? previous = null;
        foreach (ComparisonRow row in compare.Rows)
        {
            // A variable's label once, on the first of its rows, as a paper's table groups them.
            bool sameVariable = previous is not null && previous == row.Label;
            previous = row.Label;
            var cells = new List<string> { sameVariable ? string.Empty : Cell(row.Label) + UnitSuffix(row.Label, row.Unit) };
            if (pairwise)
            {
                cells.Add(Cell(string.Join(" vs ", row.Summaries.Select(s => s.Label))));
            }

            int decimals = SummaryDecimals(row.Summaries);
            cells.AddRange(row.Summaries.Select(s => SummaryText(s, decimals)));
            TestOutcome? t = row.Test;
            if (testColumn)
            {
                cells.Add(row.Status switch
                {
                    ResultStatus.NotImplemented => "not implemented yet: " + Cell(row.Reason ?? string.Empty),
                    ResultStatus.Failed => "failed: " + Cell(row.Reason ?? string.Empty),
                    _ => t is null ? string.Empty : MethodKey(Array.IndexOf(methods, t.Method)),
                });
            }

            bool exact = t is not null && IsFisherStatistic(t.StatisticName);
            fisher |= exact;
            cells.Add(t is null || exact ? NotApplicable : $"{Cell(t.StatisticName)} = {F.Statistic(t.Statistic)}");
            cells.Add(t is null ? NotApplicable : t.DegreesOfFreedom is null ? NotApplicable : F.DegreesOfFreedom(t.DegreesOfFreedom));
            cells.Add(t is null ? NotApplicable : F.PValue(t.PValue));
            if (adjusted)
            {
                cells.Add(t is null ? NotApplicable : F.PValue(row.AdjustedPValue));
            }

            if (estimates)
            {
                cells.Add(row.Effect?.Nnt is { } nnt ? NntText(nnt)
                    : t?.Estimate is { } e
                    ? (sharedName ? string.Empty : Cell(t.EstimateName ?? "estimate") + " ") + EstimateText(t, e)
                    : NotApplicable);
            }

            rows.Add(cells);
        }

        if (fisher)
        {
            notes.Add("Fisher's exact test has no test statistic: its p-value adds the probabilities of every table as or less probable than the observed one, "
                + "given the margins; results.json keeps the statistic R's fisher.test conditions on (2 × 2: the count in cell [1,1]; r × c: the observed table's probability).");
        }

        return WithoutEmptyColumns(new MarkdownTable(header, separator, rows), "Statistic", "df");
    }

    /// <summary>
    /// The table without the named columns in which every row is "—" (no statistic for Fisher's test, no df for a rank
    /// test): a column of dashes only widens the table.
    /// </summary>
    private static MarkdownTable WithoutEmptyColumns(MarkdownTable table, params string[] names)
    {
        var drop = Enumerable.Range(0, table.Header.Count)
            .Where(i => names.Contains(table.Header[i], StringComparer.Ordinal) && table.Rows.Count > 0 && table.Rows.All(r => r[i] == NotApplicable))
            .ToHashSet();
        if (drop.Count == 0)
        {
            return table;
        }

        string[] alignments = table.Separator.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IReadOnlyList<string> Keep(IReadOnlyList<string> cells) => cells.Where((_, i) => !drop.Contains(i)).ToArray();
        return new MarkdownTable(Keep(table.Header), "|" + string.Concat(Keep(alignments).Select(a => a + "|")), table.Rows.Select(Keep).ToArray());
    }

    private static bool IsFisherStatistic(string name) =>
        name.StartsWith("a (count in cell", StringComparison.Ordinal) || name == "probability of the observed table";

    /// <summary>"a", "b", ... for the tests named under a table.</summary>
    private static string MethodKey(int index) => index < 0 ? string.Empty : ((char)('a' + (index % 26))).ToString();

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>An estimate and its interval with one number of decimals (a ratio by the ratio rule), an SE with the same.</summary>
    private static string EstimateText(TestOutcome t, double e)
    {
        bool ratio = (t.EstimateName ?? string.Empty).Contains("ratio", StringComparison.OrdinalIgnoreCase);
        int d = ratio ? ReportNumberFormat.RatioDecimals(e) : ReportNumberFormat.IntervalDecimals(e, t.ConfidenceLow ?? double.NaN, t.ConfidenceHigh ?? double.NaN);
        string se = t.StandardError is { } s ? "; SE " + F.Fixed(s, d) : string.Empty;
        return $"{F.Fixed(e, d)} ({F.Fixed(t.ConfidenceLow, d)}, {F.Fixed(t.ConfidenceHigh, d)}{LevelNote(t.ConfidenceLevel)}{se})";
    }

    /// <summary>The decimals of a comparison row's group summaries: 3 significant digits of the largest value in them.</summary>
    private static int SummaryDecimals(IReadOnlyList<GroupSummary> summaries) =>
        ReportNumberFormat.IntervalDecimals(summaries.SelectMany(s => new[] { s.Median, s.Q1, s.Q3, s.Mean, s.Sd, s.GeometricMean, s.GeometricMeanLow, s.GeometricMeanHigh })
            .Where(v => v is not null).Select(v => v!.Value).ToArray());

    /// <summary>"; 60% CI" when an interval does not have the column's 95% level.</summary>
    private static string LevelNote(double? level) =>
        level is { } l && l < 0.95 - 1e-9 ? string.Create(CultureInfo.InvariantCulture, $"; {100 * l:0.#}% CI") : string.Empty;

    private static string SummaryText(GroupSummary s, int d)
    {
        string n = "n = " + F.Count(s.N);
        return s.Statistic switch
        {
            "median_q1_q3" => s.N == 0 ? $"{NotApplicable} ({n})" : $"{Value(s.Median, d)} [{Value(s.Q1, d)}, {Value(s.Q3, d)}] ({n})",
            "mean_sd" => s.N == 0 ? $"{NotApplicable} ({n})" : $"{Value(s.Mean, d)} ({Value(s.Sd, d)}) ({n})",
            "geometric_mean_ci" => s.GeometricMean is null
                ? $"{NotApplicable} ({n})"
                : $"{Value(s.GeometricMean, d)} ({Value(s.GeometricMeanLow, d)}, {Value(s.GeometricMeanHigh, d)}) ({n})",
            "count_percent" => $"{F.Count(s.Count ?? 0)}/{F.Count(s.N)} ({F.Percent(s.Percent ?? double.NaN)}%)",
            "events_person_time" => EventsPersonTimeText(s),
            _ => n,
        };
    }
}
