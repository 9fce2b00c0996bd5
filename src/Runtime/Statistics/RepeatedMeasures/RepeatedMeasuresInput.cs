using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.RepeatedMeasures;

/// <summary>A factor of a repeated-measures ANOVA: its name and levels, in order.</summary>
public sealed record RmFactor(string Name, IReadOnlyList<string> Levels);

/// <summary>
/// The complete-case data of a repeated-measures ANOVA in wide form, as <c>afex::aov_ez</c> arranges it: one row per
/// subject with a value in every within-subject cell, the cells being the crossing of <see cref="Within"/> with the
/// first factor varying slowest; each subject's level of every between-subject factor.
/// </summary>
public sealed class RepeatedMeasuresInput
{
    /// <param name="y">Subjects × cells, row-major; every value finite.</param>
    /// <param name="betweenCodes">Per between factor, each subject's level index.</param>
    public RepeatedMeasuresInput(double[] y, IReadOnlyList<RmFactor> within, IReadOnlyList<RmFactor> between, IReadOnlyList<int[]> betweenCodes)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(within);
        ArgumentNullException.ThrowIfNull(between);
        ArgumentNullException.ThrowIfNull(betweenCodes);
        if (within.Count == 0)
        {
            throw new ArgumentException("a repeated-measures ANOVA needs a within-subject factor", nameof(within));
        }

        Cells = within.Aggregate(1, (k, f) => k * f.Levels.Count);
        if (Cells == 0 || y.Length % Cells != 0)
        {
            throw new ArgumentException($"y holds {y.Length} values, not a multiple of the {Cells} within-subject cells", nameof(y));
        }

        Subjects = y.Length / Cells;
        if (betweenCodes.Count != between.Count || betweenCodes.Any(c => c.Length != Subjects))
        {
            throw new ArgumentException("each between factor needs one level per subject", nameof(betweenCodes));
        }

        Y = y;
        Within = within;
        Between = between;
        BetweenCodes = betweenCodes;
    }

    public double[] Y { get; }

    public int Subjects { get; }

    /// <summary>The within-subject cells per subject: the product of the within factors' level counts.</summary>
    public int Cells { get; }

    public IReadOnlyList<RmFactor> Within { get; }

    public IReadOnlyList<RmFactor> Between { get; }

    public IReadOnlyList<int[]> BetweenCodes { get; }
}
