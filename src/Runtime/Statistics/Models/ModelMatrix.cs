using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Models;

/// <summary>One column of a model matrix: R's name, its term (-1 for the intercept) and, per factor of the term, the level it codes.</summary>
/// <param name="Levels">For each variable of the term (in term order), the level index this column is the indicator of; -1 for a
/// number, and for a sum-contrast column the contrast index (the level that is +1).</param>
public sealed record ModelColumn(string Name, int Term, IReadOnlyList<int> Levels);

/// <summary>
/// The model matrix of <c>y ~ 1 + terms</c> over complete cases, coded as R's <c>model.matrix</c> after <c>lm</c>'s
/// <c>model.frame(na.action = na.omit, drop.unused.levels = TRUE)</c>. Independent of the model fitted on it: linear,
/// logistic and Poisson regressions share it.
/// </summary>
/// <remarks>
/// Coding follows R (Chambers &amp; Hastie 1992, <i>Statistical Models in S</i>, section 2.4.1): a factor in a term is
/// coded by contrasts when the term without that factor is in the model (the intercept counts as the empty term),
/// else by indicators of all its levels. A term's columns run over its factors' columns with the first factor varying
/// fastest; numbers multiply in. Column names are R's: <c>suppVC:factor(dose)2</c> (treatment), <c>supp1:factor(dose)2</c>
/// (sum). A row with any variable (or the response) missing is left out and counted in <see cref="Excluded"/>; factor
/// levels absent from the kept rows are dropped, as R does, and listed in <see cref="DroppedLevels"/>. O(n·columns).
/// </remarks>
public sealed class ModelMatrix
{
    private ModelMatrix(double[][] columns, ModelColumn[] info, string[] termNames, int[][] terms, ModelVariable[] variables,
        int[] rows, int excluded, double[] response, IReadOnlyList<string> dropped)
    {
        Columns = columns;
        ColumnInfo = info;
        TermNames = termNames;
        Terms = terms;
        Variables = variables;
        RowIndex = rows;
        Excluded = excluded;
        Response = response;
        DroppedLevels = dropped;
    }

    /// <summary>X by column: <c>Columns[j][i]</c> is row i (of the kept rows) of column j.</summary>
    public IReadOnlyList<double[]> Columns { get; }

    public IReadOnlyList<ModelColumn> ColumnInfo { get; }

    public IReadOnlyList<string> ColumnNames => ColumnInfo.Select(c => c.Name).ToArray();

    /// <summary>Term labels as R writes them (<c>supp:factor(dose)</c>).</summary>
    public IReadOnlyList<string> TermNames { get; }

    /// <summary>Each term's variables (indices into <see cref="Variables"/>).</summary>
    public IReadOnlyList<int[]> Terms { get; }

    /// <summary>The variables, with factors restricted to the levels present in the kept rows.</summary>
    public IReadOnlyList<ModelVariable> Variables { get; }

    /// <summary>For each kept row, its index in the input.</summary>
    public IReadOnlyList<int> RowIndex { get; }

    public int Rows => RowIndex.Count;

    /// <summary>Input rows left out because the response or a variable of the model is missing.</summary>
    public int Excluded { get; }

    /// <summary>The response over the kept rows (empty when none was given).</summary>
    public double[] Response { get; }

    /// <summary>"variable level" of each declared level that no kept row has (R drops them: <c>drop.unused.levels</c>).</summary>
    public IReadOnlyList<string> DroppedLevels { get; }

    /// <summary>Builds X for <c>response ~ 1 + terms</c>; each term lists variable indices (one = main effect, several = interaction).</summary>
    /// <param name="response">The response, NaN = missing (its missing rows are left out too); null for none.</param>
    public static ModelMatrix Build(IReadOnlyList<ModelVariable> variables, IReadOnlyList<int[]> terms, double[]? response,
        ModelContrasts contrasts = ModelContrasts.Treatment)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(terms);
        int n = response?.Length ?? (variables.Count > 0 ? variables[0].Rows : 0);
        if (variables.Any(v => v.Rows != n))
        {
            throw new ArgumentException("The response and every variable need the same number of rows.", nameof(variables));
        }

        int[] used = terms.SelectMany(t => t).Distinct().ToArray();
        int[] rows = Enumerable.Range(0, n)
            .Where(i => (response is null || !double.IsNaN(response[i])) && used.All(v => !variables[v].IsMissing(i)))
            .ToArray();
        var dropped = new List<string>();
        ModelVariable[] kept = variables.Select((v, index) => Restrict(v, rows, used.Contains(index), dropped)).ToArray();
        var termSets = terms.Select(t => new HashSet<int>(t)).ToList();
        var columns = new List<(ModelColumn Info, double[] Values)>
        {
            (new ModelColumn("(Intercept)", -1, Array.Empty<int>()), Enumerable.Repeat(1.0, rows.Length).ToArray()),
        };
        var termNames = new string[terms.Count];
        for (int t = 0; t < terms.Count; t++)
        {
            int[] term = terms[t];
            termNames[t] = string.Join(":", term.Select(v => kept[v].Name));
            bool[] contrast = term.Select(v => kept[v].IsFactor && MarginInModel(termSets, term, v)).ToArray();
            foreach (var (name, levels, values) in TermColumns(kept, term, contrast, contrasts, rows.Length))
            {
                columns.Add((new ModelColumn(name, t, levels), values));
            }
        }

        double[] y = response is null ? Array.Empty<double>() : rows.Select(i => response[i]).ToArray();
        return new ModelMatrix(columns.Select(c => c.Values).ToArray(), columns.Select(c => c.Info).ToArray(), termNames,
            terms.Select(t => t.ToArray()).ToArray(), kept, rows, n - rows.Length, y, dropped);
    }

    /// <summary>Whether term <paramref name="inner"/>'s variables are a proper subset of term <paramref name="outer"/>'s (R's "contained in").</summary>
    public bool Contains(int outer, int inner) =>
        outer != inner && Terms[inner].All(v => Terms[outer].Contains(v)) && Terms[outer].Length > Terms[inner].Length;

    private static ModelVariable Restrict(ModelVariable v, int[] rows, bool used, List<string> dropped)
    {
        if (!v.IsFactor)
        {
            double[] values = v.Values!;
            return ModelVariable.Numeric(v.Name, rows.Select(i => values[i]).ToArray());
        }

        int[] codes = v.Codes!;
        var present = new bool[v.Levels!.Count];
        foreach (int i in rows)
        {
            present[codes[i]] = true;
        }

        int[] newCode = new int[present.Length];
        var levels = new List<string>();
        for (int l = 0; l < present.Length; l++)
        {
            newCode[l] = present[l] ? levels.Count : -1;
            if (present[l])
            {
                levels.Add(v.Levels[l]);
            }
            else if (used)
            {
                dropped.Add(v.Name + " " + v.Levels[l]);
            }
        }

        return ModelVariable.Factor(v.Name, rows.Select(i => newCode[codes[i]]).ToArray(), levels);
    }

    private static bool MarginInModel(List<HashSet<int>> terms, int[] term, int variable)
    {
        var margin = new HashSet<int>(term.Where(v => v != variable));
        return margin.Count == 0 || terms.Any(t => t.SetEquals(margin));
    }

    private static IEnumerable<(string Name, int[] Levels, double[] Values)> TermColumns(
        ModelVariable[] variables, int[] term, bool[] contrast, ModelContrasts contrasts, int n)
    {
        IEnumerable<(string Name, int[] Levels, double[] Values)> result = new[] { (string.Empty, Array.Empty<int>(), Enumerable.Repeat(1.0, n).ToArray()) };
        for (int k = 0; k < term.Length; k++)
        {
            ModelVariable v = variables[term[k]];
            var parts = new List<(string Name, int Level, double[] Values)>();
            if (!v.IsFactor)
            {
                parts.Add((v.Name, -1, v.Values!));
            }
            else
            {
                int[] codes = v.Codes!;
                int levelCount = v.Levels!.Count;
                if (!contrast[k])
                {
                    for (int l = 0; l < levelCount; l++)
                    {
                        int level = l;
                        parts.Add((v.Name + v.Levels[l], l, codes.Select(c => c == level ? 1.0 : 0.0).ToArray()));
                    }
                }
                else if (contrasts == ModelContrasts.Treatment)
                {
                    for (int l = 1; l < levelCount; l++)
                    {
                        int level = l;
                        parts.Add((v.Name + v.Levels[l], l, codes.Select(c => c == level ? 1.0 : 0.0).ToArray()));
                    }
                }
                else
                {
                    for (int l = 0; l < levelCount - 1; l++)
                    {
                        int level = l;
                        string index = (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        parts.Add((v.Name + index, l, codes.Select(c => c == level ? 1.0 : c == levelCount - 1 ? -1.0 : 0.0).ToArray()));
                    }
                }
            }

            // Earlier factors vary fastest, as in R's model.matrix.
            var previous = result.ToArray();
            result = parts.SelectMany(p => previous.Select(q => (
                q.Name.Length == 0 ? p.Name : q.Name + ":" + p.Name,
                q.Levels.Append(p.Level).ToArray(),
                q.Values.Zip(p.Values, (a, b) => a * b).ToArray()))).ToArray();
        }

        return result;
    }
}
