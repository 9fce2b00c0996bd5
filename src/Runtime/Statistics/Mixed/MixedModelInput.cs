using System;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The data of a linear mixed model with one grouping factor (the subject): complete rows only.
/// Random effects per subject are an intercept, a slope on <see cref="Slope"/>, or both: correlated, one term
/// <c>(1 + days | id)</c>, or <see cref="Uncorrelated"/>, two terms <c>(1 | id) + (0 + days | id)</c> (lme4's
/// <c>(days || id)</c>).
/// </summary>
/// <param name="Response">y, one value per row.</param>
/// <param name="Fixed">The fixed-effects design (rows parallel to <paramref name="Response"/>).</param>
/// <param name="Subject">Subject index per row, 0 ≤ index &lt; <paramref name="Subjects"/>; rows need not be sorted.</param>
/// <param name="Subjects">Number of subjects; each must have at least one row.</param>
/// <param name="RandomIntercept">Whether each subject has a random intercept, <c>(1 | id)</c>.</param>
/// <param name="Slope">The random slope's variable per row, <c>(1 + days | id)</c>; null for none.</param>
/// <param name="SlopeName">The slope's name in the variance components.</param>
/// <param name="Uncorrelated">Intercept and slope are independent terms of the subject (a diagonal Λ, θ = the two
/// relative SDs, no correlation); false for one correlated term. Meaningless with one random effect.</param>
public sealed record MixedModelInput(
    double[] Response,
    FixedEffectsDesign Fixed,
    int[] Subject,
    int Subjects,
    bool RandomIntercept,
    double[]? Slope = null,
    string? SlopeName = null,
    bool Uncorrelated = false)
{
    /// <summary>The random effects' shape: which there are, the slope's name in the variance components, correlated or not.</summary>
    internal RandomEffectsShape Random => new(RandomIntercept, Slope is null ? null : SlopeName ?? "slope", Uncorrelated);

    internal int RandomCount => (RandomIntercept ? 1 : 0) + (Slope is null ? 0 : 1);

    /// <summary>Z's rows, row-major (n × q): [1, slope], [1] or [slope].</summary>
    internal double[] RandomDesign()
    {
        int q = RandomCount;
        var z = new double[Response.Length * q];
        for (int r = 0; r < Response.Length; r++)
        {
            int k = 0;
            if (RandomIntercept)
            {
                z[(r * q) + k++] = 1;
            }

            if (Slope is not null)
            {
                z[(r * q) + k] = Slope[r];
            }
        }

        return z;
    }

    internal void Validate()
    {
        int n = Response.Length;
        if (Fixed.Rows != n || Subject.Length != n || (Slope is not null && Slope.Length != n))
        {
            throw new ArgumentException("Response, design, subjects and slope need the same number of rows.");
        }

        if (RandomCount == 0)
        {
            throw new ArgumentException("A mixed model needs a random intercept or a random slope.");
        }

        var seen = new bool[Subjects];
        foreach (int s in Subject)
        {
            if (s < 0 || s >= Subjects)
            {
                throw new ArgumentException($"Subject index {s} is outside 0..{Subjects - 1}.");
            }

            seen[s] = true;
        }

        if (Array.IndexOf(seen, false) >= 0)
        {
            throw new ArgumentException("Every subject needs at least one row.");
        }
    }
}
