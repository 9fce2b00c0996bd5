using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>One row of the proportional-hazards test: a term (all its design columns) or GLOBAL.</summary>
/// <param name="Term">The covariate's name, or "GLOBAL".</param>
public sealed record CoxZphTest(string Term, double ChiSquare, int DegreesOfFreedom, double PValue);

/// <summary>The proportional-hazards tests of a Cox model, as <c>cox.zph(fit)$table</c>.</summary>
/// <param name="Terms">One test per model term (<c>terms = TRUE</c>), in model order.</param>
/// <param name="Global">The joint test of all terms; its df is the number of estimated coefficients.</param>
/// <param name="Warning">Why the tests are undefined (NaN), or null.</param>
public sealed record CoxZph(IReadOnlyList<CoxZphTest> Terms, CoxZphTest Global, string? Warning);

/// <summary>The test of proportional hazards of Grambsch and Therneau, as R survival 3.x's <c>cox.zph</c>.</summary>
/// <remarks>
/// <para>Model: β is replaced by β + γ g(t) with g(t) on the chosen time scale (<see cref="CoxZphTransform"/>;
/// by default 1 − KM(t−), the left-continuous Kaplan-Meier estimate of all subjects pooled over strata,
/// <c>transform = "km"</c>), centred on its mean over the event times. Proportional hazards means γ = 0. The test is the score test of
/// γ = 0 at (β̂, 0) with the full information matrix of (β, γ) (Grambsch &amp; Therneau 1994,
/// Biometrika 81:515-526; Therneau &amp; Grambsch 2000, Modeling Survival Data, section 6.2; the
/// exact score form used since survival 3.0 rather than the earlier approximation).</para>
/// <para>At an event time t with d events, the Cox score contribution is s_t = Σ_events x −
/// Σ_k x̄_k and the information contribution I_t = Σ_k V_k, where x̄_k and V_k are the weighted
/// mean and covariance of x over the risk set (Breslow: one set counted d times; Efron: d sets
/// with k/d of the events' risk removed). The covariate x·g(t) has mean x̄·g(t) at t, so
/// U_γ = Σ_t g(t) s_t and the information is Σ_t [[I_t, g I_t], [g I_t, g² I_t]]. With U_β = 0 at
/// β̂, the statistic for a term with columns J is u' A⁻¹ u over the rows and columns (all β, γ_J),
/// u = (0, U_γJ); df = |J|. GLOBAL uses all γ. P-values are chi-square upper tails.</para>
/// <para>When the information is singular (e.g. all events at one time, so g ≡ 0) R stops with an
/// error; here every test is NaN and <see cref="CoxZph.Warning"/> says why.</para>
/// <para>Cost: O(n log n) for the sort and the Kaplan-Meier, O(n·p²) for the sums, O(p³) per test.</para>
/// </remarks>
public static class CoxProportionalHazardsTest
{
    /// <summary>
    /// A pivot below this fraction of the largest diagonal element counts as singular. R's
    /// <c>solve()</c> gives up only when the reciprocal condition number is below machine epsilon,
    /// so a nearly flat direction (a coefficient drifting to infinity) still gets a test, as in R;
    /// coxph's stricter toler.chol (eps^0.75) would drop it.
    /// </summary>
    private const double SingularTolerance = 2.220446049250313e-16;

    /// <summary>Tests the fitted model <paramref name="fit"/> of <paramref name="design"/> on the time scale <paramref name="transform"/>.</summary>
    public static CoxZph Test(CoxDesign design, CoxFit fit, CoxZphTransform transform = CoxZphTransform.Km)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(fit);
        int[] kept = Enumerable.Range(0, fit.Coefficients.Count).Where(j => !fit.Coefficients[j].Aliased).ToArray();
        string[] termNames = design.Terms.Select(t => t.Covariate).Distinct().ToArray();
        int[][] termColumns = termNames
            .Select(name => kept.Select((column, index) => (column, index)).Where(c => design.Terms[c.column].Covariate == name).Select(c => c.index).ToArray())
            .ToArray();
        if (fit.Events == 0 || kept.Length == 0)
        {
            return Undefined(termNames, termColumns, "there are no events or no estimated coefficients: the proportional-hazards test is undefined");
        }

        double[][] columns = kept.Select(j => design.Columns[j]).ToArray();
        double[] beta = kept.Select(j => fit.Coefficients[j].Coefficient).ToArray();
        var data = new CoxRiskSets(columns, design.Time, design.Status, design.Strata, new CoxTimeOrder(design.TimeRank, design.TimeRankCount));
        if (CoxZphTimeScale.Centred(data, transform) is not { } g)
        {
            // R's mean(log(times)[event]) is -Inf and its solve() fails; say why instead.
            return Undefined(termNames, termColumns, "a transformed event time is not finite (the log of a zero time): the proportional-hazards test on this time scale is undefined");
        }

        (double[] u, double[,] information) = ScoreAndInformation(data, beta, g, fit.Ties == CoxTies.Efron);
        int p = kept.Length;
        var tests = new List<CoxZphTest>();
        for (int t = 0; t < termNames.Length; t++)
        {
            if (termColumns[t].Length == 0)
            {
                continue;
            }

            tests.Add(Score(termNames[t], u, information, p, termColumns[t]));
        }

        CoxZphTest global = Score("GLOBAL", u, information, p, Enumerable.Range(0, p).ToArray());
        bool singular = double.IsNaN(global.ChiSquare) || tests.Any(x => double.IsNaN(x.ChiSquare));
        return new CoxZph(tests, global, singular
            ? "the information matrix of the time-varying terms is singular (e.g. all events at one time): the proportional-hazards test is undefined"
            : null);
    }

    /// <summary>U_γ (with U_β = 0 in front) and the 2p × 2p information of (β, γ) at (β̂, 0).</summary>
    private static (double[] U, double[,] Information) ScoreAndInformation(CoxRiskSets data, double[] beta, double[] g, bool efron)
    {
        int p = beta.Length;
        int n = data.Count;
        ReadOnlySpan<double> time = data.SortedTime;
        ReadOnlySpan<bool> isEvent = data.SortedEvent;
        ReadOnlySpan<bool> last = data.LastInStratum;
        double[][] x = Enumerable.Range(0, p).Select(data.SortedColumn).ToArray();
        double[] eta = data.LinearPredictor(beta);
        var u = new double[2 * p];
        var information = new double[2 * p, 2 * p];
        var a = new double[p];
        var cmat = new double[p, p];
        var a2 = new double[p];
        var cmat2 = new double[p, p];
        var score = new double[p];
        var info = new double[p, p];
        var mean = new double[p];
        double denom = 0;
        for (int person = n - 1; person >= 0;)
        {
            if (last[person])
            {
                denom = 0;
                Array.Clear(a);
                Array.Clear(cmat);
            }

            double dtime = time[person];
            double gt = g[person];
            int deaths = 0;
            double denom2 = 0;
            Array.Clear(a2);
            Array.Clear(cmat2);
            Array.Clear(score);
            do
            {
                double risk = Math.Exp(eta[person]);
                denom += risk;
                for (int i = 0; i < p; i++)
                {
                    a[i] += risk * x[i][person];
                    for (int j = 0; j <= i; j++)
                    {
                        cmat[i, j] += risk * x[i][person] * x[j][person];
                    }
                }

                if (isEvent[person])
                {
                    deaths++;
                    denom2 += risk;
                    for (int i = 0; i < p; i++)
                    {
                        score[i] += x[i][person];
                        a2[i] += risk * x[i][person];
                        for (int j = 0; j <= i; j++)
                        {
                            cmat2[i, j] += risk * x[i][person] * x[j][person];
                        }
                    }
                }

                person--;
            }
            while (person >= 0 && time[person] == dtime && !last[person]);

            if (deaths == 0)
            {
                continue;
            }

            // Efron: term k removes k/d of the tied events' risk; Breslow: the full set, d times.
            Array.Clear(info);
            int terms = efron ? deaths : 1;
            double weight = efron ? 1.0 : deaths;
            for (int k = 0; k < terms; k++)
            {
                double removed = efron ? (double)k / deaths : 0;
                double d2 = denom - (removed * denom2);
                for (int i = 0; i < p; i++)
                {
                    mean[i] = (a[i] - (removed * a2[i])) / d2;
                    score[i] -= weight * mean[i];
                }

                for (int i = 0; i < p; i++)
                {
                    for (int j = 0; j <= i; j++)
                    {
                        info[i, j] += weight * (((cmat[i, j] - (removed * cmat2[i, j])) / d2) - (mean[i] * mean[j]));
                    }
                }
            }

            for (int i = 0; i < p; i++)
            {
                u[p + i] += gt * score[i];
                for (int j = 0; j <= i; j++)
                {
                    double v = info[i, j];
                    information[i, j] += v;
                    information[p + i, j] += gt * v;
                    information[p + j, i] += i == j ? 0 : gt * v;
                    information[p + i, p + j] += gt * gt * v;
                }
            }
        }

        for (int i = 0; i < 2 * p; i++)
        {
            for (int j = 0; j < i; j++)
            {
                information[j, i] = information[i, j];
            }
        }

        return (u, information);
    }

    /// <summary>u' A⁻¹ u over (all β, γ_J); NaN when that block is singular (R's solve() fails).</summary>
    private static CoxZphTest Score(string name, double[] u, double[,] information, int p, int[] columns)
    {
        int[] index = Enumerable.Range(0, p).Concat(columns.Select(c => p + c)).ToArray();
        int m = index.Length;
        var block = new double[m, m];
        var v = new double[m];
        for (int i = 0; i < m; i++)
        {
            v[i] = u[index[i]];
            for (int j = 0; j < m; j++)
            {
                block[i, j] = information[index[i], index[j]];
            }
        }

        CoxCholesky chol = CoxCholesky.Decompose(block, SingularTolerance);
        if (chol.Rank < m)
        {
            return new CoxZphTest(name, double.NaN, columns.Length, double.NaN);
        }

        var solved = (double[])v.Clone();
        chol.Solve(solved);
        double statistic = 0;
        for (int i = 0; i < m; i++)
        {
            statistic += v[i] * solved[i];
        }

        CoxGlobalTest test = CoxInference.ChiSquare(name, statistic, columns.Length);
        return new CoxZphTest(name, test.Statistic, test.DegreesOfFreedom, test.PValue);
    }

    private static CoxZph Undefined(string[] names, int[][] columns, string warning) =>
        new(names.Select((name, t) => new CoxZphTest(name, double.NaN, columns[t].Length, double.NaN)).ToArray(),
            new CoxZphTest("GLOBAL", double.NaN, columns.Sum(c => c.Length), double.NaN), warning);
}
