using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// A covariate of a Cox model pushed down, already coded as a number: a numeric column or expression, a 0/1 indicator
/// of a category level or a boolean (missing where the variable is, so the subject is left out as in memory), or a
/// 0/1 indicator of membership in one of the study's groups.
/// </summary>
/// <param name="Name">The design column's name, R style (<c>groupNXP2_JDM</c>, <c>age</c>, <c>sexM</c>).</param>
/// <param name="Value">The number; null for a group indicator.</param>
/// <param name="Group">The group's index (declared order) for a group indicator; -1 otherwise.</param>
public sealed record SqlCoxCovariate(string Name, SqlExpr? Value, int Group = -1)
{
    /// <summary>A numeric covariate; a missing (NULL) value leaves the subject out.</summary>
    public static SqlCoxCovariate Number(string name, SqlExpr value) => new(name, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>1 where <paramref name="predicate"/> is true, 0 where false, missing where it is (e.g. <c>sex == M</c>).</summary>
    public static SqlCoxCovariate Indicator(string name, SqlExpr predicate) =>
        new(name, SqlExpr.If(predicate ?? throw new ArgumentNullException(nameof(predicate)), SqlExpr.Number(1), SqlExpr.Number(0)));

    /// <summary>1 for the subjects analysed in group <paramref name="group"/>, 0 for the others (never missing).</summary>
    public static SqlCoxCovariate InGroup(string name, int group) =>
        group >= 0 ? new(name, null, group) : throw new ArgumentOutOfRangeException(nameof(group), group, "A group index is 0 or more.");
}

/// <summary>
/// The two query shapes of <see cref="SqlCox"/>. Both classify each subject row as <see cref="SqlCohortFlow"/> does and
/// keep the analysed subjects (in the asked groups); a subject with a missing time, status, covariate or stratum is
/// "incomplete". No CTE, no UNION, no window function, no alias used in its own SELECT: ClickHouse 18.16 and PostgreSQL
/// read the same text. Every name the queries give is a <see cref="SqlDialect.Alias"/>, so no study column is shadowed.
/// Every piece is rendered in the order of the text, so positional parameters line up.
/// </summary>
internal static class SqlCoxQueries
{
    /// <summary>
    /// The first query, which is also the evaluation at β = 0: per (complete, stratum, time, status[, first_group]) of the
    /// analysed subjects, the count, Σx of each summed covariate and Σx·x' (lower triangle), uncentred. The complete rows
    /// give n, the events, the strata and the means (Σx / n; a group indicator's from its group's count), and, centred in
    /// C# (<see cref="SqlCox"/>), the β = 0 sums, where exp(η) is 1: Σc = Σx − n·m and Σc·c' = Σx·x' − m·Σx' − m'·Σx + n·m·m'.
    /// The other rows are the subjects left out for a missing time, status, covariate or stratum. One scan instead of a
    /// query for the means and another for β = 0 (0.59 s of 10^7 rows on 18.16, docs/scale.md). Never NULL for the
    /// complete rows; ClickHouse's COUNT is cast, as it cannot cast a NULL sum to Int64.
    /// </summary>
    public static string First(CohortSql cohort, SqlOutcome outcome, IReadOnlyList<SqlCoxCovariate> covariates, IReadOnlyList<SqlExpr> strata,
        IReadOnlyList<int>? groups, Func<SqlRenderer, string> from, SqlRenderer renderer)
    {
        var d = renderer.Dialect;
        bool grouped = Grouped(covariates);
        int[] summed = Enumerable.Range(0, covariates.Count).Where(j => !grouped || covariates[j].Value is not null).ToArray();
        var keys = d.Alias("ok") + Columns(d, "st", strata.Count) + ", " + d.Alias("t") + ", " + d.Alias("s") + (grouped ? ", " + d.Alias("first_group") : string.Empty);
        var select = new StringBuilder("SELECT ").Append(keys).Append(", CAST(COUNT(*) AS ").Append(d.IntegerType).Append(')');
        foreach (var j in summed)
        {
            select.Append(", SUM(").Append(X(d, j)).Append(')');
        }

        for (var a = 0; a < summed.Length; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                select.Append(", SUM(").Append(X(d, summed[a])).Append(" * ").Append(X(d, summed[b])).Append(')');
            }
        }

        select.Append(" FROM (SELECT ").Append(Complete(d, covariates, strata.Count)).Append(" AS ").Append(d.Alias("ok")).Append(Columns(d, "st", strata.Count))
            .Append(", ").Append(d.Alias("t")).Append(", ").Append(d.Alias("s")).Append(grouped ? ", " + d.Alias("first_group") : string.Empty);
        foreach (var j in summed)
        {
            select.Append(", ").Append(Raw(covariates[j], j, renderer)).Append(" AS ").Append(X(d, j));
        }

        return select.Append(" FROM ").Append(Subjects(cohort, outcome, covariates, strata, from, renderer)).Append(" WHERE ").Append(Analysed(d, groups))
            .Append(") AS ").Append(d.Alias("kept")).Append(" GROUP BY ").Append(keys).Append(" ORDER BY ").Append(keys).ToString();
    }

    /// <summary>
    /// One Newton iteration: per (stratum, time, status) of the complete subjects, with c = x − mean and
    /// η = β'c, the count, how many exp(η) were finite, Σexp(η), Σc·exp(η), Σcc'·exp(η) (lower triangle, row by row),
    /// Σc and Ση; ordered by stratum and ascending time. β and the means are bound through the dialect.
    /// When the model has group indicators (<see cref="Grouped"/>), the rows are per (stratum, time, status, first_group)
    /// and the sums are over the other covariates only: a group's indicator is the same for all its subjects, so its
    /// products are that constant times the group's sums, which <see cref="SqlCox"/> adds back. The scale study's six
    /// coefficients then need 16 sums per row instead of 39, and each sum is a per-row call in 18.16's aggregator.
    /// </summary>
    /// <param name="eventSums">False: leave out Σc and Ση, which do not depend on β (Ση = β'Σc), so that the evaluations
    /// after the first need 4 sums per row fewer (<see cref="SqlCox"/> keeps the first evaluation's Σc).</param>
    /// <param name="groupOffsets">With group indicators and without event sums: η per row is only the other covariates'
    /// part η₀ (a group's indicators add the same offset o_g to every row of the group, and exp(o_g + η₀) = exp(o_g)·exp(η₀),
    /// which <see cref="SqlCoxGroupSums"/> multiplies back), r is exp(least(η₀, 709.78...)) and the second column is MAX(η₀)
    /// instead of the count of finite exp(η): the caller decides finiteness from o_g + MAX(η₀), and asks again without
    /// offsets when MAX(η₀) itself passed the clamp. No per-row CASE on first_group and no per-row test of η (18.16 runs a
    /// CASE as a multiIf): the scale study's later evaluations took 1.36 s of CPU instead of 1.63 s at 10^7 (docs/scale.md).</param>
    public static string Iteration(CohortSql cohort, SqlOutcome outcome, IReadOnlyList<SqlCoxCovariate> covariates, IReadOnlyList<SqlExpr> strata,
        IReadOnlyList<int>? groups, ReadOnlySpan<double> means, ReadOnlySpan<double> beta, Func<SqlRenderer, string> from, SqlRenderer renderer,
        bool eventSums = true, bool groupOffsets = false)
    {
        int p = covariates.Count;
        var d = renderer.Dialect;
        bool grouped = Grouped(covariates);
        int[] summed = Enumerable.Range(0, p).Where(j => !grouped || covariates[j].Value is not null).ToArray();
        bool zero = p == 0 || beta.IndexOfAnyExcept(0.0) < 0;
        bool offsets = groupOffsets && grouped && !eventSums && !zero;
        int[] linear = offsets ? summed : Enumerable.Range(0, p).ToArray();
        string eta = d.Alias("eta"), r = d.Alias("r");
        var keys = string.Concat(Enumerable.Range(0, strata.Count).Select(k => St(d, k) + ", ")) + d.Alias("t") + ", " + d.Alias("s")
            + (grouped ? ", " + d.Alias("first_group") : string.Empty);
        string finite = eta + " <= " + d.Number(LargestExpArgument);
        var sql = new StringBuilder("SELECT ").Append(keys).Append(", CAST(COUNT(*) AS ").Append(d.IntegerType).Append("), ")
            .Append(offsets ? "MAX(" + eta + ")" : d.CountWhere(finite)).Append(", SUM(").Append(r).Append(')');
        foreach (var i in summed)
        {
            sql.Append(", SUM(").Append(r).Append(" * ").Append(C(d, i)).Append(')');
        }

        for (var a = 0; a < summed.Length; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                sql.Append(", SUM(").Append(r).Append(" * ").Append(C(d, summed[a])).Append(" * ").Append(C(d, summed[b])).Append(')');
            }
        }

        foreach (var i in eventSums ? summed : [])
        {
            sql.Append(", SUM(").Append(C(d, i)).Append(')');
        }

        // exp(η) past the largest double is not computed here (counted: the finite ones fall short of COUNT(*); r is 0
        // for them, never NULL, so that no sum is Nullable on ClickHouse), where C# gives +∞; either way the evaluation is
        // not finite and the step is halved. Centring keeps η small for any sensible β. At β = 0 (the first evaluation)
        // η is 0 and exp(η) 1 for every row: written as constants, with no product or exp per row.
        string risk = zero ? d.Number(1)
            : offsets ? renderer.F("exp") + "(" + renderer.F("least") + "(" + eta + ", " + d.Number(LargestExpArgument) + "))"
            : "CASE WHEN " + finite + " THEN " + renderer.F("exp") + "(" + eta + ") ELSE " + d.Number(0) + " END";
        string cs = string.Concat(linear.Select(j => ", " + C(d, j)));
        sql.Append(eventSums ? ", SUM(" + eta + ")" : string.Empty).Append(" FROM (SELECT ").Append(keys).Append(cs).Append(", ").Append(eta).Append(", ").Append(risk)
            .Append(" AS ").Append(r).Append(" FROM (SELECT ").Append(keys).Append(cs).Append(", ");
        if (zero || linear.Length == 0)
        {
            sql.Append(d.Number(0));
        }

        for (var a = 0; a < linear.Length && !zero; a++)
        {
            int j = linear[a];
            sql.Append(a == 0 ? "(" : " + (").Append(Parameter(beta[j], renderer)).Append(" * ").Append(C(d, j)).Append(')');
        }

        sql.Append(" AS ").Append(eta).Append(" FROM (SELECT ").Append(keys);
        foreach (var j in linear)
        {
            sql.Append(", (").Append(Raw(covariates[j], j, renderer)).Append(" - ").Append(Parameter(means[j], renderer)).Append(") AS ").Append(C(d, j));
        }

        return sql.Append(" FROM ").Append(Subjects(cohort, outcome, covariates, strata, from, renderer)).Append(" WHERE ").Append(Analysed(d, groups))
            .Append(" AND ").Append(Complete(d, covariates, strata.Count)).Append(") AS ").Append(d.Alias("complete")).Append(") AS ").Append(d.Alias("linear"))
            .Append(") AS ").Append(d.Alias("risks")).Append(" GROUP BY ").Append(keys).Append(" ORDER BY ").Append(keys).ToString();
    }

    /// <summary>The largest η whose exp is a finite double (ln of the largest double, rounded down).</summary>
    public const double LargestExpArgument = 709.782712893384;

    /// <summary>True when some covariate is a group indicator: the iteration's rows are then per group too.</summary>
    public static bool Grouped(IReadOnlyList<SqlCoxCovariate> covariates) => covariates.Any(c => c.Value is null);

    /// <summary>The classified subject rows with t, s, x0.. and st0.. (a subquery; every name a <see cref="SqlDialect.Alias"/>).</summary>
    private static string Subjects(CohortSql cohort, SqlOutcome outcome, IReadOnlyList<SqlCoxCovariate> covariates, IReadOnlyList<SqlExpr> strata,
        Func<SqlRenderer, string> from, SqlRenderer renderer)
    {
        var d = renderer.Dialect;
        var (time, @event) = SqlSurvivalCounts.Require(outcome);
        var sql = new StringBuilder("(SELECT ").Append(SqlCohortFlow.SubjectColumns(cohort, renderer));
        var (t, s) = SqlSurvivalCounts.TimeAndStatus(time, @event, outcome.Horizon, renderer);
        sql.Append(", ").Append(t).Append(" AS ").Append(d.Alias("t")).Append(", ").Append(s).Append(" AS ").Append(d.Alias("s"));
        for (var j = 0; j < covariates.Count; j++)
        {
            if (covariates[j].Value is { } value)
            {
                sql.Append(", ").Append(renderer.Double(value)).Append(" AS ").Append(X(d, j));
            }
        }

        for (var k = 0; k < strata.Count; k++)
        {
            sql.Append(", ").Append(renderer.Render(strata[k])).Append(" AS ").Append(St(d, k));
        }

        return sql.Append(" FROM ").Append(from(renderer)).Append(") AS ").Append(d.Alias("subjects")).ToString();
    }

    /// <summary>A covariate over the classified rows: its column, or a group's 0/1 indicator from first_group.</summary>
    private static string Raw(SqlCoxCovariate covariate, int j, SqlRenderer renderer) => covariate.Value is null
        ? "CASE WHEN " + renderer.Dialect.Alias("first_group") + " = " + Index(covariate.Group) + " THEN " + renderer.Dialect.Number(1) + " ELSE " + renderer.Dialect.Number(0) + " END"
        : X(renderer.Dialect, j);

    private static string Analysed(SqlDialect d, IReadOnlyList<int>? groups) =>
        SqlCohortFlow.Analysed(d) + (groups is null ? string.Empty : " AND " + d.Alias("first_group") + " IN (" + string.Join(", ", groups.Select(Index)) + ")");

    /// <summary>True when the time, status, every covariate column and every stratum are present (a group indicator always is).</summary>
    private static string Complete(SqlDialect d, IReadOnlyList<SqlCoxCovariate> covariates, int strata) =>
        "(" + d.Alias("t") + " IS NOT NULL AND " + d.Alias("s") + " IS NOT NULL"
        + string.Concat(Enumerable.Range(0, covariates.Count).Where(j => covariates[j].Value is not null).Select(j => " AND " + X(d, j) + " IS NOT NULL"))
        + string.Concat(Enumerable.Range(0, strata).Select(k => " AND " + St(d, k) + " IS NOT NULL")) + ")";

    private static string X(SqlDialect d, int j) => d.Alias("x" + Index(j));

    private static string C(SqlDialect d, int j) => d.Alias("c" + Index(j));

    private static string St(SqlDialect d, int k) => d.Alias("st" + Index(k));

    private static string Parameter(double value, SqlRenderer renderer) => renderer.Dialect.ToDouble(renderer.Dialect.Bind(value, renderer.Parameters));

    private static string Columns(SqlDialect d, string prefix, int count) => string.Concat(Enumerable.Range(0, count).Select(j => ", " + d.Alias(prefix + Index(j))));

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
