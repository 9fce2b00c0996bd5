using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportNumberFormat;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    private const string NotApplicable = "—";

    private static SectionView Section(AnalysisResult analysis)
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
            tables.Add(DescribeTable(describe));
        }

        if (analysis.Compare is { } compare)
        {
            notes.Add(CompareNote(compare));
            notes.AddRange(EffectNotes(compare));
            tables.Add(CompareTable(compare));
            AddCompareOutputs(compare, notes, tables);
            foreach (ComparisonRow row in compare.Rows)
            {
                string context = $"{row.Variable}, {string.Join(" vs ", row.Groups)}: ";
                warnings.AddRange(row.Warnings.Select(w => FormatWarning(w with { Message = context + w.Message })));
            }
        }

        if (analysis.Mixed is { } mixed)
        {
            AddMixed(mixed, notes, tables);
        }

        if (analysis.Mmrm is { } mmrm)
        {
            AddMmrm(mmrm, notes, tables);
        }

        if (analysis.RmAnova is { } rmAnova)
        {
            AddRmAnova(rmAnova, notes, tables);
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

    private static MarkdownTable DescribeTable(DescribeResult describe)
    {
        var header = new List<string> { "Characteristic" };
        header.AddRange(describe.Columns.Select(c => Cell(c.Label) + " (n = " + F.Count(c.N) + ")"));
        string separator = "|---|" + string.Concat(describe.Columns.Select(_ => "--:|"));
        var rows = new List<IReadOnlyList<string>>();
        foreach (DescribeVariable v in describe.Variables)
        {
            string name = Bold(Cell(v.Label)) + UnitSuffix(v.Label, v.Unit);
            if (v.Continuous is { } cells)
            {
                rows.Add(Line(name, cells.Select(_ => string.Empty)));
                rows.Add(Line("n (missing)", cells.Select(c => $"{F.Count(c.N)} ({F.Count(c.Missing)})")));
                foreach (string statistic in v.Statistics ?? DefaultContinuousRows)
                {
                    rows.Add(ContinuousLine(statistic, cells));
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

        return new MarkdownTable(header, separator, rows);
    }

    private static readonly string[] DefaultContinuousRows = ["mean_sd", "median_iqr", "range"];

    private static IReadOnlyList<string> ContinuousLine(string statistic, IReadOnlyList<ContinuousCell> cells) => statistic switch
    {
        "mean_sd" => Line("Mean (SD)", cells.Select(c => $"{F.Estimate(c.Mean)} ({F.Estimate(c.Sd)})")),
        "mean_se" => Line("Mean (SE)", cells.Select(c => $"{F.Estimate(c.Mean)} ({F.Estimate(c.Se)})")),
        "median_iqr" => Line("Median [Q1, Q3]", cells.Select(c => $"{F.Estimate(c.Median)} [{F.Estimate(c.Q1)}, {F.Estimate(c.Q3)}]")),
        "range" => Line("Min–max", cells.Select(c => $"{F.Estimate(c.Min)}–{F.Estimate(c.Max)}")),
        "geometric_mean" => Line("Geometric mean (95% CI)", cells.Select(c => c.GeometricMean is null
            ? "NA"
            : $"{F.Estimate(c.GeometricMean)} ({F.Estimate(c.GeometricMeanLow)} to {F.Estimate(c.GeometricMeanHigh)})")),
        _ => throw new InvalidOperationException($"Bug: no report row for the statistic '{statistic}'."),
    };

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

    private static MarkdownTable CompareTable(CompareResult compare)
    {
        bool adjusted = compare.Adjustment.Method != "none";
        bool estimates = compare.Rows.Any(r => r.Test?.Estimate is not null);
        int width = compare.Rows.Count == 0 ? 2 : compare.Rows.Max(r => r.Groups.Count);
        bool pairwise = width == 2;
        var header = new List<string> { "Variable" };
        if (pairwise)
        {
            header.AddRange(new[] { "Comparison", "First group", "Second group" });
        }
        else
        {
            header.AddRange(compare.Rows.Count == 0 ? Array.Empty<string>() : compare.Rows[0].Summaries.Select(s => Cell(s.Label)));
        }

        header.AddRange(new[] { "Test", "Statistic", "df", "p" });
        if (adjusted)
        {
            header.Add($"Adjusted p ({compare.Adjustment.Method})");
        }

        if (estimates)
        {
            header.Add("Estimate (95% CI)");
        }

        string separator = "|---|" + (pairwise ? "---|--:|--:|" : string.Concat(Enumerable.Repeat("--:|", header.Count - 5 - (adjusted ? 1 : 0) - (estimates ? 1 : 0))))
            + "---|--:|--:|--:|" + (adjusted ? "--:|" : string.Empty) + (estimates ? "--:|" : string.Empty);
        var rows = new List<IReadOnlyList<string>>();
        foreach (ComparisonRow row in compare.Rows)
        {
            var cells = new List<string> { Cell(row.Label) + UnitSuffix(row.Label, row.Unit) };
            if (pairwise)
            {
                cells.Add(Cell(string.Join(" vs ", row.Summaries.Select(s => s.Label))));
            }

            cells.AddRange(row.Summaries.Select(SummaryText));
            TestOutcome? t = row.Test;
            string test = row.Status switch
            {
                ResultStatus.NotImplemented => "not implemented yet: " + Cell(row.Reason ?? string.Empty),
                ResultStatus.Failed => "failed: " + Cell(row.Reason ?? string.Empty),
                _ => Cell(t?.Method ?? string.Empty),
            };
            cells.Add(test);
            cells.Add(t is null ? NotApplicable : $"{Cell(t.StatisticName)} = {F.Statistic(t.Statistic)}");
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
                    ? $"{Cell(t.EstimateName ?? "estimate")} {F.Estimate(e)} ({F.Estimate(t.ConfidenceLow)} to {F.Estimate(t.ConfidenceHigh)}{LevelNote(t.ConfidenceLevel)}{StandardErrorNote(t.StandardError)})"
                    : NotApplicable);
            }

            rows.Add(cells);
        }

        return new MarkdownTable(header, separator, rows);
    }

    /// <summary>"; 60% CI" when an interval does not have the column's 95% level.</summary>
    private static string LevelNote(double? level) =>
        level is { } l && l < 0.95 - 1e-9 ? string.Create(CultureInfo.InvariantCulture, $"; {100 * l:0.#}% CI") : string.Empty;

    private static string SummaryText(GroupSummary s)
    {
        string n = "n = " + F.Count(s.N);
        return s.Statistic switch
        {
            "median_q1_q3" => $"{F.Estimate(s.Median)} [{F.Estimate(s.Q1)}, {F.Estimate(s.Q3)}] ({n})",
            "mean_sd" => $"{F.Estimate(s.Mean)} ({F.Estimate(s.Sd)}) ({n})",
            "geometric_mean_ci" => s.GeometricMean is null
                ? $"NA ({n})"
                : $"{F.Estimate(s.GeometricMean)} ({F.Estimate(s.GeometricMeanLow)} to {F.Estimate(s.GeometricMeanHigh)}) ({n})",
            "count_percent" => $"{F.Count(s.Count ?? 0)}/{F.Count(s.N)} ({F.Percent(s.Percent ?? double.NaN)}%)",
            "events_person_time" => EventsPersonTimeText(s),
            _ => n,
        };
    }
}
