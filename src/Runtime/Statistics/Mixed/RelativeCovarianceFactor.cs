using System;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The shape of a subject's q × q relative covariance factor Λ(θ) and where θ's entries go: lower triangular (one
/// random-effects term whose effects are correlated, <c>(1 + t | id)</c>: q(q + 1)/2 entries) or diagonal (independent
/// terms of the same grouping factor, <c>(1 | id) + (0 + t | id)</c>, lme4's <c>(t || id)</c>: q entries).
/// </summary>
/// <remarks>
/// θ is stored column by column, each column's entries from the diagonal down, as lme4 orders it (<c>getME(fit,
/// "theta")</c>): lower triangular Λ₁₁, Λ₂₁, Λ₂₂; diagonal Λ₁₁, Λ₂₂. Each column starts with its diagonal entry, which
/// lme4 bounds below by 0 (<c>getME(fit, "lower")</c>) and the others not. The random-effects covariance is
/// σ² Λ Λᵀ; with Λ diagonal it is diagonal, so the effects are uncorrelated. Bates et al. (2015), J Stat Softw 67(1),
/// section 2.3 (Λ_θ block-diagonal by term, each term's template lower triangular) and 3.1.
/// </remarks>
internal sealed class RelativeCovarianceFactor
{
    public RelativeCovarianceFactor(int q, bool diagonal)
    {
        if (q < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(q), "Λ needs at least one random effect.");
        }

        Q = q;
        Diagonal = diagonal;
    }

    public int Q { get; }

    /// <summary>Whether Λ is diagonal (uncorrelated random effects) rather than lower triangular.</summary>
    public bool Diagonal { get; }

    /// <summary>The number of θ entries: q for a diagonal Λ, q(q + 1)/2 for a lower-triangular one.</summary>
    public int ThetaCount => Diagonal ? Q : Q * (Q + 1) / 2;

    /// <summary>How many θ entries column <paramref name="col"/> of Λ holds, its diagonal first.</summary>
    public int ColumnLength(int col) => Diagonal ? 1 : Q - col;

    /// <summary>Λ from θ, row-major q × q.</summary>
    public double[] Lambda(ReadOnlySpan<double> theta)
    {
        var lambda = new double[Q * Q];
        int k = 0;
        for (int col = 0; col < Q; col++)
        {
            for (int row = col; row < col + ColumnLength(col); row++)
            {
                lambda[(row * Q) + col] = theta[k++];
            }
        }

        return lambda;
    }

    /// <summary>lme4's starting point, Λ = I: 1 on the diagonal, 0 below it.</summary>
    public double[] Start()
    {
        var start = new double[ThetaCount];
        for (int col = 0, k = 0; col < Q; col++)
        {
            for (int row = col; row < col + ColumnLength(col); row++, k++)
            {
                start[k] = row == col ? 1 : 0;
            }
        }

        return start;
    }
}
