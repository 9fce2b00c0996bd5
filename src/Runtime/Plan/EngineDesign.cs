using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A regression's design where the rows stay in the engine: the model factors as in memory (<see cref="ModelFactors"/>:
/// the same levels, references and labels), each term variable's value as SQL, and, once the engine has said which
/// levels the complete subjects have, the <see cref="ModelMatrix"/> layout in memory's columns, order and names (from a
/// skeleton of one row per present level: only its column structure is used) with each column coded as SQL.
/// </summary>
internal sealed class EngineDesign
{
    private readonly List<SqlLevel> _levels = [];
    private readonly Dictionary<int, (int Variable, int First)> _levelsOf = [];

    private EngineDesign(ModelFactors factors, SqlRegressionModel model, int[] variableOf)
    {
        Factors = factors;
        Model = model;
        VariableOf = variableOf;
    }

    public ModelFactors Factors { get; }

    public SqlRegressionModel Model { get; }

    /// <summary>For each model variable (<see cref="ModelFactors.Variables"/>): its index in the SQL model's variables, −1 for the group.</summary>
    public int[] VariableOf { get; }

    /// <summary>Every declared level of every factor, in model-variable order then level order, as the design query counts them.</summary>
    public IReadOnlyList<SqlLevel> Levels => _levels;

    /// <param name="responseValue">The response as the fit takes it (a bool as 1/0 for a logistic model); default: the variable's engine value.</param>
    /// <param name="nonNegative">A count response: a negative value is invalid (left out and counted).</param>
    public static EngineDesign Build(ModelFactors factors, IReadOnlyList<ModelTerm> terms, Variable response, bool log, Cohort cohort, SqlExpr? responseValue = null, bool nonNegative = false)
    {
        var variables = new List<(SqlExpr, SqlValueKind)>();
        var indexOfSource = new Dictionary<Variable, int>();
        var byName = new Dictionary<string, TermFactor>(StringComparer.Ordinal);
        foreach (TermFactor factor in terms.SelectMany(t => t.Factors))
        {
            string name = factor.Kind == TermFactorKind.Group ? "group" : factor.Kind == TermFactorKind.CovariateAsFactor ? $"factor({factor.Name})" : factor.Name;
            byName.TryAdd(name, factor);
        }

        var variableOf = new int[factors.Variables.Count];
        for (int m = 0; m < factors.Variables.Count; m++)
        {
            TermFactor factor = byName[factors.Variables[m].Name];
            if (factor.Kind == TermFactorKind.Group)
            {
                variableOf[m] = -1;
                continue;
            }

            if (factor.Kind == TermFactorKind.CovariateAsFactor && factor.Covariate is ContinuousVariable or CountVariable)
            {
                throw new InvalidOperationException($"Bug: factor({factor.Name}) has data-dependent levels; the binder refuses it under compute in engine (PL2298).");
            }

            Variable covariate = factor.Covariate!;
            if (!indexOfSource.TryGetValue(covariate, out int index))
            {
                index = variables.Count;
                indexOfSource[covariate] = index;
                SqlValueKind kind = covariate switch
                {
                    BinaryVariable => SqlValueKind.Bool,
                    CategoricalVariable => SqlValueKind.Text,
                    _ => SqlValueKind.Number,
                };
                variables.Add((covariate.EngineValue ?? throw new InvalidOperationException($"Bug: '{covariate.Name}' has no engine form."), kind));
            }

            variableOf[m] = index;
        }

        var design = new EngineDesign(factors,
            new SqlRegressionModel(responseValue ?? response.EngineValue ?? throw new InvalidOperationException($"Bug: '{response.Name}' has no engine form."), log, variables, nonNegative), variableOf);
        for (int m = 0; m < factors.Variables.Count; m++)
        {
            ModelVariable v = factors.Variables[m];
            if (!v.IsFactor)
            {
                continue;
            }

            design._levelsOf[m] = (variableOf[m], design._levels.Count);
            foreach (string level in v.Levels!)
            {
                design._levels.Add(design.Level(m, level, cohort));
            }
        }

        return design;
    }

    /// <summary>
    /// The layout of the model matrix over the complete subjects: a skeleton whose factors have each level with a count
    /// (and no other), so that <see cref="ModelMatrix.Build"/> drops, names and orders columns as it does over the rows.
    /// </summary>
    public ModelMatrix Layout(SqlRegressionDesign counts, ModelContrasts contrasts)
    {
        var present = new Dictionary<int, int[]>();
        int rows = 1;
        foreach (var (m, (_, first)) in _levelsOf)
        {
            int[] levels = Enumerable.Range(0, Factors.Variables[m].Levels!.Count).Where(l => counts.LevelCounts[first + l] > 0).ToArray();
            present[m] = levels;
            rows = Math.Max(rows, levels.Length);
        }

        var skeleton = Factors.Variables.Select((v, m) => v.IsFactor
            ? ModelVariable.Factor(v.Name, Enumerable.Range(0, rows).Select(i => present[m].Length == 0 ? -1 : present[m][i % present[m].Length]).ToArray(), v.Levels!)
            : ModelVariable.Numeric(v.Name, new double[rows])).ToArray();
        return ModelMatrix.Build(skeleton, Factors.Terms, new double[rows], contrasts);
    }

    /// <summary>Each layout column as SQL parts, with its shift: the product of its parts' means (see <see cref="LinearCrossProducts"/>; only near the mean is needed).</summary>
    public (IReadOnlyList<SqlDesignPart>[] Columns, double[] Shifts) Columns(ModelMatrix layout, SqlRegressionDesign counts, ModelContrasts contrasts, Cohort cohort)
    {
        int p = layout.ColumnInfo.Count;
        var columns = new IReadOnlyList<SqlDesignPart>[p];
        var shifts = new double[p];
        var termSets = layout.Terms.Select(t => new HashSet<int>(t)).ToList();
        for (int j = 0; j < p; j++)
        {
            ModelColumn info = layout.ColumnInfo[j];
            var parts = new List<SqlDesignPart>();
            double shift = 1;
            if (info.Term >= 0)
            {
                int[] term = layout.Terms[info.Term];
                for (int k = 0; k < term.Length; k++)
                {
                    int m = term[k];
                    ModelVariable kept = layout.Variables[m];
                    if (!kept.IsFactor)
                    {
                        parts.Add(new SqlDesignPart(Number: VariableOf[m]));
                        shift *= counts.N == 0 ? 0 : counts.Sums[VariableOf[m]] / counts.N;
                        continue;
                    }

                    SqlLevel plus = Level(m, kept.Levels![info.Levels[k]], cohort);
                    bool sum = contrasts == ModelContrasts.Sum && MarginInModel(termSets, term, m);
                    SqlLevel? minus = sum ? Level(m, kept.Levels[^1], cohort) : null;
                    parts.Add(new SqlDesignPart(Plus: plus, Minus: minus));
                    double share = Share(m, plus, counts) - (minus is null ? 0 : Share(m, minus, counts));
                    shift *= share;
                }
            }

            columns[j] = parts;
            shifts[j] = info.Term < 0 ? 0 : shift;
        }

        return (columns, shifts);
    }

    /// <summary>As <c>ModelMatrix</c>: a factor is coded by contrasts when the term without it is in the model (the intercept is the empty term).</summary>
    private static bool MarginInModel(List<HashSet<int>> terms, int[] term, int variable)
    {
        var margin = new HashSet<int>(term.Where(v => v != variable));
        return margin.Count == 0 || terms.Any(t => t.SetEquals(margin));
    }

    private double Share(int m, SqlLevel level, SqlRegressionDesign counts)
    {
        var (_, first) = _levelsOf[m];
        int index = _levels.FindIndex(first, Factors.Variables[m].Levels!.Count, l => l == level);
        return counts.N == 0 ? 0 : (double)counts.LevelCounts[index] / counts.N;
    }

    private SqlLevel Level(int m, string level, Cohort cohort)
    {
        int variable = VariableOf[m];
        if (variable < 0)
        {
            int group = cohort.GroupNames.ToList().IndexOf(level);
            return new SqlLevel(-1, group);
        }

        return Model.Variables[variable].Kind == SqlValueKind.Bool ? new SqlLevel(variable, level == "TRUE") : new SqlLevel(variable, level);
    }
}
