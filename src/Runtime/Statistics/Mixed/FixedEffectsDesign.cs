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
    private FixedEffectsDesign(int rows, double[] x, string[] columnNames, int[] columnTerm, string[] termNames,
        int[][] terms, IReadOnlyList<DesignVariable> variables, double[] full, string[] fullNames)
    {
        Rows = rows;
        X = x;
        ColumnNames = columnNames;
        ColumnTerm = columnTerm;
        TermNames = termNames;
        Terms = terms;
        Variables = variables;
        Full = full;
        FullNames = fullNames;
    }

    public int Rows { get; }

    public int Columns => ColumnNames.Count;

    /// <summary>X, row-major (<see cref="Rows"/> × <see cref="Columns"/>).</summary>
    public double[] X { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>For each column, the index of its term in <see cref="TermNames"/>; -1 for the intercept.</summary>
    public IReadOnlyList<int> ColumnTerm { get; }

    /// <summary>Term labels as R writes them (<c>group:factor(month)</c>).</summary>
    public IReadOnlyList<string> TermNames { get; }

    /// <summary>Each term's variables (indices into <see cref="Variables"/>).</summary>
    public IReadOnlyList<int[]> Terms { get; }

    public IReadOnlyList<DesignVariable> Variables { get; }

    /// <summary>lmerTest's <c>get_rdX</c>: the intercept and each term with all factor levels, row-major.</summary>
    internal double[] Full { get; }

    internal string[] FullNames { get; }

    /// <summary>The same design without the given columns (lme4's dropping of aliased columns); terms and the full design are kept.</summary>
    internal FixedEffectsDesign WithoutColumns(IReadOnlyCollection<int> dropped)
    {
        int[] keep = Enumerable.Range(0, Columns).Where(c => !dropped.Contains(c)).ToArray();
        var x = new double[Rows * keep.Length];
        for (int r = 0; r < Rows; r++)
        {
            for (int k = 0; k < keep.Length; k++)
            {
                x[(r * keep.Length) + k] = X[(r * Columns) + keep[k]];
            }
        }

        return new FixedEffectsDesign(Rows, x, keep.Select(c => ColumnNames[c]).ToArray(), keep.Select(c => ColumnTerm[c]).ToArray(),
            TermNames.ToArray(), Terms.ToArray(), Variables, Full, FullNames);
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
        var columns = new List<(string Name, int Term, Func<int, double> Value)> { ("(Intercept)", -1, _ => 1.0) };
        var full = new List<(string Name, Func<int, double> Value)> { ("(Intercept)", _ => 1.0) };
        var termNames = new string[terms.Count];
        for (int t = 0; t < terms.Count; t++)
        {
            int[] term = terms[t];
            termNames[t] = string.Join(":", term.Select(v => variables[v].Name));
            bool[] contrast = term.Select(v => variables[v].IsFactor && MarginInModel(termSets, term, v)).ToArray();
            foreach (var (name, value) in TermColumns(variables, term, contrast))
            {
                columns.Add((name, t, value));
            }

            full.AddRange(TermColumns(variables, term, new bool[term.Length]));
        }

        return new FixedEffectsDesign(n, Fill(n, columns.Select(c => c.Value).ToArray()), columns.Select(c => c.Name).ToArray(),
            columns.Select(c => c.Term).ToArray(), termNames, terms.Select(t => t.ToArray()).ToArray(), variables,
            Fill(n, full.Select(c => c.Value).ToArray()), full.Select(c => c.Name).ToArray());
    }

    /// <summary>Whether the term without <paramref name="variable"/> is in the model (the intercept is the empty term).</summary>
    private static bool MarginInModel(List<HashSet<int>> terms, int[] term, int variable)
    {
        var margin = new HashSet<int>(term.Where(v => v != variable));
        return margin.Count == 0 || terms.Any(t => t.SetEquals(margin));
    }

    private static IEnumerable<(string Name, Func<int, double> Value)> TermColumns(IReadOnlyList<DesignVariable> variables, int[] term, bool[] contrast)
    {
        IEnumerable<(string Name, Func<int, double> Value)> result = new[] { (string.Empty, (Func<int, double>)(_ => 1.0)) };
        for (int k = 0; k < term.Length; k++)
        {
            DesignVariable v = variables[term[k]];
            IReadOnlyList<(string Name, Func<int, double> Value)> parts;
            if (v.IsFactor)
            {
                int[] codes = v.Codes!;
                parts = Enumerable.Range(contrast[k] ? 1 : 0, v.Levels!.Count - (contrast[k] ? 1 : 0))
                    .Select(level => (v.Name + v.Levels[level], (Func<int, double>)(r => codes[r] == level ? 1.0 : 0.0)))
                    .ToArray();
            }
            else
            {
                double[] values = v.Values!;
                parts = new[] { (v.Name, (Func<int, double>)(r => values[r])) };
            }

            // Earlier factors vary fastest, as in R.
            var previous = result.ToArray();
            result = parts.SelectMany(p => previous.Select(q => (
                q.Name.Length == 0 ? p.Name : q.Name + ":" + p.Name,
                (Func<int, double>)(r => q.Value(r) * p.Value(r))))).ToArray();
        }

        return result;
    }

    private static double[] Fill(int n, Func<int, double>[] columns)
    {
        var x = new double[n * columns.Length];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                x[(r * columns.Length) + c] = columns[c](r);
            }
        }

        return x;
    }
}
