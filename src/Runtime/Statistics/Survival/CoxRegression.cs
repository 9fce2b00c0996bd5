using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Cox proportional-hazards regression, as R's <c>survival::coxph</c>.</summary>
public static class CoxRegression
{
    /// <summary>coxph.control()$eps: relative change in the log-likelihood that ends the iteration.</summary>
    public const double ConvergenceTolerance = 1e-9;

    /// <summary>coxph.control()$iter.max.</summary>
    public const int MaxIterations = 20;

    /// <summary>coxph.control()$toler.chol: pivot tolerance, relative to the largest diagonal element.</summary>
    internal const double CholeskyTolerance = 1.8189894035458565e-12; // .Machine$double.eps^0.75

    /// <summary>coxph.control()$toler.inf = sqrt(eps): the test for a coefficient that may be infinite.</summary>
    internal const double InfiniteTolerance = 3.1622776601683795e-05;

    /// <summary>R's qnorm(0.975).</summary>
    internal const double Z975 = 1.959963984540054;

    /// <summary>
    /// Fits a Cox model by Newton-Raphson with step-halving, as <c>coxph</c> does.
    /// </summary>
    /// <param name="columns">The design matrix by column: p arrays of n values, complete (no NaN).
    /// Categorical covariates arrive as treatment-contrast indicator columns (see <see cref="CoxDesign"/>).</param>
    /// <param name="names">One name per column.</param>
    /// <param name="time">Follow-up time per row (finite).</param>
    /// <param name="status">1 = event, 0 = censored.</param>
    /// <param name="strata">Stratum code per row, or empty for one stratum; each stratum has its own baseline hazard.</param>
    /// <param name="ties">Efron (R's default), Breslow or the exact partial likelihood.</param>
    /// <remarks>
    /// <para>Model: the hazard of subject i in stratum s is h_s(t) exp(x_i'β) (Cox 1972, J R Stat
    /// Soc B 34:187-220). β maximises the log partial likelihood (see <see cref="CoxRiskSets"/>
    /// for the Breslow 1974 and Efron 1977 forms) by Newton-Raphson from β = 0: each step solves
    /// I(β) δ = U(β). When the log-likelihood decreases (or overflows), the step is pulled back
    /// towards the last good β — by 1/2, then 2/3, 3/4, ... — as R's coxfit6.c does. Iteration
    /// stops when |1 − L_best / L_new| ≤ 1e-9, or after 20 iterations (coxph.control defaults).</para>
    /// <para>Exact ties (<see cref="CoxExactRiskSets"/>) follow R's <c>coxexact.c</c> (survival 3.5), whose loop
    /// differs in three details: a failed step is halved towards the last good β (1/2, 1/4, 1/8, ...); a
    /// halved step cannot end the iteration; and the 20th evaluation is not followed by a step, so an
    /// exhausted fit is the last good β of 19 steps (as R's coefficients and log-likelihood). There R's
    /// <c>fit$var</c> is not the inverse information (it inverts a matrix it has not decomposed); here it
    /// is, at the returned β. A converged fit is the same Newton-Raphson maximum either way.</para>
    /// <para>SE: square roots of the diagonal of I(β̂)⁻¹. Tests (Therneau &amp; Grambsch 2000, Modeling
    /// Survival Data, section 3.4): likelihood ratio 2(L(β̂) − L(0)); Wald β̂' I(β̂) β̂; score
    /// U(0)' I(0)⁻¹ U(0), the log-rank test when the only covariate is a group factor; each
    /// chi-square with df = number of estimated coefficients.</para>
    /// <para>Monotone likelihood (e.g. a level with no events): the likelihood converges while β
    /// drifts; as coxph, a coefficient is flagged when |U' V|_j &gt; eps and &gt; sqrt(eps)·|β_j|, and a
    /// warning says it may be infinite. Aliased columns (constant or collinear) get NaN.</para>
    /// <para>Cost: one O(n log n) sort, then O(n·p² + p³) per iteration (exact ties: O(n·D·p² + p³), D the
    /// most events tied at one time in a stratum); concordance O(n log n).</para>
    /// </remarks>
    public static CoxFit Fit(
        IReadOnlyList<double[]> columns,
        IReadOnlyList<string> names,
        ReadOnlySpan<double> time,
        ReadOnlySpan<int> status,
        ReadOnlySpan<int> strata,
        CoxTies ties = CoxTies.Efron) =>
        Fit(columns, names, time, status, strata, ties, default);

    /// <summary>As the public <c>Fit</c>, with the times' ranks when the run has sorted them already (<see cref="CoxTimeOrder"/>).</summary>
    internal static CoxFit Fit(
        IReadOnlyList<double[]> columns,
        IReadOnlyList<string> names,
        ReadOnlySpan<double> time,
        ReadOnlySpan<int> status,
        ReadOnlySpan<int> strata,
        CoxTies ties,
        CoxTimeOrder timeOrder)
    {
        CoxRiskSets data = RiskSets(columns, names, time, status, strata, timeOrder);
        return Fit(data, names, StrataCount(strata), ties);
    }

    /// <summary>The checked input sorted into risk sets (the first half of <c>Fit</c>); the columns are not read afterwards.</summary>
    internal static CoxRiskSets RiskSets(IReadOnlyList<double[]> columns, IReadOnlyList<string> names, ReadOnlySpan<double> time,
        ReadOnlySpan<int> status, ReadOnlySpan<int> strata, CoxTimeOrder timeOrder)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(names);
        Validate(columns, names, time, status, strata);
        return new CoxRiskSets(columns.ToArray(), time, status, strata, timeOrder);
    }

    internal static int StrataCount(ReadOnlySpan<int> strata) => strata.IsEmpty ? 1 : strata.ToArray().Distinct().Count();

    /// <summary>The fit on risk sets already built (<see cref="RiskSets"/>), <paramref name="strataCount"/> strata.</summary>
    internal static CoxFit Fit(CoxRiskSets data, IReadOnlyList<string> names, int strataCount, CoxTies ties)
    {
        bool efron = ties == CoxTies.Efron;
        CoxExactRiskSets? exactSets = ties == CoxTies.Exact ? new CoxExactRiskSets(data) : null;
        double Evaluate(double[] b, double[] score, double[,] information) =>
            exactSets?.Evaluate(b, score, information) ?? data.Evaluate(b, score, information, efron);
        (CoxFit fit, double[] beta) = CoxNewtonRaphson.Fit(Evaluate, names, data.Count, data.Events, strataCount, ties);
        if (data.Events == 0)
        {
            return fit;
        }

        // Nothing reads the risk sets' covariates after the fit (cox.zph builds its own): the scores are computed once more
        // and the covariates let go before the concordance allocates its n-sized counts (docs/performance.md, Session 14).
        double[] eta = data.ScoresReleasingCovariates(beta);
        (double concordance, double concordanceSe) = CoxConcordance.FromScores(data, eta);
        return fit with { Concordance = concordance, ConcordanceStandardError = concordanceSe };
    }

    private static void Validate(IReadOnlyList<double[]> columns, IReadOnlyList<string> names, ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> strata)
    {
        int n = time.Length;
        if (names.Count != columns.Count)
        {
            throw new ArgumentException($"{columns.Count} columns but {names.Count} names.", nameof(names));
        }

        if (status.Length != n || (!strata.IsEmpty && strata.Length != n) || columns.Any(c => c.Length != n))
        {
            throw new ArgumentException("Time, status, strata and every column must have one value per row.", nameof(time));
        }

        // Column by column (one sequential pass each); the first incomplete row is the one named.
        int firstBad = n;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(time[i]) || status[i] is not (0 or 1))
            {
                firstBad = i;
                break;
            }
        }

        for (int j = 0; j < columns.Count; j++)
        {
            double[] column = columns[j];
            for (int i = 0; i < firstBad; i++)
            {
                if (!double.IsFinite(column[i]))
                {
                    firstBad = i;
                    break;
                }
            }
        }

        if (firstBad < n)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Row {firstBad} is incomplete: the kernel needs finite times and covariates and status 0 or 1 (drop missing rows first, as CoxDesign does)."), nameof(time));
        }
    }
}
