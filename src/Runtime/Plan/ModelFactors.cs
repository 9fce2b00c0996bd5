using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Turns a regression's terms (<see cref="ModelTerm"/>s over the cohort's variables) into <see cref="ModelVariable"/>s and
/// term index lists for <see cref="ModelMatrix"/>, with what a reader needs to label each column. Shared by every
/// regression kind of the plan (linear now; logistic and Poisson next).
/// </summary>
/// <remarks>
/// As R's formula: a number enters as is; a category, a bool (levels FALSE, TRUE) and the study's <c>group</c> enter as
/// factors; <c>factor(x)</c> of a number has one level per distinct value, sorted and written as R does. A reference
/// level moves to the front (<c>relevel(f, ref = )</c>).
/// </remarks>
internal sealed class ModelFactors
{
    private readonly List<ModelVariable> _variables = new();
    private readonly List<Labels> _labels = new();
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    private ModelFactors()
    {
    }

    public IReadOnlyList<ModelVariable> Variables => _variables;

    public List<int[]> Terms { get; } = new();

    /// <summary>The variables used by the terms (for missing-value and non-finite counts).</summary>
    public List<Variable> Sources { get; } = new();

    /// <summary>Builds the factors; returns why it cannot (an unknown reference level, a variable kind no regression takes).</summary>
    public static (ModelFactors? Factors, string? Problem) Build(IReadOnlyList<ModelTerm> terms, IReadOnlyList<LinearReference> references, Cohort cohort)
    {
        var factors = new ModelFactors();
        var referenceOf = references.ToDictionary(r => r.Factor, r => r.Level, StringComparer.Ordinal);
        foreach (ModelTerm term in terms)
        {
            var indices = new List<int>();
            foreach (TermFactor factor in term.Factors)
            {
                string? problem = factors.Add(factor, referenceOf, cohort, out int index);
                if (problem is not null)
                {
                    return (null, problem);
                }

                indices.Add(index);
            }

            factors.Terms.Add(indices.ToArray());
        }

        return (factors, null);
    }

    /// <summary>A reader's label of a model-matrix column: "Supplement: VC vs OJ", "Age (per 1 years)", "Arm: active × Sex: M".</summary>
    public string Label(ModelMatrix matrix, ModelColumn column)
    {
        if (column.Term < 0)
        {
            return "(Intercept)";
        }

        int[] term = matrix.Terms[column.Term];
        var parts = new List<string>();
        for (int k = 0; k < term.Length; k++)
        {
            ModelVariable v = matrix.Variables[term[k]];
            Labels labels = _labels[term[k]];
            if (!v.IsFactor)
            {
                parts.Add(term.Length == 1 ? labels.Variable + (labels.Unit is null ? string.Empty : $" (per 1 {labels.Unit})") : labels.Variable);
                continue;
            }

            string level = labels.Level(v.Levels![column.Levels[k]]);
            string prefix = labels.IsGroup ? string.Empty : labels.Variable + ": ";
            parts.Add(term.Length == 1
                ? $"{prefix}{level} vs {labels.Level(v.Levels[0])}"
                : prefix + level);
        }

        return string.Join(" × ", parts);
    }

    private string? Add(TermFactor factor, Dictionary<string, string> referenceOf, Cohort cohort, out int index)
    {
        bool asFactor = factor.Kind == TermFactorKind.CovariateAsFactor;
        string name = factor.Kind == TermFactorKind.Group ? "group" : asFactor ? $"factor({factor.Name})" : factor.Name;
        if (_index.TryGetValue(name, out index))
        {
            return null;
        }

        referenceOf.TryGetValue(factor.Kind == TermFactorKind.Group ? "group" : factor.Name, out string? reference);
        ModelVariable variable;
        Labels labels;
        switch (factor.Kind, factor.Covariate)
        {
            case (TermFactorKind.Group, _):
                (variable, labels) = (ModelVariable.Factor(name, cohort.GroupCodeArray, cohort.GroupNames),
                    new Labels("Group", null, true, cohort.GroupNames.Zip(cohort.GroupLabels).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)));
                break;
            case (_, ContinuousVariable or CountVariable) when !asFactor:
                if (reference is not null)
                {
                    index = -1;
                    return $"'{factor.Name}' is numeric and has no reference level";
                }

                variable = ModelVariable.Numeric(name, Values(factor.Covariate!));
                labels = new Labels(factor.Covariate!.Label, factor.Covariate.Unit, false, null);
                break;
            case (_, ContinuousVariable or CountVariable):
                double[] values = Values(factor.Covariate!);
                double[] distinct = values.Where(x => !double.IsNaN(x)).Distinct().Order().ToArray();
                string[] levelNames = distinct.Select(x => x.ToString("R", CultureInfo.InvariantCulture)).ToArray();
                variable = ModelVariable.Factor(name, values.Select(x => double.IsNaN(x) ? -1 : Array.IndexOf(distinct, x)).ToArray(), levelNames);
                labels = new Labels(factor.Covariate!.Label, null, false, null);
                break;
            case (_, BinaryVariable b):
                variable = ModelVariable.Factor(name, b.CodeArray, ["FALSE", "TRUE"]);
                labels = new Labels(b.Label, null, false, new Dictionary<string, string>(StringComparer.Ordinal) { ["FALSE"] = "false", ["TRUE"] = "true" });
                reference = reference?.ToUpperInvariant();
                break;
            case (_, CategoricalVariable c):
                variable = ModelVariable.Factor(name, c.CodeArray, c.Levels);
                labels = new Labels(c.Label, null, false, c.Levels.Zip(c.LevelLabels).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
                break;
            default:
                index = -1;
                return $"'{factor.Name}' is a {factor.Covariate?.KindName ?? "missing"} variable; a model term must be numeric, a count, bool, categorical or group";
        }

        if (reference is not null)
        {
            int position = variable.Levels!.ToList().IndexOf(reference);
            if (position < 0)
            {
                index = -1;
                return $"reference level '{reference}' is not a level of '{factor.Name}' ({string.Join(", ", variable.Levels!)})";
            }

            variable = Relevel(variable, position);
        }

        index = _variables.Count;
        _variables.Add(variable);
        _labels.Add(labels);
        _index[name] = index;
        if (factor.Covariate is not null)
        {
            Sources.Add(factor.Covariate);
        }

        return null;
    }

    private static double[] Values(Variable variable) => variable switch
    {
        ContinuousVariable c => c.ValueArray,
        CountVariable c => c.ValueArray,
        _ => throw new ArgumentException("Not a numeric variable.", nameof(variable)),
    };

    /// <summary>R's <c>relevel</c>: the reference first, the other levels in their order.</summary>
    private static ModelVariable Relevel(ModelVariable variable, int reference)
    {
        int[] order = new[] { reference }.Concat(Enumerable.Range(0, variable.Levels!.Count).Where(l => l != reference)).ToArray();
        int[] newCode = new int[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            newCode[order[k]] = k;
        }

        return ModelVariable.Factor(variable.Name, variable.Codes!.Select(c => c < 0 ? -1 : newCode[c]).ToArray(), order.Select(l => variable.Levels[l]).ToArray());
    }

    private sealed record Labels(string Variable, string? Unit, bool IsGroup, Dictionary<string, string>? LevelLabels)
    {
        public string Level(string level) => LevelLabels is not null && LevelLabels.TryGetValue(level, out string? label) ? label : level;
    }
}
