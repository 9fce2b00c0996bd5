using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The data of the report's figures that no analysis result holds: box statistics of each
/// continuous outcome a comparison uses, and per-visit means of each repeated outcome a mixed model
/// uses. Recorded in results.json (<c>figures</c>) so the reports stay a pure function of the results.
/// </summary>
public sealed partial class StudyRun
{
    private readonly List<FigureResult> _figures = new();

    /// <summary>A box plot per continuous variable of a comparison, once per variable (and scope).</summary>
    private void RecordBoxFigures(ScopedAnalysis analysis, IReadOnlyList<Variable> variables, IReadOnlyList<GroupedNumbers?> grouped)
    {
        for (int v = 0; v < variables.Count; v++)
        {
            if (variables[v] is not ContinuousVariable variable)
            {
                continue;
            }

            string id = ScopePrefix(analysis) + "box-" + FigureId(variable.Name);
            if (HasFigure(id))
            {
                continue;
            }

            Cohort cohort = variable.Cohort;
            ReadOnlySpan<int> codes = cohort.GroupCodes;
            var groups = new List<BoxGroup>(cohort.GroupNames.Count);
            bool withValues = CountValues(variable.ValueArray, codes) <= BoxGroup.MaxValues;
            if (grouped[v] is { } split)
            {
                for (int g = 0; g < cohort.GroupNames.Count; g++)
                {
                    // The box statistics of the group's sorted values, which its summaries and rank test share.
                    BoxStatistics box = BoxStatistics.OfSorted(split.SortedFinite(g), split.Size(g));
                    groups.Add(BoxGroupOf(cohort, g, box, withValues ? split.Sorted(g) : null));
                }

                AddFigure(new FigureResult(id, "box", variable.Name, variable.Label, variable.Unit, Box: new BoxFigure(groups)) { Analysis = ScopedAnalysisId(analysis) });
                continue;
            }

            for (int g = 0; g < cohort.GroupNames.Count; g++)
            {
                var values = new List<double>();
                for (int i = 0; i < codes.Length; i++)
                {
                    if (codes[i] == g)
                    {
                        values.Add(variable.ValueArray[i]);
                    }
                }

                BoxStatistics box = BoxStatistics.Of(values.ToArray());
                groups.Add(BoxGroupOf(cohort, g, box, withValues ? values.Where(x => !double.IsNaN(x)).Order().ToArray() : null));
            }

            AddFigure(new FigureResult(id, "box", variable.Name, variable.Label, variable.Unit, Box: new BoxFigure(groups)) { Analysis = ScopedAnalysisId(analysis) });
        }
    }

    private static BoxGroup BoxGroupOf(Cohort cohort, int g, BoxStatistics box, double[]? values) =>
        new(cohort.GroupNames[g], cohort.GroupLabels[g], box.N, box.Missing,
            box.LowerWhisker, box.LowerHinge, box.Median, box.UpperHinge, box.UpperWhisker, box.Outliers)
        {
            Values = values,
        };

    /// <summary>Non-missing values of subjects in a group.</summary>
    private static int CountValues(ReadOnlySpan<double> values, ReadOnlySpan<int> codes)
    {
        int count = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] >= 0 && !double.IsNaN(values[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Mean (t 95% CI) per group and time of a repeated outcome, from its raw rows; once per variable (and scope). On the
    /// model's scale: for a <c>log(y)</c> model the geometric mean, exp of the mean and t interval of log y over the rows with
    /// y &gt; 0 (as the model, which cannot take the others), drawn on a log axis.
    /// </summary>
    private void RecordTrajectoryFigure(ScopedAnalysis analysis, RepeatedVariable variable, bool logScale)
    {
        string id = ScopePrefix(analysis) + "trajectory-" + FigureId(variable.Name);
        if (HasFigure(id))
        {
            return;
        }

        Cohort cohort = variable.Cohort;
        ReadOnlySpan<int> codes = cohort.GroupCodes;
        int groupCount = cohort.GroupNames.Count;

        // One pass over the rows: each (group, time) cell's values in row order (the order the mean sums them in).
        var timeIndex = new Dictionary<double, int>();
        var cells = new List<List<double>?[]>();
        for (int r = 0; r < variable.ValueArray.Length; r++)
        {
            int subject = variable.SubjectIndexArray[r];
            double time = variable.TimeArray[r];
            double value = variable.ValueArray[r];
            int g = subject < 0 ? -1 : codes[subject];
            if (g < 0 || g >= groupCount || double.IsNaN(time) || double.IsNaN(value) || (logScale && !(value > 0)))
            {
                continue;
            }

            if (!timeIndex.TryGetValue(time, out int t))
            {
                t = cells.Count;
                timeIndex[time] = t;
                cells.Add(new List<double>?[groupCount]);
            }

            (cells[t][g] ??= new List<double>()).Add(logScale ? Math.Log(value) : value);
        }

        KeyValuePair<double, int>[] times = timeIndex.OrderBy(e => e.Key).ToArray();
        var groups = new List<TrajectoryGroup>(groupCount);
        for (int g = 0; g < groupCount; g++)
        {
            var points = new List<TrajectoryPoint>(times.Length);
            foreach ((double time, int t) in times)
            {
                if (cells[t][g] is not { } values)
                {
                    continue;
                }

                MeanInterval m = MeanInterval.Of(CollectionsMarshal.AsSpan(values));
                points.Add(logScale
                    ? new TrajectoryPoint(time, m.N, Math.Exp(m.Mean), m.Sd, Math.Exp(m.Lower), Math.Exp(m.Upper))
                    : new TrajectoryPoint(time, m.N, m.Mean, m.Sd, m.Lower, m.Upper));
            }

            groups.Add(new TrajectoryGroup(cohort.GroupNames[g], cohort.GroupLabels[g], points.ToArray()));
        }

        string? timeUnit = _schema.Tables.FirstOrDefault(t => t.Name == variable.Table)?.Columns
            .FirstOrDefault(c => c.Name == variable.TimeName)?.Unit;
        var trajectory = new TrajectoryFigure(variable.TimeName, timeUnit, groups) { Scale = logScale ? "log" : null };
        AddFigure(new FigureResult(id, "trajectory", variable.Name, variable.Label, variable.Unit, Trajectory: trajectory) { Analysis = ScopedAnalysisId(analysis) });
    }

    /// <summary>
    /// A scoped analysis groups or selects its own subjects, so its figures are its own: <c>{id}-box-ck</c>. The
    /// default scope keeps one figure per variable (<c>box-ck</c>), shared by every comparison of it.
    /// </summary>
    private static string ScopePrefix(ScopedAnalysis analysis) => analysis.Result is null ? string.Empty : analysis.Id + "-";

    private static string? ScopedAnalysisId(ScopedAnalysis analysis) => analysis.Result is null ? null : analysis.Id;

    /// <summary>Lower-case letters, digits and '-' only: a file name and an SVG id prefix on any system.</summary>
    internal static string FigureId(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-').ToArray();
        return new string(chars);
    }
}
