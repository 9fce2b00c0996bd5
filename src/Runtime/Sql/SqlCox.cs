using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Sql;

/// <summary>A Cox model to fit where the rows stay: outcome, covariates coded as numbers, strata and ties.</summary>
/// <param name="Outcome">A time-to-event outcome; times after its horizon are censored there, as in memory.</param>
/// <param name="Strata">Expressions whose combined values are the strata (R's <c>strata(a, b)</c>); empty for none.</param>
/// <param name="Groups">When given, only subjects analysed in these groups (declared order) enter the model.</param>
public sealed record SqlCoxModel(SqlOutcome Outcome, IReadOnlyList<SqlCoxCovariate> Covariates, IReadOnlyList<SqlExpr> Strata, CoxTies Ties,
    IReadOnlyList<int>? Groups = null);

/// <summary>A Cox fit from an engine, with what it cost.</summary>
/// <param name="Fit">The same record the in-memory kernel returns; its concordance is NaN (see <see cref="NotAvailable"/>).</param>
/// <param name="LeftOut">Analysed subjects left out for a missing time, status, covariate or stratum.</param>
/// <param name="Queries">Queries run: the first (the means and the evaluation at β = 0), then one per Newton iteration.</param>
/// <param name="RowsReceived">Rows that came back over all queries.</param>
/// <param name="Received">What came back from the engine over all queries, in <paramref name="ReceivedUnit"/> (see <see cref="SqlEngine.Received"/>).</param>
/// <param name="ReceivedUnit">"bytes" (ClickHouse's HTTP bodies) or "values" (rows × columns, an ADO.NET engine).</param>
/// <param name="NotAvailable">What an engine's per-time sums cannot give, and why.</param>
public sealed record SqlCoxFit(CoxFit Fit, int LeftOut, long Queries, long RowsReceived, long Received, string ReceivedUnit, string NotAvailable);

/// <summary>
/// A Cox model fitted by push-down: the rows stay in the engine, and each evaluation of the partial likelihood is one
/// GROUP BY (stratum, time, status) query returning the at-time sums Σexp(η), Σx·exp(η), Σxx'·exp(η), Σx and Ση.
/// The risk sets are accumulated in C# from the latest time down by <see cref="CoxRiskSetSums"/>, and the Newton-Raphson
/// iteration with its inference is <see cref="CoxNewtonRaphson"/>: the same code that finishes the in-memory fit.
/// </summary>
/// <remarks>
/// <para>One first query gives the means the covariates are centred on (as coxph, so exp(η) cannot overflow), n, the
/// events, the strata and the subjects left out (a missing time, status, covariate or stratum, as <c>CoxDesign</c>), and
/// the evaluation at β = 0 from the same uncentred sums. Then one query per further evaluation: the same iteration count as in memory (R's <c>coxfit6.c</c> rule: convergence when
/// |1 − L_best / L_new| ≤ 1e-9, step-halving on a worse or non-finite likelihood). The engine's sums add in another order
/// than the in-memory loop, so results agree to rounding (about 1e-12 relative), not bit for bit.</para>
/// <para>Cost per iteration: one scan, O(n·p²) in the engine; O(T·p²) values back and O(T·d·p²) work here, T the distinct
/// (stratum, time, status) triples. Exact ties need each risk set's elementary symmetric polynomials, which per-time
/// sums do not determine: refused. Concordance, cox.zph and residuals need each subject's linear predictor: not
/// computed (<see cref="NotAvailableReason"/>).</para>
/// </remarks>
public static class SqlCox
{
    /// <summary>Why an engine fit has no concordance, proportional-hazards test or residuals.</summary>
    public const string NotAvailableReason =
        "concordance, cox.zph and residuals need each subject's linear predictor and time, and an engine returns only per-time sums: they are not computed from an engine";

    /// <exception cref="ArgumentException">Exact ties, a non-survival outcome, or names and covariates that do not match.</exception>
    /// <exception cref="InvalidOperationException">A criterion or group has no SQL form.</exception>
    public static SqlCoxFit Fit(SqlEngine engine, CohortSql cohort, SqlCoxModel model, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(from);
        if (model.Ties == CoxTies.Exact)
        {
            throw new ArgumentException("Cox with exact ties cannot be pushed down: its likelihood needs each risk set's subjects, not their sums; use efron or breslow, or read the table into memory.", nameof(model));
        }

        SqlSurvivalCounts.Require(model.Outcome);
        long queries = engine.Queries, rows = engine.RowsReceived, received = engine.Received;
        var (means, n, events, strata, leftOut, atZero) = First(engine, cohort, model, from);
        string[] names = model.Covariates.Select(c => c.Name).ToArray();
        double[][]? eventSums = null;
        double Evaluate(double[] beta, double[] score, double[,] information) =>
            Iteration(engine, cohort, model, means, beta, from, score, information, ref eventSums, ref atZero);
        (CoxFit fit, _) = CoxNewtonRaphson.Fit(Evaluate, names, n, events, strata, model.Ties);
        return new SqlCoxFit(fit, leftOut, engine.Queries - queries, engine.RowsReceived - rows, engine.Received - received, engine.ReceivedUnit, NotAvailableReason);
    }

    /// <summary>
    /// The first query (<see cref="SqlCoxQueries.First"/>): n, the events, the strata and the subjects left out, the means
    /// of the complete rows, and the rows of the evaluation at β = 0 centred on those means, in the layout of an iteration
    /// query's rows (grouped by first_group when the model has group indicators). Centring sums rather than values loses
    /// digits when a covariate's mean is large against its spread (about ε·m²/var relative in Σc·c'); only the first
    /// Newton step uses these sums, the later evaluations centre each value in the engine.
    /// </summary>
    private static (double[] Means, int N, int Events, int Strata, int LeftOut, List<object?[]>? AtZero) First(SqlEngine engine, CohortSql cohort, SqlCoxModel model,
        Func<SqlRenderer, string> from)
    {
        int p = model.Covariates.Count;
        int s = model.Strata.Count;
        bool grouped = SqlCoxQueries.Grouped(model.Covariates);
        int[] summed = Enumerable.Range(0, p).Where(j => !grouped || model.Covariates[j].Value is not null).ToArray();
        int q = summed.Length;
        int keys = 1 + s + 2 + (grouped ? 1 : 0);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = SqlCoxQueries.First(cohort, model.Outcome, model.Covariates, model.Strata, model.Groups, from, renderer);
        var complete = new List<object?[]>();
        long n = 0, events = 0, leftOut = 0;
        var sums = new double[p];
        var strata = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            long count = SqlEngine.Integer(row[keys]);
            if (!Convert.ToBoolean(row[0], CultureInfo.InvariantCulture))
            {
                leftOut += count;
                continue;
            }

            complete.Add(row);
            strata.Add(string.Join("\u0001", row.Skip(1).Take(s).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
            n += count;
            events += SqlEngine.Integer(row[1 + s + 1]) == 1 ? count : 0;
            int group = grouped ? (int)SqlEngine.Integer(row[keys - 1]) : -1;
            for (int a = 0; a < q; a++)
            {
                sums[summed[a]] += Number(row[keys + 1 + a]);
            }

            for (int j = 0; j < p; j++)
            {
                sums[j] += grouped && model.Covariates[j].Value is null && model.Covariates[j].Group == group ? count : 0;
            }
        }

        var means = new double[p];
        for (int j = 0; j < p; j++)
        {
            means[j] = n == 0 ? 0 : sums[j] / n;
        }

        // The β = 0 rows: keys without ok, n, finite (= n: exp(0) is 1), Σr = n, Σr·c = Σc, Σr·c·c' = Σc·c', Σc, Ση = 0.
        var atZero = new List<object?[]>(complete.Count);
        foreach (var row in complete)
        {
            long count = SqlEngine.Integer(row[keys]);
            var c = new double[q];
            for (int a = 0; a < q; a++)
            {
                c[a] = Number(row[keys + 1 + a]) - (count * means[summed[a]]);
            }

            var result = new List<object?>(keys + 4 + (2 * q) + (q * (q + 1) / 2));
            result.AddRange(row.Skip(1).Take(keys - 1));
            result.Add(count);
            result.Add(count);
            result.Add((double)count);
            result.AddRange(c.Select(v => (object?)v));
            int at = keys + 1 + q;
            for (int a = 0; a < q; a++)
            {
                for (int b = 0; b <= a; b++)
                {
                    double ma = means[summed[a]], mb = means[summed[b]];
                    double sxx = Number(row[at++]);
                    double sa = Number(row[keys + 1 + a]), sb = Number(row[keys + 1 + b]);
                    result.Add(sxx - (ma * sb) - (mb * sa) + (count * ma * mb));
                }
            }

            result.AddRange(c.Select(v => (object?)v));
            result.Add(0.0);
            atZero.Add(result.ToArray());
        }

        return (means, checked((int)n), checked((int)events), Math.Max(strata.Count, 1), checked((int)leftOut), atZero);
    }

    /// <summary>
    /// One evaluation: the iteration query's rows fed to <see cref="CoxRiskSetSums"/> from the latest time down, per stratum.
    /// Σc per (stratum, time, status) does not depend on β: the first evaluation keeps it in <paramref name="eventSums"/>
    /// and the later ones ask only for the β-dependent sums, with Ση = β'Σc computed here. Their rows are the same
    /// (stratum, time, status) triples in the same order (the same complete subjects, the same ORDER BY): checked.
    /// </summary>
    private static double Iteration(SqlEngine engine, CohortSql cohort, SqlCoxModel model, double[] means, double[] beta, Func<SqlRenderer, string> from,
        double[] score, double[,] information, ref double[][]? eventSums, ref List<object?[]>? atZero)
    {
        int p = model.Covariates.Count;
        int s = model.Strata.Count;
        bool first = eventSums is null;
        bool grouped = SqlCoxQueries.Grouped(model.Covariates);
        bool zero = beta.AsSpan().IndexOfAnyExcept(0.0) < 0;
        List<object?[]> rows;
        if (first && zero && atZero is not null)
        {
            // The evaluation at β = 0 is the first query's rows, centred in C#: no query.
            rows = atZero;
            atZero = null;
        }
        else
        {
            rows = IterationRows(engine, cohort, model, means, beta, from, first, offsets: grouped && !first);
        }

        if (grouped)
        {
            var expanded = SqlCoxGroupSums.Expand(rows, model.Covariates, means, s, first, grouped && !first ? beta : null, out bool clamped);
            if (clamped)
            {
                // The offset form clamped some η₀ (a subject's exp(η₀) past the largest double): asked again in the exact
                // form, whose per-row test counts the overflowing subjects as in memory.
                rows = IterationRows(engine, cohort, model, means, beta, from, first, offsets: false);
                expanded = SqlCoxGroupSums.Expand(rows, model.Covariates, means, s, first, null, out _);
            }

            rows = expanded;
        }

        int sumsAt = s + 5 + p + (p * (p + 1) / 2);
        if (first)
        {
            eventSums = rows.Select(row => Enumerable.Range(0, p + 2).Select(k => k < 2 ? Number(row[s + k]) : Number(row[sumsAt + k - 2])).ToArray()).ToArray();
        }
        else
        {
            rows = WithEventSums(rows, eventSums!, beta, s, p, sumsAt);
        }

        var sums = new CoxRiskSetSums(p, model.Ties == CoxTies.Efron);
        int triangle = p * p;
        var riskX = new double[p];
        var riskXX = new double[triangle];
        var x = new double[p];
        for (int r = rows.Count - 1; r >= 0; r--)
        {
            object?[] row = rows[r];
            bool newStratum = r == rows.Count - 1 || !SameStratum(row, rows[r + 1], s);
            if (r < rows.Count - 1 && (newStratum || Time(row, s) != Time(rows[r + 1], s)))
            {
                sums.EndTime();
            }

            if (newStratum)
            {
                sums.NewStratum();
            }

            long count = SqlEngine.Integer(row[s + 2]);
            if (SqlEngine.Integer(row[s + 3]) != count)
            {
                // exp(η) overflowed for some subject: as in memory, the likelihood is not finite and the step is halved.
                score.AsSpan().Fill(double.NaN);
                return double.PositiveInfinity;
            }

            int at = s + 4;
            double risk = Number(row[at++]);
            for (int i = 0; i < p; i++)
            {
                riskX[i] = Number(row[at++]);
            }

            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    riskXX[(i * p) + j] = Number(row[at++]);
                }
            }

            if (SqlEngine.Integer(row[s + 1]) == 1)
            {
                for (int i = 0; i < p; i++)
                {
                    x[i] = Number(row[at++]);
                }

                sums.AddEventSums(count, risk, riskX, riskXX, x, Number(row[at]));
            }
            else
            {
                sums.AddCensoredSums(risk, riskX, riskXX);
            }
        }

        if (rows.Count > 0)
        {
            sums.EndTime();
        }

        return sums.Finish(score, information);
    }

    private static List<object?[]> IterationRows(SqlEngine engine, CohortSql cohort, SqlCoxModel model, double[] means, double[] beta, Func<SqlRenderer, string> from,
        bool eventSums, bool offsets)
    {
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = SqlCoxQueries.Iteration(cohort, model.Outcome, model.Covariates, model.Strata, model.Groups, means, beta, from, renderer, eventSums, offsets);
        return engine.Query(sql, renderer.Parameters).ToList();
    }

    /// <summary>
    /// The rows of a later evaluation with the first one's Σc appended (time and status first in each kept entry, to check
    /// that the rows line up) and Ση = β'Σc: the layout of the first evaluation's rows.
    /// </summary>
    private static List<object?[]> WithEventSums(List<object?[]> rows, double[][] eventSums, double[] beta, int s, int p, int sumsAt)
    {
        if (rows.Count != eventSums.Length)
        {
            throw new InvalidOperationException($"The Cox evaluation returned {rows.Count} (stratum, time, status) rows where the first returned {eventSums.Length}: the table changed during the run.");
        }

        var result = new List<object?[]>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var kept = eventSums[r];
            if (Number(rows[r][s]) != kept[0] || Number(rows[r][s + 1]) != kept[1])
            {
                throw new InvalidOperationException("The Cox evaluation's rows are not the first evaluation's (stratum, time, status) triples: the table changed during the run.");
            }

            var row = new object?[sumsAt + p + 1];
            Array.Copy(rows[r], row, sumsAt);
            double eta = 0;
            for (int j = 0; j < p; j++)
            {
                row[sumsAt + j] = kept[2 + j];
                eta += beta[j] * kept[2 + j];
            }

            row[sumsAt + p] = eta;
            result.Add(row);
        }

        return result;
    }

    private static double Time(object?[] row, int strata) => Number(row[strata]);

    private static bool SameStratum(object?[] a, object?[] b, int strata)
    {
        for (int k = 0; k < strata; k++)
        {
            if (!Equals(a[k], b[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static double Number(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
