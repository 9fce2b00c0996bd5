using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// A variable of a fixed-effects formula: a factor (a level index per row into
/// <see cref="Levels"/>) or a number per row. <see cref="Name"/> prefixes column names as R
/// does: factor <c>group</c> level <c>MDA5_JDM</c> gives the column <c>groupMDA5_JDM</c>.
/// </summary>
public sealed class DesignVariable
{
    private DesignVariable(string name, int[]? codes, IReadOnlyList<string>? levels, double[]? values)
    {
        Name = name;
        Codes = codes;
        Levels = levels;
        Values = values;
    }

    public string Name { get; }

    /// <summary>Level index per row (factors only).</summary>
    public int[]? Codes { get; }

    /// <summary>Levels in order; the first is the reference of treatment contrasts (factors only).</summary>
    public IReadOnlyList<string>? Levels { get; }

    /// <summary>Value per row (numbers only).</summary>
    public double[]? Values { get; }

    public bool IsFactor => Codes is not null;

    public int Rows => Codes?.Length ?? Values!.Length;

    public static DesignVariable Factor(string name, int[] codes, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (int c in codes)
        {
            if (c < 0 || c >= levels.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(codes), c, $"Factor '{name}' has {levels.Count} levels.");
            }
        }

        return new DesignVariable(name, codes, levels, null);
    }

    public static DesignVariable Numeric(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new DesignVariable(name, null, null, values);
    }
}
