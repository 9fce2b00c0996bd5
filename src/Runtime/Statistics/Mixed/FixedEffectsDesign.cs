using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The fixed-effects model matrix X of a formula with an intercept, coded as R's
/// <c>model.matrix</c> with treatment contrasts, and the over-parameterised matrix lmerTest
/// builds type III contrasts from (every factor coded by all its levels).
/// </summary>
/// <remarks>
/// Coding follows R (Chambers &amp; Hastie 1992, <i>Statistical Models in S</i>, section 2.4.1):
/// a factor in a term is coded by contrasts (treatment: the first level is the reference and
/// gets no column) when the term without that factor is in the model (the intercept counts
/// as the empty term), else by indicators of all its levels. A term's columns run over its
/// factors' levels with the first factor varying fastest; numbers multiply in. Column names
/// are R's (<c>groupMDA5_JDM:factor(month)3</c>). Rows must be complete. O(n·columns).
/// </remarks>
public sealed class FixedEffectsDesign
{
    private readonly Part[][] _columnParts;
    private readonly Part[][] _fullParts;
    private double[]? _x;
    private double[]? _full;
    private FixedEffectsLayout? _layout;

    private FixedEffectsDesign(int rows, Part[][] columnParts, string[] columnNames, int[] columnTerm, string[] termNames,
        int[][] terms, IReadOnlyList<DesignVariable> variables, Part[][] fullParts, string[] fullNames)
    {
        Rows = rows;
        _columnParts = columnParts;
        ColumnNames = columnNames;
        ColumnTerm = columnTerm;
        TermNames = termNames;
        Terms = terms;
        Variables = variables;
        _fullParts = fullParts;
        FullNames = fullNames;
    }

    public int Rows { get; }

    public int Columns => ColumnNames.Count;

    /// <summary>X, row-major (<see cref="Rows"/> × <see cref="Columns"/>); formed on first use (a pass over rows that needs
    /// only sums reads them with <see cref="FullRow"/> instead).</summary>
    public double[] X => _x ??= Fill(Rows, _columnParts);

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>For each column, the index of its term in <see cref="TermNames"/>; -1 for the intercept.</summary>
    public IReadOnlyList<int> ColumnTerm { get; }

    /// <summary>Term labels as R writes them (<c>group:factor(month)</c>).</summary>
    public IReadOnlyList<string> TermNames { get; }

    /// <summary>Each term's variables (indices into <see cref="Variables"/>).</summary>
    public IReadOnlyList<int[]> Terms { get; }

    public IReadOnlyList<DesignVariable> Variables { get; }

    /// <summary>lmerTest's <c>get_rdX</c>: the intercept and each term with all factor levels, row-major.</summary>
    internal double[] Full => _full ??= Fill(Rows, _fullParts);

    internal string[] FullNames { get; }

    /// <summary>The design's shape without its rows (numeric variables at their mean over the rows), for the kernels that work from cross-products.</summary>
    public FixedEffectsLayout Layout => _layout ??= new FixedEffectsLayout(ColumnNames, ColumnTerm, TermNames, Terms,
        Variables.Select(v => new DesignVariableShape(v.Name, v.Levels, v.IsFactor ? double.NaN : v.Values!.Average())).ToArray(), FullNames);

    /// <summary>The same design without the given columns (lme4's dropping of aliased columns); terms and the full design are kept.</summary>
    internal FixedEffectsDesign WithoutColumns(IReadOnlyCollection<int> dropped)
    {
        int[] keep = Enumerable.Range(0, Columns).Where(c => !dropped.Contains(c)).ToArray();
        return new FixedEffectsDesign(Rows, keep.Select(c => _columnParts[c]).ToArray(), keep.Select(c => ColumnNames[c]).ToArray(),
            keep.Select(c => ColumnTerm[c]).ToArray(), TermNames.ToArray(), Terms.ToArray(), Variables, _fullParts, FullNames);
    }

    /// <summary>
    /// The non-zero entries of row <paramref name="row"/> of the full design: their column indices (ascending) into
    /// <paramref name="index"/> and values into <paramref name="values"/> (each of length <see cref="FullNames"/>); returns
    /// their number. A column with a level indicator that does not match is 0 whatever its numbers; the others are the
    /// product of their numbers in term order, as <see cref="Full"/> holds them (multiplying by an indicator's 1 is exact).
    /// </summary>
    internal int NonZeroFullRow(int row, Span<int> index, Span<double> values)
    {
        int count = 0;
        for (int c = 0; c < _fullParts.Length; c++)
        {
            Part[] parts = _fullParts[c];
            double value = 1.0;
            for (int k = 0; k < parts.Length; k++)
            {
                ref readonly Part part = ref parts[k];
                if (part.Codes is { } codes)
                {
                    if (codes[row] != part.Level)
                    {
                        value = 0;
                        break;
                    }
                }
                else
                {
                    value *= part.Values![row];
                }
            }

            if (value != 0)
            {
                index[count] = c;
                values[count++] = value;
            }
        }

        return count;
    }

    /// <summary>Builds X for <c>~ 1 + terms</c>; each term lists variable indices (one = main effect, several = interaction).</summary>
    public static FixedEffectsDesign Build(int rows, IReadOnlyList<DesignVariable> variables, IReadOnlyList<int[]> terms)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(terms);
        int n = rows;
        if (variables.Any(v => v.Rows != n))
        {
            throw new ArgumentException("All variables need the same number of rows.", nameof(variables));
        }

        var termSets = terms.Select(t => new HashSet<int>(t)).ToList();
        var columns = new List<(string Name, int Term, Part[] Parts)> { ("(Intercept)", -1, []) };
        var full = new List<(string Name, Part[] Parts)> { ("(Intercept)", []) };
        var termNames = new string[terms.Count];
        for (int t = 0; t < terms.Count; t++)
        {
            int[] term = terms[t];
            termNames[t] = string.Join(":", term.Select(v => variables[v].Name));
            bool[] contrast = term.Select(v => variables[v].IsFactor && MarginInModel(termSets, term, v)).ToArray();
            foreach (var (name, parts) in TermColumns(variables, term, contrast))
            {
                columns.Add((name, t, parts));
            }

            full.AddRange(TermColumns(variables, term, new bool[term.Length]));
        }

        return new FixedEffectsDesign(n, columns.Select(c => c.Parts).ToArray(), columns.Select(c => c.Name).ToArray(),
            columns.Select(c => c.Term).ToArray(), termNames, terms.Select(t => t.ToArray()).ToArray(), variables,
            full.Select(c => c.Parts).ToArray(), full.Select(c => c.Name).ToArray());
    }

    /// <summary>Whether the term without <paramref name="variable"/> is in the model (the intercept is the empty term).</summary>
    private static bool MarginInModel(List<HashSet<int>> terms, int[] term, int variable)
    {
        var margin = new HashSet<int>(term.Where(v => v != variable));
        return margin.Count == 0 || terms.Any(t => t.SetEquals(margin));
    }

    /// <summary>A column's value in a row is 1 times each part's value in term order: a level indicator or a number.</summary>
    private readonly record struct Part(int[]? Codes, int Level, double[]? Values)
    {
        public double Value(int r) => Codes is not null ? (Codes[r] == Level ? 1.0 : 0.0) : Values![r];
    }

    private static IEnumerable<(string Name, Part[] Parts)> TermColumns(IReadOnlyList<DesignVariable> variables, int[] term, bool[] contrast)
    {
        IEnumerable<(string Name, Part[] Parts)> result = new[] { (string.Empty, Array.Empty<Part>()) };
        for (int k = 0; k < term.Length; k++)
        {
            DesignVariable v = variables[term[k]];
            IReadOnlyList<(string Name, Part Part)> parts;
            if (v.IsFactor)
            {
                int[] codes = v.Codes!;
                parts = Enumerable.Range(contrast[k] ? 1 : 0, v.Levels!.Count - (contrast[k] ? 1 : 0))
                    .Select(level => (v.Name + v.Levels[level], new Part(codes, level, null)))
                    .ToArray();
            }
            else
            {
                parts = new[] { (v.Name, new Part(null, 0, v.Values!)) };
            }

            // Earlier factors vary fastest, as in R.
            var previous = result.ToArray();
            result = parts.SelectMany(p => previous.Select(q => (
                q.Name.Length == 0 ? p.Name : q.Name + ":" + p.Name,
                q.Parts.Append(p.Part).ToArray()))).ToArray();
        }

        return result;
    }

    /// <summary>Row-major X; each entry is ((1 · part₁) · part₂) …, the products in term order. O(n·columns·parts).</summary>
    private static double[] Fill(int n, Part[][] columns)
    {
        int width = columns.Length;
        var x = new double[n * width];
        for (int r = 0; r < n; r++)
        {
            int row = r * width;
            for (int c = 0; c < width; c++)
            {
                x[row + c] = Value(columns[c], r);
            }
        }

        return x;
    }

    private static double Value(Part[] parts, int row)
    {
        double value = 1.0;
        foreach (Part part in parts)
        {
            value *= part.Value(row);
        }

        return value;
    }
}
