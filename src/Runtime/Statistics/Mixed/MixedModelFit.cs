using System.Collections.Generic;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>A fitted linear mixed model, as <c>summary()</c> and <c>anova()</c> of an lmerTest fit show it.</summary>
/// <param name="Reml">True for REML, false for maximum likelihood.</param>
/// <param name="FixedEffects">β with Satterthwaite t-tests, in the order of the design's columns.</param>
/// <param name="FixedEffectsCovariance">σ² (R_Xᵀ R_X)⁻¹, row-major p × p (R's <c>vcov(fit)</c>); Kenward-Roger's Φ_A under <see cref="DegreesOfFreedomMethod.KenwardRoger"/>.</param>
/// <param name="RandomEffects">Standard deviations of the random effects (R's <c>VarCorr</c>).</param>
/// <param name="Correlation">Correlation of random intercept and slope; null with one random effect or when undefined.</param>
/// <param name="Theta">Relative covariance parameters θ (R's <c>getME(fit, "theta")</c>).</param>
/// <param name="Sigma">Residual standard deviation σ.</param>
/// <param name="Criterion">The REML criterion (REML fits) or the deviance −2 logLik (ML fits).</param>
/// <param name="LogLikelihood">The (restricted, for REML) log-likelihood, R's <c>logLik(fit)</c>.</param>
/// <param name="Parameters">β, θ and σ counted: the df of <c>logLik</c>.</param>
/// <param name="TypeIII">F tests of each term, lmerTest's <c>anova(fit)</c> (type III, Satterthwaite).</param>
/// <param name="MarginalMeans">x'β at each row of the means grid asked for, with Satterthwaite df and 95% CI; empty without a grid.</param>
/// <param name="Warnings">e.g. "boundary (singular) fit", as lme4 words it.</param>
/// <param name="NotEstimable">Columns of X that lme4 drops as aliased (rank-deficient design), in X's order; their coefficients are not estimable.</param>
public sealed record MixedModelFit(
    bool Reml,
    int Observations,
    int Subjects,
    IReadOnlyList<FixedEffect> FixedEffects,
    IReadOnlyList<double> FixedEffectsCovariance,
    IReadOnlyList<RandomEffectSd> RandomEffects,
    double? Correlation,
    IReadOnlyList<double> Theta,
    double Sigma,
    double Criterion,
    double LogLikelihood,
    int Parameters,
    double Aic,
    double Bic,
    bool Singular,
    MixedModelConvergence Convergence,
    IReadOnlyList<TermFTest> TypeIII,
    IReadOnlyList<MarginalMean> MarginalMeans,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> NotEstimable)
{
    /// <summary>Sequential F tests of each term in the design's order, lmerTest's <c>anova(fit, type = 1)</c> (Satterthwaite; <see cref="TypeIContrasts"/>).</summary>
    public IReadOnlyList<TermFTest> TypeI { get; init; } = [];

    /// <summary>Any ℓ'β over the full design's columns with its SE and df (lmerTest's <c>contest1D</c>), for means and contrasts; null only for a fit built elsewhere.</summary>
    public IContrastEstimator? Contrasts { get; init; }

    /// <summary>The df method of every test; under Kenward-Roger <see cref="FixedEffectsCovariance"/> and every SE are the adjusted Φ_A (pbkrtest's <c>vcovAdj</c>).</summary>
    public DegreesOfFreedomMethod DegreesOfFreedom { get; init; }
}

/// <summary>
/// Where to estimate cell means: rows x over the fit's columns (named as X's columns), one per
/// cell, and a label per row. <see cref="ReferenceGrid"/> builds emmeans' grid.
/// </summary>
public sealed class MeansGrid
{
    public MeansGrid(FixedEffectsDesign rows, IReadOnlyList<string> labels)
        : this((rows ?? throw new System.ArgumentNullException(nameof(rows))).ColumnNames, rows.X, labels)
    {
    }

    /// <param name="x">Row-major, <paramref name="labels"/>.Count × <paramref name="columnNames"/>.Count.</param>
    public MeansGrid(IReadOnlyList<string> columnNames, double[] x, IReadOnlyList<string> labels)
    {
        ColumnNames = columnNames ?? throw new System.ArgumentNullException(nameof(columnNames));
        X = x ?? throw new System.ArgumentNullException(nameof(x));
        Labels = labels ?? throw new System.ArgumentNullException(nameof(labels));
        if (x.Length != labels.Count * columnNames.Count)
        {
            throw new System.ArgumentException("The grid needs one row of every column per label.", nameof(x));
        }
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public double[] X { get; }

    public IReadOnlyList<string> Labels { get; }

    public int Rows => Labels.Count;
}

/// <summary>An estimated cell mean x'β with SE, Satterthwaite df and 95% CI (lmerTest's <c>contest1D(confint = TRUE)</c>); all NaN when x'β is not estimable (emmeans' "nonEst").</summary>
public sealed record MarginalMean(string Label, double Estimate, double StandardError, double DegreesOfFreedom, double Lower, double Upper);

/// <summary>One fixed effect: estimate, SE and the Satterthwaite t-test (lmerTest's <c>summary</c>).</summary>
public sealed record FixedEffect(string Name, double Estimate, double StandardError, double DegreesOfFreedom, double T, double PValue);

/// <summary>A random effect's standard deviation; <see cref="Name"/> is "(Intercept)" or the slope's variable.</summary>
public sealed record RandomEffectSd(string Name, double Variance, double StandardDeviation);

/// <summary>A term's F test (type III hypotheses, Satterthwaite denominator df).</summary>
public sealed record TermFTest(string Term, int NumeratorDf, double DenominatorDf, double F, double PValue);

/// <summary>How the optimiser ended.</summary>
/// <param name="Evaluations">Deviance evaluations (Nelder-Mead and Newton).</param>
/// <param name="Gradient">Largest absolute gradient of the criterion in θ at the end (numeric).</param>
public sealed record MixedModelConvergence(bool Converged, int Evaluations, int NewtonSteps, double Gradient, string Message);
