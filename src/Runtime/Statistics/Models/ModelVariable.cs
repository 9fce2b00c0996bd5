using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Models;

/// <summary>
/// A variable of a regression formula before it becomes model-matrix columns: a factor (a level index per row,
/// -1 = missing) or a number per row (NaN = missing). <see cref="Name"/> prefixes column names as R does: factor
/// <c>supp</c> with level <c>VC</c> gives the column <c>suppVC</c>; a number keeps its name (<c>log(ck)</c>).
/// </summary>
public sealed class ModelVariable
{
    private ModelVariable(string name, int[]? codes, IReadOnlyList<string>? levels, double[]? values)
    {
        Name = name;
        Codes = codes;
        Levels = levels;
        Values = values;
    }

    public string Name { get; }

    /// <summary>Level index per row, -1 = missing (factors only).</summary>
    public int[]? Codes { get; }

    /// <summary>Levels in order; the first is the reference of treatment contrasts (factors only).</summary>
    public IReadOnlyList<string>? Levels { get; }

    /// <summary>Value per row, NaN = missing (numbers only).</summary>
    public double[]? Values { get; }

    public bool IsFactor => Codes is not null;

    public int Rows => Codes?.Length ?? Values!.Length;

    public bool IsMissing(int row) => Codes is { } codes ? codes[row] < 0 : double.IsNaN(Values![row]);

    public static ModelVariable Factor(string name, int[] codes, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (int c in codes)
        {
            if (c >= levels.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(codes), c, $"Factor '{name}' has {levels.Count} levels.");
            }
        }

        return new ModelVariable(name, codes, levels, null);
    }

    public static ModelVariable Numeric(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ModelVariable(name, null, null, values);
    }
}

/// <summary>How a factor is coded when its margin is in the model (R's <c>options(contrasts = )</c> for unordered factors).</summary>
public enum ModelContrasts
{
    /// <summary><c>contr.treatment</c>: one 0/1 column per level other than the first; columns named by level (<c>suppVC</c>).</summary>
    Treatment,

    /// <summary><c>contr.sum</c>: k-1 columns, level i is 1 in column i, the last level is -1 in all; columns named by index (<c>supp1</c>).</summary>
    Sum,
}
