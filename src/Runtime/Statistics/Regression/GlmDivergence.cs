using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>
/// Finds the coefficients that diverge to ±∞ because the maximum-likelihood estimate does not exist:
/// complete or quasi-complete separation in a logistic model (Albert &amp; Anderson 1984, Biometrika
/// 71:1-10), a level or group without any event in a count model. R only warns when a fitted value is
/// within 10ε of the boundary, which a separated fit stopped by the deviance criterion often is not.
/// </summary>
/// <remarks>
/// The test: when some fitted value is near the boundary (a probability within 1e-6 of 0 or 1, a rate
/// below 1e-6), IRLS is continued for 10 more iterations without a convergence rule. Where the MLE
/// exists, the fit is at a fixed point and the coefficients do not move; where it does not, the
/// linear predictor of the boundary observations keeps growing by about one unit per iteration. A
/// coefficient whose contribution to the linear predictor, |Δβ_j|·max_i |x_ij|, changes by more than
/// 0.5 over those iterations is reported as diverging. Cost: 10 IRLS iterations, only when flagged.
/// </remarks>
internal static class GlmDivergence
{
    private const double NearBoundary = 1e-6;
    private const int ExtraIterations = 10;
    private const double Movement = 0.5;

    public static bool NearTheBoundary(GlmFamily family, double[] mu, double[] weights)
    {
        for (int i = 0; i < mu.Length; i++)
        {
            if (weights[i] > 0 && (mu[i] < NearBoundary || (family.Kind == GlmFamilyKind.Binomial && mu[i] > 1 - NearBoundary)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Indices of the diverging coefficients (empty when none moves).</summary>
    public static int[] Diverging(
        IReadOnlyList<double[]> columns, double[] y, double[] weights, double[] offset, GlmFamily family, GlmIrlsResult fit)
    {
        GlmIrlsResult further = GlmIrls.Fit(columns, y, weights, offset, family, fit.Eta, null, ExtraIterations, 0);
        if (further.Failure is not null)
        {
            return Array.Empty<int>();
        }

        var moving = new List<int>();
        for (int j = 0; j < columns.Count; j++)
        {
            if (fit.Aliased[j])
            {
                continue;
            }

            double scale = 0;
            foreach (double v in columns[j])
            {
                scale = Math.Max(scale, Math.Abs(v));
            }

            if (Math.Abs(further.Coefficients[j] - fit.Coefficients[j]) * scale > Movement)
            {
                moving.Add(j);
            }
        }

        return moving.ToArray();
    }
}
