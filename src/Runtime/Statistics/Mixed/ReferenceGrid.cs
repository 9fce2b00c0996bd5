using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// emmeans' reference grid for cell means (Lenth, emmeans 1.x, <c>ref_grid</c> and
/// <c>emmeans(fit, ~ group * time)</c> with the default <c>weights = "equal"</c>): the cells are
/// every combination of the chosen factors' levels; every other factor is averaged over its
/// levels with equal weights, whatever their frequencies; every numeric variable is held at its
/// mean over the fitted rows. The cell's x is the equal-weight average of the model-matrix rows
/// of its sub-grid, so x'β is the mean emmeans reports.
/// </summary>
public static class ReferenceGrid
{
    /// <param name="design">The fitted model's design (its variables, levels and terms).</param>
    /// <param name="cellVariables">Indices into the design's variables of the factors that define the cells; the first varies slowest.</param>
    public static MeansGrid CellMeans(FixedEffectsDesign design, IReadOnlyList<int> cellVariables) =>
        CellMeans((design ?? throw new ArgumentNullException(nameof(design))).Layout, cellVariables);

    /// <summary>The grid from the design's shape alone: its factors' levels and its numbers' means over the fitted rows.</summary>
    /// <param name="design">The fitted model's layout (its variables, levels, means and terms).</param>
    /// <param name="cellVariables">Indices into the layout's variables of the factors that define the cells; the first varies slowest.</param>
    public static MeansGrid CellMeans(FixedEffectsLayout design, IReadOnlyList<int> cellVariables)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(cellVariables);
        IReadOnlyList<DesignVariableShape> variables = design.Variables;
        if (cellVariables.Any(v => !variables[v].IsFactor))
        {
            throw new ArgumentException("Cells are defined by factors only.", nameof(cellVariables));
        }

        int[] averaged = Enumerable.Range(0, variables.Count).Where(v => variables[v].IsFactor && !cellVariables.Contains(v)).ToArray();
        int[][] cells = Combinations(cellVariables.Select(v => variables[v].Levels!.Count).ToArray());
        int[][] sub = Combinations(averaged.Select(v => variables[v].Levels!.Count).ToArray());
        int rows = cells.Length * sub.Length;
        var codes = variables.Select(_ => new int[rows]).ToArray();
        for (int c = 0, r = 0; c < cells.Length; c++)
        {
            for (int s = 0; s < sub.Length; s++, r++)
            {
                for (int k = 0; k < cellVariables.Count; k++)
                {
                    codes[cellVariables[k]][r] = cells[c][k];
                }

                for (int k = 0; k < averaged.Length; k++)
                {
                    codes[averaged[k]][r] = sub[s][k];
                }
            }
        }

        var gridVariables = variables.Select((v, i) => v.IsFactor
            ? DesignVariable.Factor(v.Name, codes[i], v.Levels!)
            : DesignVariable.Numeric(v.Name, Enumerable.Repeat(v.Mean, rows).ToArray())).ToArray();
        FixedEffectsDesign full = FixedEffectsDesign.Build(rows, gridVariables, design.Terms);
        int p = full.Columns;
        if (!full.ColumnNames.SequenceEqual(design.ColumnNames))
        {
            throw new InvalidOperationException("Bug: the grid's columns differ from the design's.");
        }

        var x = new double[cells.Length * p];
        for (int c = 0; c < cells.Length; c++)
        {
            for (int s = 0; s < sub.Length; s++)
            {
                int r = (c * sub.Length) + s;
                for (int j = 0; j < p; j++)
                {
                    x[(c * p) + j] += full.X[(r * p) + j] / sub.Length;
                }
            }
        }

        string[] labels = cells.Select(cell => string.Join(" ", cell.Select((level, k) => variables[cellVariables[k]].Levels![level]))).ToArray();
        return new MeansGrid(design.ColumnNames, x, labels);
    }

    /// <summary>All level combinations, the first position varying slowest.</summary>
    private static int[][] Combinations(int[] counts)
    {
        IEnumerable<int[]> result = new[] { Array.Empty<int>() };
        foreach (int count in counts)
        {
            int n = count;
            result = result.SelectMany(prefix => Enumerable.Range(0, n).Select(level => prefix.Append(level).ToArray())).ToArray();
        }

        return result.ToArray();
    }
}
