using System;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Per-coefficient Wald inference and the global chi-square tests of a Cox model.</summary>
/// <remarks>
/// z = β / SE with a two-sided normal p-value, 2 Φ(−|z|); the hazard ratio's 95% CI is
/// exp(β ± qnorm(0.975) · SE), as <c>summary.coxph</c> (Therneau &amp; Grambsch 2000, section 3.4).
/// Chi-square p-values use the regularised upper incomplete gamma function, which keeps tiny
/// p-values accurate (R's <c>pchisq(x, df, lower.tail = FALSE)</c>). The Wald statistic is
/// β' V⁻¹ β solved with the toleranced Cholesky, as R's <c>coxph.wtest</c>.
/// </remarks>
internal static class CoxInference
{
    public static CoxCoefficient Coefficient(string name, double beta, double se, bool possiblyInfinite)
    {
        double z = beta / se;
        double p = 2 * Normal.CDF(0, 1, -Math.Abs(z));
        return new CoxCoefficient(name, beta, Math.Exp(beta), se, z, p,
            Math.Exp(beta - (CoxRegression.Z975 * se)), Math.Exp(beta + (CoxRegression.Z975 * se)), false, possiblyInfinite);
    }

    public static CoxGlobalTest ChiSquare(string name, double statistic, int df)
    {
        double p = df <= 0 || double.IsNaN(statistic) ? double.NaN : SpecialFunctions.GammaUpperRegularized(df / 2.0, Math.Max(0, statistic) / 2);
        return new CoxGlobalTest(name, statistic, df, p);
    }

    /// <summary>β' V⁻¹ β over the estimated (non-aliased) coefficients.</summary>
    public static double WaldStatistic(double[,] variance, double[] beta, bool[] aliased)
    {
        int[] kept = Enumerable.Range(0, beta.Length).Where(i => !aliased[i]).ToArray();
        if (kept.Length == 0)
        {
            return double.NaN;
        }

        var v = new double[kept.Length, kept.Length];
        var b = new double[kept.Length];
        for (int i = 0; i < kept.Length; i++)
        {
            b[i] = beta[kept[i]];
            for (int j = 0; j < kept.Length; j++)
            {
                v[i, j] = variance[kept[i], kept[j]];
            }
        }

        var solved = (double[])b.Clone();
        CoxCholesky.Decompose(v, CoxRegression.CholeskyTolerance).Solve(solved);
        double sum = 0;
        for (int i = 0; i < b.Length; i++)
        {
            sum += b[i] * solved[i];
        }

        return sum;
    }
}
