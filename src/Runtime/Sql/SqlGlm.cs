using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Regression;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// A logistic or Poisson regression's IRLS driven by engine queries (<see cref="GlmIrls.Iterate"/> over this source):
/// each point (the start, then each β) is one scan of the complete subjects returning Σw·x·xᵀ and Σw·x·z at that point,
/// the deviance, how many μ are valid, informative and at or near the boundary; the least-squares step is solved here
/// from the sums. The family functions are written in SQL as <c>BinomialLogit</c> and <c>PoissonLog</c> compute them
/// (R's glm.fit: the logit's clamps at |η| &gt; 30, μ'(η) and μ at least ε for the log link), so the iteration, its
/// convergence rule and its count are the in-memory ones.
/// </summary>
/// <remarks>
/// The step solves XᵀWXβ = XᵀWz by a sequential Cholesky (<see cref="CrossProductCholesky"/>) with R's lm aliasing rule
/// (1e-7 of a column's weighted norm): the in-memory QR step uses 1e-11 (glm.fit's Cdqrls tolerance), which the
/// normal equations cannot resolve; an exactly collinear column is aliased by both. The sums are unshifted: a
/// covariate's mean/SD ratio r costs about r² of the 16 digits (an age in years, r ≈ 3: none that matter).
/// </remarks>
internal sealed class SqlGlmSource(
    SqlEngine engine, CohortSql cohort, SqlRegressionModel model, IReadOnlyList<IReadOnlyList<SqlDesignPart>> columns, GlmFamilyKind family, Func<SqlRenderer, string> from)
    : IGlmSumsSource
{
    private const double Epsilon = 2.220446049250313e-16;

    public int Columns => columns.Count;

    /// <summary>max |x_j| of each column over the complete subjects (from the start query), the scale <c>GlmDivergence</c> measures movement in.</summary>
    public double[] ColumnScale { get; private set; } = [];

    /// <summary>When set, <see cref="Start"/> is the point at this β (a warm start, as the divergence check continues from η).</summary>
    public double[]? StartBeta { get; set; }

    public IGlmIrlsPoint Start() => StartBeta is { } beta ? At(beta) : Evaluate(null);

    public IGlmIrlsPoint At(double[] beta) => Evaluate(beta);

    /// <summary>Σ_y count·y·ln y and Σ_y count·ln Γ(y + 1) over the complete subjects, from one GROUP BY of the response (exact: PostgreSQL 15 has no lgamma).</summary>
    public (double YLogY, double LogFactorial) ResponseSums()
    {
        var renderer = new SqlRenderer(engine.Dialect);
        string r = renderer.Dialect.Alias("r");
        var sql = new StringBuilder("SELECT ").Append(r).Append(", CAST(COUNT(*) AS ").Append(renderer.Dialect.IntegerType).Append(") FROM ");
        SqlRegression.AppendKept(sql, cohort, model, from, renderer);
        sql.Append(" WHERE ").Append(renderer.Dialect.Alias("ok")).Append(" GROUP BY ").Append(r).Append(" ORDER BY ").Append(r);
        double yLogY = 0, logFactorial = 0;
        foreach (var row in engine.Query(sql.ToString(), renderer.Parameters))
        {
            double y = SqlRegression.Number(row[0]);
            long count = SqlEngine.Integer(row[1]);
            yLogY += y > 0 ? count * y * Math.Log(y) : 0;
            logFactorial += count * MathNet.Numerics.SpecialFunctions.GammaLn(y + 1);
        }

        return (yLogY, logFactorial);
    }

    private SqlGlmPoint Evaluate(double[]? beta)
    {
        int p = columns.Count;
        bool start = beta is null;
        var renderer = new SqlRenderer(engine.Dialect);
        var d = renderer.Dialect;
        string N(double v) => d.Number(v);
        string ln = renderer.F("ln"), exp = renderer.F("exp");
        bool binomial = family == GlmFamilyKind.Binomial;

        // Outermost: the sums. Then (w, z, dev) from (eta, mu, me), from eta, from the design columns and y. Every alias is
        // in the dialect's own namespace (SqlDialect.Alias), so no table column can be read in its place: y is r, μ v,
        // μ'(η) d, w k, z t, the deviance residual s.
        string r = d.Alias("r"), v = d.Alias("v"), dm = d.Alias("d"), w = d.Alias("k"), z = d.Alias("t"), dev = d.Alias("s"), eta = d.Alias("eta");
        string C(int j) => SqlRegression.C(d, j);
        var sql = new StringBuilder("SELECT CAST(COUNT(*) AS ").Append(d.IntegerType).Append("), ")
            .Append(d.CountWhere(v + " IS NOT NULL AND " + v + " > " + N(0) + (binomial ? " AND " + v + " < " + N(1) : string.Empty))).Append(", ")
            .Append(d.CountWhere(dm + " <> " + N(0))).Append(", ")
            .Append(d.CountWhere(v + " < " + N(10 * Epsilon) + (binomial ? " OR " + v + " > " + N(1 - (10 * Epsilon)) : string.Empty))).Append(", ")
            .Append(d.CountWhere(v + " < " + N(1e-6) + (binomial ? " OR " + v + " > " + N(1 - 1e-6) : string.Empty))).Append(", SUM(").Append(dev).Append(')');
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                sql.Append(", SUM(").Append(w).Append(" * ").Append(C(a)).Append(" * ").Append(C(b)).Append(')');
            }
        }

        for (int a = 0; a < p; a++)
        {
            sql.Append(", SUM(").Append(w).Append(" * ").Append(C(a)).Append(" * ").Append(z).Append(')');
        }

        for (int a = 0; a < p && start; a++)
        {
            sql.Append(", MAX(").Append(renderer.F("abs")).Append('(').Append(C(a)).Append("))");
        }

        string cs = string.Concat(Enumerable.Range(0, p).Select(j => ", " + C(j)));
        string variance = binomial ? v + " * (" + N(1) + " - " + v + ")" : v;
        string deviance = binomial
            ? "CASE WHEN " + r + " = " + N(1) + " THEN " + N(-2) + " * " + ln + "(" + v + ") ELSE " + N(-2) + " * " + ln + "(" + N(1) + " - " + v + ") END"
            : "CASE WHEN " + r + " > " + N(0) + " THEN " + N(2) + " * (" + r + " * " + ln + "(" + r + " / " + v + ") - (" + r + " - " + v + ")) ELSE " + N(2) + " * " + v + " END";
        sql.Append(" FROM (SELECT ").Append(r).Append(cs).Append(", ").Append(v).Append(", ").Append(dm).Append(", CASE WHEN ").Append(dm).Append(" <> ").Append(N(0))
            .Append(" THEN ").Append(dm).Append(" * ").Append(dm).Append(" / (").Append(variance)
            .Append(") ELSE ").Append(N(0)).Append(" END AS ").Append(w).Append(", CASE WHEN ").Append(dm).Append(" <> ").Append(N(0))
            .Append(" THEN ").Append(eta).Append(" + (").Append(r).Append(" - ").Append(v).Append(") / ").Append(dm).Append(" ELSE ").Append(N(0))
            .Append(" END AS ").Append(z).Append(", CASE WHEN ").Append(v).Append(" IS NOT NULL AND ").Append(v).Append(" > ").Append(N(0))
            .Append(binomial ? " AND " + v + " < " + N(1) : string.Empty).Append(" THEN ")
            .Append(deviance).Append(" END AS ").Append(dev).Append(" FROM (SELECT ").Append(r).Append(cs).Append(", ").Append(eta).Append(", ");
        if (binomial)
        {
            // BinomialLogit: t = ε below −30, 1/ε above 30, else exp(η); μ = t / (1 + t); μ'(η) = ε outside ±30, else e/(1+e)².
            string t = "CASE WHEN " + eta + " < " + N(-30) + " THEN " + N(Epsilon) + " WHEN " + eta + " > " + N(30) + " THEN " + N(1 / Epsilon) + " ELSE " + exp + "(" + eta + ") END";
            string e = exp + "(" + eta + ")";
            sql.Append("(").Append(t).Append(") / (").Append(N(1)).Append(" + (").Append(t).Append(")) AS ").Append(v).Append(", CASE WHEN ").Append(eta).Append(" > ").Append(N(30))
                .Append(" OR ").Append(eta).Append(" < ").Append(N(-30)).Append(" THEN ").Append(N(Epsilon)).Append(" ELSE ").Append(e).Append(" / ((").Append(N(1)).Append(" + ").Append(e)
                .Append(") * (").Append(N(1)).Append(" + ").Append(e).Append(")) END AS ").Append(dm);
        }
        else
        {
            // PoissonLog: μ = μ'(η) = max(exp(η), ε); past the largest double exp(η) is not computed (NULL: an invalid μ, as +∞ in C#).
            string m = "CASE WHEN " + eta + " <= " + N(709.782712893384) + " THEN " + renderer.F("greatest") + "(" + exp + "(" + eta + "), " + N(Epsilon) + ") END";
            sql.Append(m).Append(" AS ").Append(v).Append(", ").Append(m).Append(" AS ").Append(dm);
        }

        sql.Append(" FROM (SELECT ").Append(r).Append(cs).Append(", ");
        if (start)
        {
            // The family's starting μ (weight 1): binomial (y + 0.5) / 2, Poisson y + 0.1; η = link(μ).
            sql.Append(binomial ? ln + "(((" + r + " + " + N(0.5) + ") / " + N(2) + ") / (" + N(1) + " - (" + r + " + " + N(0.5) + ") / " + N(2) + "))" : ln + "(" + r + " + " + N(0.1) + ")");
        }
        else
        {
            var terms = Enumerable.Range(0, p).Where(j => beta![j] != 0).ToArray();
            sql.Append(terms.Length == 0 ? N(0) : string.Join(" + ", terms.Select(j => "(" + SqlRegression.Parameter(beta![j], renderer) + " * " + C(j) + ")")));
        }

        sql.Append(" AS ").Append(eta).Append(" FROM (SELECT ").Append(r);
        for (int j = 0; j < p; j++)
        {
            sql.Append(", ").Append(SqlRegression.Column(columns[j], model, renderer)).Append(" AS ").Append(C(j));
        }

        sql.Append(" FROM ");
        SqlRegression.AppendKept(sql, cohort, model, from, renderer);
        sql.Append(" WHERE ").Append(d.Alias("ok")).Append(") AS ").Append(d.Alias("complete")).Append(") AS ").Append(d.Alias("linear")).Append(") AS ").Append(d.Alias("risks")).Append(") AS ").Append(d.Alias("subjects"));

        object?[] row = engine.Query(sql.ToString(), renderer.Parameters).Single();
        int n = checked((int)SqlEngine.Integer(row[0]));
        var sums = new double[p + 1, p + 1];
        int at = 6;
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                sums[a, b] = sums[b, a] = SqlRegression.Number(row[at++]);
            }
        }

        for (int a = 0; a < p; a++)
        {
            sums[a, p] = sums[p, a] = SqlRegression.Number(row[at++]);
        }

        if (start)
        {
            ColumnScale = Enumerable.Range(0, p).Select(j => SqlRegression.Number(row[at + j])).ToArray();
        }

        bool valid = SqlEngine.Integer(row[1]) == n;
        return new SqlGlmPoint(
            valid, valid ? SqlRegression.Number(row[5]) : double.NaN, checked((int)SqlEngine.Integer(row[2])), SqlEngine.Integer(row[3]), SqlEngine.Integer(row[4]), p, sums);
    }
}

/// <summary>One engine point: its sums and counts; <see cref="Solve"/> is the least-squares step from the sums.</summary>
internal sealed class SqlGlmPoint(bool valid, double deviance, int informative, long atBoundary, long nearBoundary, int p, double[,] sums) : IGlmSumsPoint
{
    public bool Valid => valid;

    public double Deviance => deviance;

    /// <summary>Complete subjects with μ within 10ε of the boundary (R's "fitted probabilities numerically 0 or 1").</summary>
    public long AtBoundary => atBoundary;

    /// <summary>Complete subjects with μ within 1e-6 of the boundary (<c>GlmDivergence.NearTheBoundary</c>).</summary>
    public long NearBoundary => nearBoundary;

    public GlmStep? Solve()
    {
        if (informative == 0)
        {
            return null;
        }

        var products = new LinearCrossProducts(informative, new double[p], 0, sums);
        var cholesky = CrossProductCholesky.Decompose(products, Enumerable.Range(0, p).ToArray());
        double[,] inverse = cholesky.Inverse();
        int k = cholesky.Rank;
        var beta = new double[p];
        var unscaled = new double[p, p];
        var aliased = new bool[p];
        foreach (int j in cholesky.Aliased)
        {
            aliased[j] = true;
        }

        for (int a = 0; a < k; a++)
        {
            double b = 0;
            for (int m = a; m < k; m++)
            {
                b += inverse[a, m] * cholesky.Effects[m];
            }

            beta[cholesky.Pivot[a]] = b;
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int m = Math.Max(a, c); m < k; m++)
                {
                    s += inverse[a, m] * inverse[c, m];
                }

                unscaled[cholesky.Pivot[a], cholesky.Pivot[c]] = s;
            }
        }

        return new GlmStep(beta, aliased, k, unscaled);
    }
}
