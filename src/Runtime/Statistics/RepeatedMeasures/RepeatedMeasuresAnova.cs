using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Linear;

namespace ProtocolLang.Runtime.Statistics.RepeatedMeasures;

/// <summary>
/// The univariate repeated-measures ANOVA of <c>afex::aov_ez(id, dv, data, between = , within = )</c>: type III sums
/// of squares under sum-to-zero contrasts for every effect of the full factorial of the between- and within-subject
/// factors, each within-subject stratum tested against its own error term, with generalized eta squared, Mauchly's
/// test and the Greenhouse-Geisser and Huynh-Feldt corrections (<see cref="Sphericity"/>).
/// </summary>
/// <remarks>
/// The multivariate linear model formulation car's <c>Anova.mlm</c> (Fox &amp; Weisberg 2019, <i>An R Companion to
/// Applied Regression</i>, 3rd ed., section 9.9; O'Brien &amp; Kaiser 1985, Psychol. Bull. 97, 316–333) uses: the n × K
/// responses Y (K cells) regressed on the between design X (n × q, full rank), B̂ = (X'X)⁻¹X'Y, residual SSP
/// E = (Y − XB̂)'(Y − XB̂) on ν = n − q df. For a within term with orthonormal contrast basis P (K × p; the between
/// stratum's P is 1/√K) and a between term with columns C (the intercept included), the hypothesis SSP is
/// H = (B̂_C P)' [(X'X)⁻¹_CC]⁻¹ (B̂_C P) (type III: each term's coefficients tested given all others) and the stratum's
/// error SSP is S = P'EP. The univariate test of the effect "between term × within term" is
/// F = (tr H / (df_C p)) / (tr S / (ν p)) on (df_C p, ν p) df (Huynh &amp; Feldt 1976; car's "univariate" tests), which
/// for a balanced design equals the classical split-plot ANOVA. Generalized eta squared (Olejnik &amp; Algina 2003,
/// Psychol. Methods 8, 434–447; Bakeman 2005, Behav. Res. Methods 37, 379–384) with every factor manipulated:
/// SS / (SS + Σ error SS of every stratum), as afex's <c>es = "ges"</c>.
/// Complexity: O(n q² + n K²) for the fit, then O(K³) per stratum.
/// </remarks>
public static class RepeatedMeasuresAnova
{
    /// <exception cref="RmAnovaException">A factor with fewer than two levels, an empty between cell, or no residual df.</exception>
    public static RmAnovaFit Fit(RepeatedMeasuresInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Check(input);
        int n = input.Subjects, k = input.Cells;
        IReadOnlyList<int[]> betweenTerms = RmAnovaDesign.Terms(input.Between.Count);
        IReadOnlyList<int[]> withinTerms = RmAnovaDesign.Terms(input.Within.Count);
        (Matrix<double> x, int[][] columns) = RmAnovaDesign.Between(input, betweenTerms);
        int q = x.ColumnCount;
        int residualDf = n - q;
        if (residualDf < 1)
        {
            throw new RmAnovaException(RmAnovaProblem.NoResidualDf, string.Create(CultureInfo.InvariantCulture,
                $"{n} complete subjects for {q} between-subject cell means leave no residual df"));
        }

        var y = Matrix<double>.Build.Dense(n, k, (s, c) => input.Y[(s * k) + c]);
        var xtx = x.TransposeThisAndMultiply(x);
        Matrix<double> xtxInverse = xtx.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(q));
        Matrix<double> beta = xtxInverse * x.TransposeThisAndMultiply(y);
        Matrix<double> residual = y - (x * beta);
        Matrix<double> e = residual.TransposeThisAndMultiply(residual);

        var strata = new List<(int[] Term, Matrix<double> P, Matrix<double> S)>();
        foreach (int[] term in withinTerms)
        {
            Matrix<double> p = RmAnovaDesign.Within(input.Within, term);
            strata.Add((term, p, p.TransposeThisAndMultiply(e) * p));
        }

        // afex's ges denominator: the error SS of every stratum (its sum over unique(Error SS)).
        double errorTotal = strata.Sum(s => s.S.Trace());
        var rows = new List<RmAnovaEffect>();
        var singular = new List<string>();
        var capped = new List<string>();
        foreach ((int[] withinTerm, Matrix<double> p, Matrix<double> s) in strata)
        {
            int dim = p.ColumnCount;
            double errorSs = s.Trace();
            double errorDf = residualDf * (double)dim;
            string withinName = string.Join(":", withinTerm.Select(f => input.Within[f].Name));
            SphericityTest? sphericity = null;
            if (dim >= 2)
            {
                if (residualDf < dim || !(s.Determinant() > 0))
                {
                    singular.Add(withinName);
                }
                else
                {
                    double gg = Sphericity.GreenhouseGeisser(s);
                    double hf = Sphericity.HuynhFeldt(gg, dim, residualDf);
                    (double w, double pw) = Sphericity.Mauchly(s, residualDf, k);
                    sphericity = new SphericityTest(w, pw, gg, hf);
                    if (hf > 1)
                    {
                        capped.Add(withinName);
                    }
                }
            }

            Matrix<double> betaP = beta * p;
            for (int b = 0; b < betweenTerms.Count; b++)
            {
                int[] c = columns[b];
                Matrix<double> bc = Matrix<double>.Build.DenseOfRowVectors(c.Select(betaP.Row));
                Matrix<double> acc = Matrix<double>.Build.Dense(c.Length, c.Length, (i, j) => xtxInverse[c[i], c[j]]);
                double ss = (bc.TransposeThisAndMultiply(acc.Cholesky().Solve(bc))).Trace();
                double df = c.Length * (double)dim;
                double f = ss / df / (errorSs / errorDf);
                double pValue = LinearModelFit.UpperF(f, df, errorDf);
                string name = string.Join(":", betweenTerms[b].Select(i => input.Between[i].Name).Append(withinName).Where(t => t.Length > 0));
                rows.Add(new RmAnovaEffect(
                    name.Length == 0 ? "(Intercept)" : name, withinTerm.Length > 0, ss, df, errorSs, errorDf, f, pValue,
                    ss / (ss + errorTotal), sphericity,
                    Corrected(sphericity?.GgEpsilon, f, df, errorDf),
                    Corrected(sphericity is null ? null : Math.Min(1, sphericity.HfEpsilon), f, df, errorDf)));
            }
        }

        return new RmAnovaFit(n, residualDf, rows[0], rows.Skip(1).ToArray(), singular, capped);
    }

    private static CorrectedTest Corrected(double? epsilon, double f, double df, double errorDf)
    {
        if (epsilon is not { } eps)
        {
            return new CorrectedTest(double.NaN, df, errorDf, LinearModelFit.UpperF(f, df, errorDf));
        }

        return new CorrectedTest(eps, eps * df, eps * errorDf, LinearModelFit.UpperF(f, eps * df, eps * errorDf));
    }

    private static void Check(RepeatedMeasuresInput input)
    {
        foreach (RmFactor factor in input.Within.Concat(input.Between))
        {
            if (factor.Levels.Count < 2)
            {
                throw new RmAnovaException(RmAnovaProblem.OneLevel, string.Create(CultureInfo.InvariantCulture,
                    $"'{factor.Name}' has {factor.Levels.Count} level{(factor.Levels.Count == 1 ? string.Empty : "s")} ({string.Join(", ", factor.Levels)}); a factor needs at least two"));
            }
        }

        if (input.Between.Count == 0)
        {
            return;
        }

        // The full factorial with sum-to-zero contrasts has full rank exactly when every between cell has a subject.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int s = 0; s < input.Subjects; s++)
        {
            seen.Add(string.Join("\u0001", input.BetweenCodes.Select(c => c[s].ToString(CultureInfo.InvariantCulture))));
        }

        foreach (int[] cell in Cartesian(input.Between.Select(f => f.Levels.Count).ToArray()))
        {
            if (!seen.Contains(string.Join("\u0001", cell.Select(c => c.ToString(CultureInfo.InvariantCulture)))))
            {
                string name = string.Join(", ", cell.Select((level, f) => input.Between[f].Name + " = " + input.Between[f].Levels[level]));
                throw new RmAnovaException(RmAnovaProblem.EmptyCell, $"no complete subject has {name}; type III sums of squares need every between-subject cell");
            }
        }
    }

    private static IEnumerable<int[]> Cartesian(int[] counts)
    {
        var current = new int[counts.Length];
        while (true)
        {
            yield return (int[])current.Clone();
            int f = counts.Length - 1;
            while (f >= 0 && ++current[f] == counts[f])
            {
                current[f--] = 0;
            }

            if (f < 0)
            {
                yield break;
            }
        }
    }
}

/// <summary>Why a repeated-measures ANOVA has no result for these data.</summary>
public enum RmAnovaProblem
{
    /// <summary>A within- or between-subject factor with fewer than two levels among the complete subjects.</summary>
    OneLevel,

    /// <summary>A between-subject cell without a complete subject (X is rank deficient).</summary>
    EmptyCell,

    /// <summary>No more complete subjects than between-subject cells.</summary>
    NoResidualDf,
}

/// <summary>The data do not determine a repeated-measures ANOVA; <see cref="Problem"/> says why.</summary>
public sealed class RmAnovaException(RmAnovaProblem problem, string message) : Exception(message)
{
    public RmAnovaProblem Problem { get; } = problem;
}
