using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>A fitted linear model, as <c>summary(lm(...))</c> with <c>confint</c>, <c>AIC</c>, <c>BIC</c> and an ANOVA table; NaN is null.</summary>
/// <param name="Response">The response as fitted (<c>log(ck)</c> for a log-transformed one).</param>
/// <param name="N">Subjects in the fit (complete cases).</param>
/// <param name="Excluded">Subjects left out for a missing response or term value (or a non-positive response under log).</param>
/// <param name="Robust">"HC0" to "HC3" when the SEs, t, p and CIs are <c>sandwich::vcovHC</c>'s; null for the classical ones.</param>
/// <param name="Rank">Estimated (non-aliased) coefficients, the intercept included.</param>
/// <param name="ResidualStandardError">R's <c>sigma(fit)</c>, on <paramref name="DegreesOfFreedom"/> df.</param>
/// <param name="DegreesOfFreedom">Residual df, n − rank.</param>
/// <param name="F">The overall F test of every term against the intercept-only model (classical, also with robust SEs).</param>
/// <param name="Means">Estimated marginal means and their contrasts (R emmeans), when asked for; null otherwise.</param>
/// <param name="LogLikelihood">R's <c>logLik(fit)</c>; AIC and BIC count rank + 1 parameters, as R's <c>AIC</c>/<c>BIC</c>.</param>
public sealed record LinearModelResult(
    string Response,
    int N,
    int Excluded,
    string? Robust,
    int Rank,
    IReadOnlyList<LinearTermResult> Coefficients,
    double ResidualStandardError,
    int DegreesOfFreedom,
    double RSquared,
    double AdjustedRSquared,
    LinearFTest F,
    double LogLikelihood,
    double Aic,
    double Bic,
    LinearAnovaResult? Anova,
    LinearMeansResult? Means = null)
{
    /// <summary>For a model fitted in an engine: its queries, what came back, and what an engine fit cannot give; null in memory.</summary>
    public CoxEngineResult? Engine { get; init; }
}

/// <summary>One coefficient (a model-matrix column).</summary>
/// <param name="Term">R's column name (<c>suppVC:factor(dose)2</c>).</param>
/// <param name="Label">For a reader: "Supplement: VC vs OJ", "Baseline score (per 1 points)".</param>
/// <param name="Status">"ok", or "aliased" (a combination of earlier columns; R's NA: no numbers).</param>
public sealed record LinearTermResult(
    string Term,
    string Label,
    string Status,
    double Estimate,
    double StandardError,
    double T,
    double PValue,
    double Low,
    double High);

/// <summary>R's <c>summary(fit)$fstatistic</c> with its p-value.</summary>
public sealed record LinearFTest(double Statistic, int NumeratorDegreesOfFreedom, int DenominatorDegreesOfFreedom, double PValue);

/// <summary>An ANOVA table of a linear model.</summary>
/// <param name="Type">"I" (R <c>anova</c>), "II" or "III" (<c>car::Anova(type = )</c>).</param>
/// <param name="Contrasts">The coding the sums of squares were computed under: "treatment", or "sum" for type III.</param>
public sealed record LinearAnovaResult(string Type, string Contrasts, IReadOnlyList<LinearAnovaRow> Rows);

/// <summary>One row; "Residuals" is last and has null F and p.</summary>
public sealed record LinearAnovaRow(string Term, int DegreesOfFreedom, double SumOfSquares, double MeanSquare, double F, double PValue);
