using System;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.RepeatedMeasures;

/// <summary>
/// Mauchly's test of sphericity and the Greenhouse-Geisser and Huynh-Feldt epsilons of one within-subject stratum, from
/// its error SSP matrix S = P'EP (P orthonormal, p × p), as <c>car:::summary.Anova.mlm</c> computes them (which afex's
/// <c>summary</c> and <c>anova(correction = )</c> report).
/// </summary>
/// <remarks>
/// Greenhouse &amp; Geisser (1959, Psychometrika 24, 95–112): ε̂ = (Σλ)² / (p Σλ²) over the eigenvalues λ of S; Σλ = tr S and
/// Σλ² = tr S² (S symmetric), so no eigendecomposition is needed. Huynh &amp; Feldt (1976, J. Educ. Stat. 1, 69–82), in
/// the form car uses (Lecoutre's 1991 correction, N − g written as the error df ν + 1):
/// ε̃ = ((ν + 1) p ε̂ − 2) / (p (ν − p ε̂)); reported as computed, used capped at 1.
/// Mauchly (1940, Ann. Math. Stat. 11, 204–209): W = det S / (tr S / p)^p; −ν ρ log W is referred to χ² on
/// f = p(p + 1)/2 − 1 df with the second-order correction of Anderson (1958, <i>An Introduction to Multivariate
/// Statistical Analysis</i>, section 10.7): ρ = 1 − (2p² + p + 2)/(6pν), ω₂ = (p + 2)(p − 1)(p − 2)(2p³ + 6p² + 3p + 2)
/// / (288 (νpρ)²), P = P(χ²_f &gt; z) + ω₂ (P(χ²_{f+4} &gt; z) − P(χ²_f &gt; z)). car writes the "3p" of ω₂ with p the
/// number of within-subject cells rather than the stratum's dimension (R's own <c>mauchly.test</c> uses the dimension);
/// <see cref="Mauchly"/> takes that count as <c>cells</c> so the p-values equal afex's. The difference is in a
/// second-order term and vanishes for p ≤ 2.
/// </remarks>
internal static class Sphericity
{
    public static double GreenhouseGeisser(Matrix<double> s)
    {
        int p = s.RowCount;
        double trace = s.Trace();
        double traceOfSquare = s.PointwiseMultiply(s).Enumerate().Sum();
        return trace * trace / (p * traceOfSquare);
    }

    public static double HuynhFeldt(double gg, int p, int errorDf) =>
        (((errorDf + 1.0) * p * gg) - 2) / (p * (errorDf - (p * gg)));

    /// <param name="errorDf">ν, the residual df of the between-subject model.</param>
    /// <param name="cells">The number of within-subject cells (car's nrow(P)), for ω₂.</param>
    public static (double W, double P) Mauchly(Matrix<double> s, int errorDf, int cells)
    {
        int p = s.RowCount;
        double n = errorDf;
        double logW = Math.Log(s.Determinant()) - (p * Math.Log(s.Trace() / p));
        double rho = 1 - (((2.0 * p * p) + p + 2) / (6.0 * p * n));
        double w2 = (p + 2.0) * (p - 1) * (p - 2) * ((2.0 * p * p * p) + (6.0 * p * p) + (3.0 * cells) + 2)
            / (288 * Math.Pow(n * p * rho, 2));
        double z = -n * rho * logW;
        double f = (p * (p + 1) / 2.0) - 1;
        double pr1 = UpperChiSquare(z, f);
        double pr2 = UpperChiSquare(z, f + 4);
        return (Math.Exp(logW), pr1 + (w2 * (pr2 - pr1)));
    }

    private static double UpperChiSquare(double x, double df) =>
        x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
}
