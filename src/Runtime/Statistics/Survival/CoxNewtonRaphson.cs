using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// The Newton-Raphson iteration of a Cox fit and its inference, whatever evaluates the partial likelihood: the sorted
/// rows in memory (<see cref="CoxRiskSets"/>, <see cref="CoxExactRiskSets"/>) or one GROUP BY query per iteration in an
/// engine (<c>Sql.SqlCox</c>). Both paths end in this code, so they give the same fit record from the same sums.
/// </summary>
/// <remarks>The rule is R survival's <c>coxfit6.c</c> (and <c>coxexact.c</c> for exact ties), described at
/// <see cref="CoxRegression.Fit"/>. O(p³) per iteration besides the evaluation.</remarks>
internal static class CoxNewtonRaphson
{
    /// <summary>Evaluates the log partial likelihood at β, filling the score (p) and the information (p × p).</summary>
    public delegate double Evaluator(double[] beta, double[] score, double[,] information);

    /// <summary>
    /// Fits from β = 0. The fit's concordance is NaN: it needs the subjects' linear predictors, which the caller adds
    /// when it has them. Returns the estimate too (unchanged when there are no events).
    /// </summary>
    /// <param name="n">Subjects in the fit.</param>
    /// <param name="events">Events among them; without any, every number is NaN and <paramref name="evaluate"/> is not called.</param>
    public static (CoxFit Fit, double[] Beta) Fit(Evaluator evaluate, IReadOnlyList<string> names, int n, int events, int strataCount, CoxTies ties)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(names);
        int p = names.Count;
        bool exact = ties == CoxTies.Exact;
        var warnings = new List<string>();
        if (events == 0)
        {
            return (NoEvents(names, n, ties, strataCount), new double[p]);
        }

        var beta = new double[p];
        var u = new double[p];
        var imat = new double[p, p];
        double loglik0 = evaluate(beta, u, imat);
        var step = (double[])u.Clone();
        CoxCholesky chol = CoxCholesky.Decompose(imat, CoxRegression.CholeskyTolerance);
        chol.Solve(step);
        double scoreTest = Dot(u, step);

        var newBeta = new double[p];
        for (int i = 0; i < p; i++)
        {
            newBeta[i] = beta[i] + step[i];
        }

        double best = loglik0;
        double loglik = loglik0;
        int halving = 0;
        bool converged = false;
        int iteration;
        for (iteration = 1; iteration <= CoxRegression.MaxIterations; iteration++)
        {
            double newLoglik = evaluate(newBeta, u, imat);
            chol = CoxCholesky.Decompose(imat, CoxRegression.CholeskyTolerance);
            bool finite = double.IsFinite(newLoglik) && u.All(double.IsFinite) && imat.Cast<double>().All(double.IsFinite);
            if (finite && Math.Abs(1 - (best / newLoglik)) <= CoxRegression.ConvergenceTolerance && !(exact && halving > 0))
            {
                loglik = newLoglik;
                Array.Copy(newBeta, beta, p);
                converged = true;
                break;
            }

            if (exact && iteration == CoxRegression.MaxIterations)
            {
                // coxexact.c does not take the last step: the fit is the last good β, evaluated again below.
                break;
            }

            if (!finite || newLoglik < best)
            {
                halving++;
                for (int i = 0; i < p; i++)
                {
                    newBeta[i] = exact ? (newBeta[i] + beta[i]) / 2 : (newBeta[i] + (halving * beta[i])) / (halving + 1.0);
                }
            }
            else
            {
                halving = 0;
                best = newLoglik;
                chol.Solve(u);
                for (int i = 0; i < p; i++)
                {
                    beta[i] = newBeta[i];
                    newBeta[i] += u[i];
                }
            }
        }

        if (!converged)
        {
            iteration = CoxRegression.MaxIterations;
            loglik = evaluate(beta, u, imat);
            chol = CoxCholesky.Decompose(imat, CoxRegression.CholeskyTolerance);

            warnings.Add("Ran out of iterations and did not converge");
        }

        double[,] variance = chol.Inverse();
        bool[] aliased = Enumerable.Range(0, p).Select(i => chol.Rank < p && variance[i, i] == 0).ToArray();
        bool[] infinite = PossiblyInfinite(u, variance, beta, converged);
        if (infinite.Any(f => f))
        {
            warnings.Add("Loglik converged before variable " + string.Join(",", Enumerable.Range(0, p).Where(i => infinite[i]).Select(i => names[i]))
                + "; coefficient may be infinite");
        }

        if (aliased.Any(a => a))
        {
            warnings.Add("X matrix deemed to be singular; variable " + string.Join(",", Enumerable.Range(0, p).Where(i => aliased[i]).Select(i => names[i]))
                + " has no coefficient (constant or collinear)");
        }

        var coefficients = new CoxCoefficient[p];
        for (int i = 0; i < p; i++)
        {
            coefficients[i] = aliased[i]
                ? new CoxCoefficient(names[i], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, true, false)
                : CoxInference.Coefficient(names[i], beta[i], Math.Sqrt(variance[i, i]), infinite[i]);
        }

        int df = aliased.Count(a => !a);
        var fit = new CoxFit(
            ties,
            n,
            events,
            strataCount,
            iteration,
            converged,
            coefficients,
            loglik0,
            loglik,
            CoxInference.ChiSquare("likelihood ratio", 2 * (loglik - loglik0), df),
            CoxInference.ChiSquare("Wald", CoxInference.WaldStatistic(variance, beta, aliased), df),
            CoxInference.ChiSquare("score (log-rank)", scoreTest, df),
            double.NaN,
            double.NaN,
            variance,
            warnings);
        return (fit, beta);
    }


    /// <summary>Without events there is no partial likelihood to maximise: every number is NaN.</summary>
    private static CoxFit NoEvents(IReadOnlyList<string> names, int n, CoxTies ties, int strata)
    {
        var coefficients = names.Select(n => new CoxCoefficient(n, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, true, false)).ToArray();
        var undefined = new CoxGlobalTest[] { new("likelihood ratio", double.NaN, 0, double.NaN), new("Wald", double.NaN, 0, double.NaN), new("score (log-rank)", double.NaN, 0, double.NaN) };
        int p = names.Count;
        var variance = new double[p, p];
        return new CoxFit(ties, n, 0, strata, 0, false, coefficients, 0, 0, undefined[0], undefined[1], undefined[2], double.NaN, double.NaN, variance,
            new[] { "there are no events: the Cox model cannot be fitted" });
    }

    /// <summary>coxph.fit's check: |U' V|_j &gt; eps and &gt; toler.inf · |β_j|, or a non-finite score.</summary>
    private static bool[] PossiblyInfinite(double[] u, double[,] variance, double[] beta, bool converged)
    {
        int p = beta.Length;
        var flags = new bool[p];
        if (!converged)
        {
            return flags;
        }

        for (int j = 0; j < p; j++)
        {
            double infs = 0;
            for (int i = 0; i < p; i++)
            {
                infs += u[i] * variance[i, j];
            }

            infs = Math.Abs(infs);
            flags[j] = !double.IsFinite(u[j]) || (infs > CoxRegression.ConvergenceTolerance && infs > CoxRegression.InfiniteTolerance * Math.Abs(beta[j]));
        }

        return flags;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

}
