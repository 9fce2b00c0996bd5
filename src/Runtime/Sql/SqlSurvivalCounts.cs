using System;
using System.Collections.Generic;
using System.Globalization;
using ProtocolLang.Runtime.Statistics.Survival;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// Kaplan-Meier and log-rank pushed down: the engine returns events and censorings per (group, time) of the analysed
/// subjects, and <see cref="SurvivalCounts.FromCounts"/> hands them to the same kernels as the in-memory path
/// (<see cref="KaplanMeier.Fit(SurvivalCounts, SurvivalConfidence)"/>, <see cref="LogRank.Test(SurvivalCounts, double)"/>).
/// A subject without a time or an event status is left out and counted, and times after the outcome's horizon are
/// censored at it, as in memory.
/// </summary>
public static class SqlSurvivalCounts
{
    /// <param name="outcome">A time-to-event outcome: its time (missing leaves the subject out), its event (true for an
    /// event, false for a censoring, missing leaves the subject out) and its horizon.</param>
    /// <param name="from">Writes the rows' source, as for <see cref="SqlCohortFlow.Query"/>.</param>
    /// <exception cref="InvalidOperationException">A criterion or group has no SQL form.</exception>
    /// <exception cref="ArgumentException">The outcome is not a time-to-event outcome an engine can compute.</exception>
    /// <param name="stratum">For a stratified test: the stratum's value, returned last in each row and grouped by (NULL leaves the subject out).</param>
    public static string Query(CohortSql cohort, SqlOutcome outcome, Func<SqlRenderer, string> from, SqlRenderer renderer, SqlExpr? stratum = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(renderer);
        var (time, @event) = Require(outcome);
        var classify = SqlCohortFlow.SubjectColumns(cohort, renderer);
        var (t, s) = TimeAndStatus(time, @event, outcome.Horizon, renderer);
        var d = renderer.Dialect;
        var st = stratum is null ? string.Empty : ", " + renderer.Render(stratum) + " AS " + d.Alias("st");
        var keys = d.Alias("first_group") + ", " + d.Alias("t") + ", " + d.Alias("s") + (stratum is null ? string.Empty : ", " + d.Alias("st"));

        // One GROUP BY (group, time, status[, stratum]): rows without a time, a status or a stratum are the left-out
        // subjects. No CTE and no UNION, which ClickHouse 18.16 lacks.
        return "SELECT " + d.Alias("first_group") + ", " + d.Alias("t") + ", " + d.Alias("s") + ", CAST(COUNT(*) AS " + d.IntegerType + ") AS " + d.Alias("n")
            + (stratum is null ? string.Empty : ", " + d.Alias("st")) + " FROM (SELECT " + classify + ", " + t + " AS " + d.Alias("t") + ", " + s + " AS " + d.Alias("s") + st
            + " FROM " + from(renderer) + ") AS " + d.Alias("subjects") + " WHERE " + SqlCohortFlow.Analysed(d) + " GROUP BY " + keys + " ORDER BY " + keys;
    }

    /// <summary>The outcome's time and event expressions.</summary>
    /// <exception cref="ArgumentException">The outcome is not a time-to-event outcome an engine can compute.</exception>
    internal static (SqlExpr Time, SqlExpr Event) Require(SqlOutcome outcome) =>
        outcome is { Time: { } time, Event: { } @event }
            ? (time, @event)
            : throw new ArgumentException($"Outcome {outcome.Name} is not a time-to-event outcome an engine can compute: {outcome.Unmapped ?? "it has no time and event"}.", nameof(outcome));

    /// <summary>
    /// The time and the status (1 event, 0 censored, NULL missing) as SQL, with administrative censoring at the horizon
    /// as Variables.TimeToEvent does in memory: a later time is the horizon, and a known status there is a censoring.
    /// Each piece is rendered where it stands (time first), so parameters follow the text.
    /// </summary>
    internal static (string Time, string Status) TimeAndStatus(SqlExpr time, SqlExpr @event, double? horizonValue, SqlRenderer renderer)
    {
        if (horizonValue is { } h)
        {
            var horizon = renderer.Dialect.Number(h);
            var t = "CASE WHEN " + renderer.Double(time) + " > " + horizon + " THEN " + horizon + " ELSE " + renderer.Double(time) + " END";
            var s = "CASE WHEN " + renderer.Render(@event) + " IS NULL THEN NULL WHEN " + renderer.Double(time) + " > " + horizon
                + " THEN 0 WHEN " + renderer.IsTrue(@event) + " THEN 1 ELSE 0 END";
            return (t, s);
        }

        var t0 = renderer.Double(time);
        return (t0, renderer.Dialect.Status(renderer.Render(@event), renderer.IsTrue(@event)));
    }

    /// <summary>Runs the query on <paramref name="engine"/> and returns the counts, with the subjects left out.</summary>
    public static SurvivalCounts Count(SqlEngine engine, CohortSql cohort, SqlOutcome outcome, Func<SqlRenderer, string> from, out int leftOut) =>
        Count(engine, cohort, outcome, from, null, out leftOut);

    /// <summary>
    /// As <see cref="Count(SqlEngine, CohortSql, SqlOutcome, Func{SqlRenderer, string}, out int)"/>, per stratum: <paramref name="strata"/>'s
    /// value is the stratum, <c>Code</c> turns the engine's value into its code (0 .. <c>Count</c> − 1, as the in-memory
    /// variable codes it), and a subject whose stratum is missing is left out.
    /// </summary>
    public static SurvivalCounts Count(SqlEngine engine, CohortSql cohort, SqlOutcome outcome, Func<SqlRenderer, string> from,
        (SqlExpr Value, Func<object, int> Code, int Count)? strata, out int leftOut)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = Query(cohort, outcome, from, renderer, strata?.Value);
        var stratum = new List<int>();
        var group = new List<int>();
        var times = new List<double>();
        var events = new List<int>();
        var censored = new List<int>();
        leftOut = 0;
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            var n = checked((int)SqlEngine.Integer(row[3]));
            if (row[1] is null || row[2] is null || (strata is not null && row[4] is null))
            {
                leftOut += n;
                continue;
            }

            stratum.Add(strata is { } st ? st.Code(row[4]!) : 0);

            var isEvent = SqlEngine.Integer(row[2]) == 1;
            group.Add((int)SqlEngine.Integer(row[0]));
            times.Add(Convert.ToDouble(row[1], CultureInfo.InvariantCulture));
            events.Add(isEvent ? n : 0);
            censored.Add(isEvent ? 0 : n);
        }

        return SurvivalCounts.FromCounts(Math.Max(cohort.Groups.Count, 1), strata?.Count ?? 1, stratum.ToArray(), group.ToArray(), times.ToArray(), events.ToArray(),
            censored.ToArray());
    }
}
