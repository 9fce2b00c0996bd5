namespace ProtocolLang.Runtime.Statistics.Models;

/// <summary>
/// One linear combination ℓ'β of a fitted model's coefficients: the estimate, its standard error and the degrees of
/// freedom its t reference distribution uses (<see cref="double.PositiveInfinity"/> for an asymptotic z, as emmeans
/// reports for a GLM). NaN throughout when ℓ'β is not estimable. Every regression fit that serves estimated marginal
/// means (linear, GLM, mixed, MMRM) answers with this, so the means and contrasts layer is written once per model.
/// </summary>
public sealed record ContrastEstimate(double Estimate, double StandardError, double DegreesOfFreedom);

/// <summary>A fit that can estimate any ℓ'β over its <see cref="Columns"/> coefficients (in its design's column order).</summary>
public interface IContrastEstimator
{
    int Columns { get; }

    ContrastEstimate Estimate(System.Collections.Generic.IReadOnlyList<double> l);
}
