using System;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// What R derives from a fitted Cox model for a reader: <c>vcov(fit)</c>, <c>AIC(fit)</c> and <c>BIC(fit)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The partial likelihood is treated as a likelihood with df = the number of estimated (not aliased)
/// coefficients: AIC = −2 log L(β̂) + 2 df (Akaike 1974) and BIC = −2 log L(β̂) + log(d) df (Schwarz
/// 1978) with d the number of events, not subjects: survival's <c>logLik.coxph</c> sets
/// <c>nobs</c> to <c>fit$nevent</c> (Volinsky and Raftery 2000, Biometrics 56:256, argue for the
/// events as the effective sample size of a censored likelihood). Undefined (NaN) without events.
/// </para>
/// <para>
/// <c>vcov(fit)</c> is the inverse information at β̂ (<c>fit$var</c>) with NA rows and columns for
/// aliased coefficients (<c>vcov.coxph(complete = TRUE)</c>, R's default). O(p²).
/// </para>
/// </remarks>
public static class CoxModelSummary
{
    /// <summary>Coefficients that count as parameters: every column that is not aliased.</summary>
    public static int Parameters(CoxFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return fit.Coefficients.Count(c => !c.Aliased);
    }

    /// <summary>R's <c>AIC(fit)</c>: −2 log L + 2 df; NaN without events.</summary>
    public static double Aic(CoxFit fit) =>
        fit is { Events: > 0 } ? (-2 * fit.LogLikelihood) + (2.0 * Parameters(fit)) : double.NaN;

    /// <summary>R's <c>BIC(fit)</c>: −2 log L + log(events) df; NaN without events.</summary>
    public static double Bic(CoxFit fit) =>
        fit is { Events: > 0 } ? (-2 * fit.LogLikelihood) + (Math.Log(fit.Events) * Parameters(fit)) : double.NaN;

    /// <summary>R's <c>vcov(fit)</c>, row by row in the coefficients' order; NaN (NA) in aliased rows and columns.</summary>
    public static double[][] VarianceCovariance(CoxFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        int p = fit.Coefficients.Count;
        var rows = new double[p][];
        for (int i = 0; i < p; i++)
        {
            rows[i] = new double[p];
            for (int j = 0; j < p; j++)
            {
                bool aliased = fit.Coefficients[i].Aliased || fit.Coefficients[j].Aliased;
                rows[i][j] = aliased || i >= fit.Variance.GetLength(0) || j >= fit.Variance.GetLength(1) ? double.NaN : fit.Variance[i, j];
            }
        }

        return rows;
    }
}
