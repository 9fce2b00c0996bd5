using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>
/// A fitted MMRM, as R's <c>summary(mmrm(...))</c> shows it: β with Satterthwaite t-tests, the
/// within-subject covariance Σ, the REML log-likelihood, AIC and BIC. Any ℓ'β over the design's
/// columns (aliased ones included) is estimated with its Satterthwaite df (<see cref="Estimate"/>).
/// </summary>
public sealed class MmrmFit : IContrastEstimator
{
    private readonly IFixedEffectsInference _inference;
    private readonly FixedEffectsContrasts _contrasts;

    internal MmrmFit(
        MmrmCovarianceKind structure, MmrmInput input, IReadOnlyList<FixedEffect> fixedEffects, double[] covariance,
        double[] sigma, double[] theta, double criterion, MmrmConvergence convergence, IReadOnlyList<string> warnings,
        IReadOnlyList<string> notEstimable, IFixedEffectsInference inference, int negativeEigenvalues, Estimability estimability, int columns)
    {
        Structure = structure;
        Observations = input.Response.Length;
        Subjects = input.Subjects;
        VisitNames = input.VisitNames;
        FixedEffects = fixedEffects;
        FixedEffectsCovariance = covariance;
        Sigma = sigma;
        Theta = theta;
        Criterion = criterion;
        Parameters = theta.Length;
        Convergence = convergence;
        Warnings = warnings;
        NotEstimable = notEstimable;
        Columns = columns;
        _inference = inference;
        NegativeEigenvalues = negativeEigenvalues;
        _contrasts = new FixedEffectsContrasts(inference, estimability, fixedEffects.Select(f => f.Estimate).ToArray(), columns);
    }

    public MmrmCovarianceKind Structure { get; }

    public int Observations { get; }

    public int Subjects { get; }

    public IReadOnlyList<string> VisitNames { get; }

    /// <summary>β with Satterthwaite t-tests, over the design's columns less the aliased ones.</summary>
    public IReadOnlyList<FixedEffect> FixedEffects { get; }

    /// <summary>(Xᵀ V̂⁻¹ X)⁻¹, row-major, over <see cref="FixedEffects"/> (R's <c>vcov(fit)</c>); Kenward-Roger's Φ_A under that method.</summary>
    public IReadOnlyList<double> FixedEffectsCovariance { get; }

    /// <summary>Σ̂ over the visits, row-major m × m (R's <c>VarCorr(fit)</c>).</summary>
    public IReadOnlyList<double> Sigma { get; }

    public IReadOnlyList<double> Theta { get; }

    /// <summary>−2 l_R at the optimum.</summary>
    public double Criterion { get; }

    public double LogLikelihood => -Criterion / 2;

    /// <summary>The covariance parameters, the k of AIC and BIC (β is not counted in a REML fit, as mmrm).</summary>
    public int Parameters { get; }

    /// <summary>−2 l_R + 2k (R's <c>AIC(fit)</c> for an mmrm fit).</summary>
    public double Aic => Criterion + (2 * Parameters);

    /// <summary>−2 l_R + k log(subjects), as mmrm counts the sample size.</summary>
    public double Bic => Criterion + (Parameters * Math.Log(Subjects));

    public MmrmConvergence Convergence { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Columns of X dropped as aliased, in X's order; their coefficients are not estimable.</summary>
    public IReadOnlyList<string> NotEstimable { get; }

    /// <summary>The design's columns, aliased ones included: the length of ℓ in <see cref="Estimate"/>.</summary>
    public int Columns { get; }

    /// <summary>Negative eigenvalues of the Hessian in θ: the fit is not at a minimum.</summary>
    public int NegativeEigenvalues { get; }

    /// <summary>The tests behind every SE and df, over the fitted (non-aliased) columns.</summary>
    internal IFixedEffectsInference Inference => _inference;

    /// <summary>The df method of every test; under Kenward-Roger <see cref="FixedEffectsCovariance"/> and every SE are Φ_A.</summary>
    public DegreesOfFreedomMethod DegreesOfFreedom { get; init; }

    /// <summary>Type III F tests of each term: SAS's type 3 hypotheses (lmerTest's contrasts), with the fit's multi-df Satterthwaite or Kenward-Roger df.</summary>
    public IReadOnlyList<TermFTest> TypeIII { get; init; } = [];

    /// <summary>ℓ'β with SE and df (mmrm's <c>df_1d(fit, l)</c>; Satterthwaite or Kenward-Roger); NaN when not estimable.</summary>
    public ContrastEstimate Estimate(IReadOnlyList<double> l) => _contrasts.Estimate(l);
}
