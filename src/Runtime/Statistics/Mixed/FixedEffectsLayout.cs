using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The shape of a fixed-effects design without its rows: X's column names and terms, the over-parameterised
/// design's columns (every factor by all its levels, lmerTest's <c>get_rdX</c>), and each variable's levels or
/// mean. With the design's cross-products (<see cref="MixedModelCrossProducts"/>) this is all the rank check, the
/// type I and III contrasts and emmeans' reference grid need, so a data engine can deliver a design as sums.
/// </summary>
public sealed class FixedEffectsLayout
{
    public FixedEffectsLayout(IReadOnlyList<string> columnNames, IReadOnlyList<int> columnTerm, IReadOnlyList<string> termNames,
        IReadOnlyList<int[]> terms, IReadOnlyList<DesignVariableShape> variables, IReadOnlyList<string> fullNames)
    {
        ColumnNames = columnNames ?? throw new ArgumentNullException(nameof(columnNames));
        ColumnTerm = columnTerm ?? throw new ArgumentNullException(nameof(columnTerm));
        TermNames = termNames ?? throw new ArgumentNullException(nameof(termNames));
        Terms = terms ?? throw new ArgumentNullException(nameof(terms));
        Variables = variables ?? throw new ArgumentNullException(nameof(variables));
        FullNames = fullNames ?? throw new ArgumentNullException(nameof(fullNames));
        if (columnTerm.Count != columnNames.Count)
        {
            throw new ArgumentException("Every column needs its term.", nameof(columnTerm));
        }

        FullIndex = columnNames.Select(name => fullNames.ToList().IndexOf(name)).ToArray();
        if (FullIndex.Any(i => i < 0))
        {
            throw new ArgumentException("Every column of X must be a column of the full design (treatment coding keeps a subset of its columns).", nameof(fullNames));
        }
    }

    public int Columns => ColumnNames.Count;

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>For each column, the index of its term in <see cref="TermNames"/>; -1 for the intercept.</summary>
    public IReadOnlyList<int> ColumnTerm { get; }

    public IReadOnlyList<string> TermNames { get; }

    /// <summary>Each term's variables (indices into <see cref="Variables"/>).</summary>
    public IReadOnlyList<int[]> Terms { get; }

    public IReadOnlyList<DesignVariableShape> Variables { get; }

    /// <summary>The over-parameterised design's column names: the intercept and each term with all factor levels.</summary>
    public IReadOnlyList<string> FullNames { get; }

    /// <summary>For each column of X, its index in <see cref="FullNames"/> (the same products of the same parts).</summary>
    internal int[] FullIndex { get; }

    /// <summary>The same layout without the given columns (lme4's dropping of aliased columns); terms and the full design are kept.</summary>
    internal FixedEffectsLayout WithoutColumns(IReadOnlyCollection<int> dropped)
    {
        int[] keep = Enumerable.Range(0, Columns).Where(c => !dropped.Contains(c)).ToArray();
        return new FixedEffectsLayout(keep.Select(c => ColumnNames[c]).ToArray(), keep.Select(c => ColumnTerm[c]).ToArray(), TermNames, Terms, Variables, FullNames);
    }
}

/// <summary>A variable of the design without its rows: a factor's levels (the first the reference), or a number's mean over the fitted rows.</summary>
/// <param name="Mean">The numeric variable's mean over the fitted rows (emmeans holds it there); NaN for a factor.</param>
public sealed record DesignVariableShape(string Name, IReadOnlyList<string>? Levels, double Mean)
{
    public bool IsFactor => Levels is not null;
}
