using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// A (group, time) cell of the trajectory figure: the child rows of analysed subjects (every group) with a value and a
/// time (and, under log, a positive value), their n, mean and sample SD of the value (its log under log), as the engine's
/// COUNT, AVG and VAR_SAMP give them (stable updating formulas, not Σx² − (Σx)²/n).
/// </summary>
public sealed record SqlMixedCell(int Group, double Time, int N, double Mean, double Sd);

/// <summary>
/// A mixed model fitted from an engine's sums: the kernel's fit (null when it was not fitted, with the reason), the
/// design's levels, the rows left out per reason (as <c>MixedDesign</c> counts them), the rows of the analysed subjects,
/// the cells of the trajectory figure, and what the queries cost.
/// </summary>
/// <param name="NotFitted">Why there is no fit (no rows, a constant response, too few observations); null when fitted.</param>
/// <param name="NotFittedCode">The statistics warning's code of <paramref name="NotFitted"/>.</param>
public sealed record SqlMixedFit(
    MixedModelFit? Fit,
    string? NotFitted,
    string? NotFittedCode,
    IReadOnlyList<string> GroupLevels,
    IReadOnlyList<double> TimeLevels,
    IReadOnlyList<RowsLeftOut> LeftOut,
    long Rows,
    IReadOnlyList<SqlMixedCell> Cells,
    long Queries,
    long RowsReceived,
    long Received)
{
    /// <summary>The fixed terms' names in R's order (<c>group</c>, <c>factor(month)</c>, <c>group:factor(month)</c>): the formula's; empty when there is no design.</summary>
    public IReadOnlyList<string> TermNames { get; init; } = [];

    /// <summary>The rows of the analysed subjects with a value (before the time, group and log checks): the model text's count.</summary>
    public long RowsWithValue { get; init; }
}

/// <summary>
/// <c>model mixed</c> where the rows stay: the per-subject cross-products Zᵢᵀ Zᵢ, Zᵢᵀ Xᵢ, Zᵢᵀ yᵢ from one
/// <c>GROUP BY subject</c> query and the overall Xᵀ X_full, Xᵀ y, yᵀ y from one aggregate, finished by
/// <see cref="LinearMixedModel.Fit(MixedModelCrossProducts, bool, MeansGrid?, DegreesOfFreedomMethod)"/>, the kernel whose
/// fit from sums equals its fit from rows (the profiled REML/ML deviance optimised over θ in C#).
/// </summary>
/// <remarks>
/// Three queries over the child rows of the analysed subjects (<see cref="SqlChildRows"/>). (1) Per (group, reason, time):
/// the rows, so the rows left out are counted per reason in <c>MixedDesign</c>'s order (group not included, missing
/// value, missing time, value ≤ 0 under log), the groups with rows and the distinct times of the kept rows are known
/// (the design's levels) and the trajectory cells' n, mean and variance come back. (2) Per subject, ordered by its key: q² + q·p +
/// q sums (q = 1 or 2 random effects, p columns of X). (3) Once: n, p·r sums of Xᵀ X_full (each distinct pair once), Xᵀ y,
/// yᵀ y, min and max of y. What comes back is O(subjects·q·p + groups·times), never a row of the child table.
/// </remarks>
public static class SqlMixedModel
{
    /// <exception cref="InvalidOperationException">A criterion, group or the outcome has no SQL form.</exception>
    public static SqlMixedFit Fit(SqlEngine engine, CohortSql cohort, SqlChildSource source, SqlMixedSpec spec)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(spec);
        long queries = engine.Queries, received = engine.RowsReceived, bytes = engine.Received;
        SqlDialect d = engine.Dialect;
        int groups = Math.Max(spec.GroupNames.Count, 1);
        int[] included = (spec.IncludedGroups ?? Enumerable.Range(0, groups).ToArray()).Order().ToArray();

        // (1) Rows per (group, reason, time).
        var leftOut = new long[5];
        var present = new bool[groups];
        var times = new SortedSet<double>();
        var cells = new List<SqlMixedCell>();
        double timeSum = 0;
        long rows = 0, kept = 0, withValue = 0;
        var renderer = new SqlRenderer(d);
        string cellKeys = d.Alias("first_group") + ", " + d.Alias("k") + ", " + d.Alias("t"), f = d.Alias("f");
        string cellsSql = "SELECT " + cellKeys + ", CAST(COUNT(*) AS " + d.IntegerType + "), CAST(COUNT(" + f + ") AS " + d.IntegerType + "), " + d.Function("avg") + "(" + f + "), "
            + d.Function("var_samp") + "(" + f + "), CAST(COUNT(" + d.Alias("raw") + ") AS " + d.IntegerType + ") FROM (" + Coded(cohort, source, spec, included, renderer) + ") AS "
            + d.Alias("coded") + " GROUP BY " + cellKeys + " ORDER BY " + cellKeys;
        foreach (object?[] row in engine.Query(cellsSql, renderer.Parameters))
        {
            int group = (int)SqlEngine.Integer(row[0]), reason = (int)SqlEngine.Integer(row[1]);
            long n = SqlEngine.Integer(row[3]), shown = SqlEngine.Integer(row[4]);
            rows += n;
            withValue += SqlEngine.Integer(row[7]);
            leftOut[reason] += n;
            if (shown > 0)
            {
                // Only rows of reason 0 or 1 have a figure value, and a (group, time) has rows of one of them: one cell each.
                double variance = shown < 2 || row[6] is null ? double.NaN : Number(row[6]);
                cells.Add(new SqlMixedCell(group, Number(row[2]), checked((int)shown), Number(row[5]), Math.Sqrt(variance)));
            }

            if (reason == 0)
            {
                double time = Number(row[2]);
                present[group] = true;
                times.Add(time);
                timeSum += time * n;
                kept += n;
            }
        }

        var reasons = new[] { "", "in a group not included", "with a missing value", $"with a missing {spec.TimeName}", "with a value ≤ 0 (log undefined)" };
        RowsLeftOut[] counted = Enumerable.Range(1, 4).Where(r => leftOut[r] > 0).Select(r => new RowsLeftOut(reasons[r], checked((int)leftOut[r]))).ToArray();
        int[] levels = GroupLevels(spec, included, present);
        double[] timeLevels = times.ToArray();
        // As MixedDesign: the group levels are the model's only when its terms have the group.
        string[] groupLevels = spec.Variables.Contains(SqlMixedVariableKind.Group) ? levels.Select(g => spec.GroupNames[g]).ToArray() : [];
        SqlMixedFit Result(MixedModelFit? fit, string? reason, string? code) => new(fit, reason, code, groupLevels, timeLevels,
            counted, rows, cells, engine.Queries - queries, engine.RowsReceived - received, engine.Received - bytes) { RowsWithValue = withValue };
        if (kept == 0)
        {
            return Result(null, "no rows remain to fit", StatisticsWarnings.MixedNotFitted);
        }

        SqlMixedDesign design = SqlMixedDesign.Build(spec, levels, timeLevels, timeSum / kept, d);
        MixedModelCrossProducts sums = CrossProducts(engine, cohort, source, spec, included, design);
        if (MixedModelIdentifiability.ConstantResponse(sums) is { } constant)
        {
            return Result(null, constant, StatisticsWarnings.MixedResponseConstant) with { TermNames = design.Layout.TermNames };
        }

        if (MixedModelIdentifiability.TooFewObservations(sums) is { } tooFew)
        {
            return Result(null, tooFew, StatisticsWarnings.MixedTooFewObservationsPerSubject) with { TermNames = design.Layout.TermNames };
        }

        return Result(LinearMixedModel.Fit(sums, spec.Reml, design.Means, spec.Df), null, null) with { TermNames = design.Layout.TermNames };
    }

    /// <summary>The included groups with kept rows, in declared order, the reference (if named) first: <c>MixedDesign</c>'s group levels.</summary>
    private static int[] GroupLevels(SqlMixedSpec spec, int[] included, bool[] present)
    {
        int[] levels = included.Where(g => g < present.Length && present[g]).ToArray();
        if (spec.GroupReference is { } name)
        {
            int reference = Array.FindIndex(levels, g => string.Equals(spec.GroupNames[g], name, StringComparison.Ordinal));
            if (reference < 0)
            {
                throw new ArgumentException($"Reference group '{name}' has no rows in this model.", nameof(spec));
            }

            levels = [levels[reference], .. levels.Where((_, i) => i != reference)];
        }

        return levels;
    }

    /// <summary>
    /// Each child row of an analysed subject: its subject <c>s</c>, <c>first_group</c>, time <c>t</c>, value <c>raw</c>,
    /// response <c>v</c> and <c>k</c>, the first reason it is left out (0: kept; 1 group not included, 2 missing value,
    /// 3 missing time, 4 value ≤ 0 under log), in <c>MixedDesign</c>'s order.
    /// </summary>
    private static string Coded(CohortSql cohort, SqlChildSource source, SqlMixedSpec spec, int[] included, SqlRenderer renderer)
    {
        SqlDialect d = renderer.Dialect;
        string s = d.Alias("s"), group = d.Alias("first_group"), raw = d.Alias("raw"), t = d.Alias("t");
        string joined = SqlChildRows.Query(cohort, source, r => d.QuoteIdentifier(source.Link) + " AS " + s + ", " + group + ", " + r.Double(spec.Response) + " AS " + raw + ", "
            + r.Double(spec.Time) + " AS " + t, renderer);
        int groups = Math.Max(spec.GroupNames.Count, 1);
        var reason = new StringBuilder("CASE");
        if (included.Length < groups)
        {
            reason.Append(" WHEN ").Append(group).Append(" NOT IN (").Append(string.Join(", ", included.Select(g => g.ToString(CultureInfo.InvariantCulture)))).Append(") THEN 1");
        }

        reason.Append(" WHEN ").Append(raw).Append(" IS NULL THEN 2 WHEN ").Append(t).Append(" IS NULL THEN 3");
        if (spec.Log)
        {
            reason.Append(" WHEN NOT (").Append(raw).Append(" > ").Append(d.Number(0)).Append(") THEN 4");
        }

        reason.Append(" ELSE 0 END");
        string value = spec.Log ? "(CASE WHEN " + raw + " > " + d.Number(0) + " THEN " + d.Function("ln") + "(" + raw + ") END)" : raw;

        // The trajectory figure's value: every group's rows with a value and a time (the figure shows the groups the model leaves out too).
        string figure = "(CASE WHEN " + t + " IS NOT NULL THEN " + value + " END)";
        return "SELECT " + s + ", " + group + ", " + t + ", " + raw + ", " + value + " AS " + d.Alias("v") + ", " + figure + " AS " + d.Alias("f") + ", " + reason + " AS "
            + d.Alias("k") + " FROM (" + joined + ") AS " + d.Alias("joined");
    }

    private static MixedModelCrossProducts CrossProducts(SqlEngine engine, CohortSql cohort, SqlChildSource source, SqlMixedSpec spec, int[] included, SqlMixedDesign design)
    {
        FixedEffectsLayout layout = design.Layout;
        int p = layout.Columns, r = layout.FullNames.Count;
        int[] x = layout.FullIndex;
        SqlDialect d = engine.Dialect;
        string s = d.Alias("s"), v = d.Alias("v"), kept = d.Alias("kept");
        string C(int j) => d.Alias("c" + Index(j));
        string[] z = [.. spec.RandomIntercept ? new[] { d.Number(1) } : [], .. spec.RandomSlope ? new[] { d.Alias("t") } : []];
        int q = z.Length;
        string Kept(SqlRenderer renderer) => "SELECT " + s + ", " + v + ", " + d.Alias("t") + ", " + string.Join(", ", design.FullColumns.Select((c, j) => c + " AS " + C(j)))
            + " FROM (" + Coded(cohort, source, spec, included, renderer) + ") AS " + d.Alias("coded") + " WHERE " + d.Alias("k") + " = 0";

        // (2) Per subject, in key order (so the sums, and the fit, do not depend on the order the engine returns groups in).
        var perSubject = new List<string>();
        for (int a = 0; a < q; a++)
        {
            perSubject.AddRange(Enumerable.Range(a, q - a).Select(b => "SUM(" + z[a] + " * " + z[b] + ")"));
            perSubject.AddRange(x.Select(c => "SUM(" + z[a] + " * " + C(c) + ")"));
            perSubject.Add("SUM(" + z[a] + " * " + v + ")");
        }

        var renderer = new SqlRenderer(engine.Dialect);
        string subjectSql = "SELECT " + string.Join(", ", perSubject) + " FROM (" + Kept(renderer) + ") AS " + kept + " GROUP BY " + s + " ORDER BY " + s;
        var ztz = new List<double>();
        var ztx = new List<double>();
        var zty = new List<double>();
        int subjects = 0;
        foreach (object?[] row in engine.Query(subjectSql, renderer.Parameters))
        {
            var block = new double[q * q];
            int at = 0;
            var zx = new double[q * p];
            var zy = new double[q];
            for (int a = 0; a < q; a++)
            {
                for (int b = a; b < q; b++)
                {
                    block[(a * q) + b] = block[(b * q) + a] = Number(row[at++]);
                }

                for (int c = 0; c < p; c++)
                {
                    zx[(a * p) + c] = Number(row[at++]);
                }

                zy[a] = Number(row[at++]);
            }

            ztz.AddRange(block);
            ztx.AddRange(zx);
            zty.AddRange(zy);
            subjects++;
        }

        // (3) Overall: each distinct pair (i, j) of full columns with i a column of X once; Xᵀ y, yᵀ y, n, min, max.
        var pairs = new Dictionary<(int, int), int>();
        var overall = new List<string> { "CAST(COUNT(*) AS " + d.IntegerType + ")", "SUM(" + v + " * " + v + ")", "MIN(" + v + ")", "MAX(" + v + ")" };
        overall.AddRange(x.Select(c => "SUM(" + C(c) + " * " + v + ")"));
        foreach (int i in x)
        {
            for (int j = 0; j < r; j++)
            {
                var pair = (Math.Min(i, j), Math.Max(i, j));
                if (!pairs.ContainsKey(pair))
                {
                    pairs[pair] = overall.Count;
                    overall.Add("SUM(" + C(pair.Item1) + " * " + C(pair.Item2) + ")");
                }
            }
        }

        renderer = new SqlRenderer(engine.Dialect);
        string overallSql = "SELECT " + string.Join(", ", overall) + " FROM (" + Kept(renderer) + ") AS " + kept;
        object?[] totals = engine.Query(overallSql, renderer.Parameters).Single();
        int n = checked((int)SqlEngine.Integer(totals[0]));
        double[] xty = x.Select((_, c) => Number(totals[4 + c])).ToArray();
        var xtFull = new double[p * r];
        for (int a = 0; a < p; a++)
        {
            for (int j = 0; j < r; j++)
            {
                xtFull[(a * r) + j] = Number(totals[pairs[(Math.Min(x[a], j), Math.Max(x[a], j))]]);
            }
        }

        return new MixedModelCrossProducts(layout, spec.RandomIntercept, spec.RandomSlope ? spec.TimeName : null, spec.Uncorrelated, n, subjects,
            xtFull, xty, Number(totals[1]), Number(totals[2]), Number(totals[3]), [.. ztz], [.. ztx], [.. zty]);
    }

    /// <summary>
    /// The trajectory figure's points of group <paramref name="group"/>, by time ascending, from the cells: the mean and its
    /// t interval (<see cref="Statistics.MeanInterval.FromMoments"/>), shown back on the value's scale under log
    /// (the geometric mean and its interval), as <c>StudyRun</c> draws it from the rows.
    /// </summary>
    public static TrajectoryPoint[] TrajectoryPoints(IReadOnlyList<SqlMixedCell> cells, int group, bool log)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells.Where(c => c.Group == group).OrderBy(c => c.Time).Select(c =>
        {
            var m = Statistics.MeanInterval.FromMoments(c.N, c.Mean, c.Sd);
            return log
                ? new TrajectoryPoint(c.Time, m.N, Math.Exp(m.Mean), m.Sd, Math.Exp(m.Lower), Math.Exp(m.Upper))
                : new TrajectoryPoint(c.Time, m.N, m.Mean, m.Sd, m.Lower, m.Upper);
        }).ToArray();
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>A sum or value as a double; SQL NULL (a sum over no value) is 0.</summary>
    private static double Number(object? value) => value is null ? 0 : Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
