using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Tests of contrasts of β̂ with approximate denominator df: <see cref="Satterthwaite"/> or <see cref="KenwardRoger"/>.
/// The fit's t-tests, type III F tests, means and contrasts all go through one of these.
/// </summary>
internal interface IFixedEffectsInference
{
    /// <summary>The covariance of β̂ that SEs use: (Xᵀ V̂⁻¹ X)⁻¹, or Kenward-Roger's adjusted Φ_A.</summary>
    Matrix<double> BetaCovariance { get; }

    /// <summary>Variance lᵀ C l (C = <see cref="BetaCovariance"/>) and the df of one contrast.</summary>
    (double Variance, double Df) Contrast(Vector<double> l);

    /// <summary>The F test of L β = 0 for a full-row-rank L.</summary>
    (double F, int NumDf, double DenDf) FTest(Matrix<double> l, Vector<double> beta);
}
