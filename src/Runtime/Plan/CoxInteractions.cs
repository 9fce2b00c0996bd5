using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The design columns of a Cox interaction term (<c>a:b</c>), built as R's <c>model.matrix</c> builds them: each column is
/// the product of one column of each factor, the first factor varying fastest. A numeric factor contributes its values; a
/// categorical or yes/no factor its 0/1 level indicators, in treatment contrasts (levels other than the reference) when the
/// term without that factor is also in the model (for <c>a * b</c> always), else one indicator per level. That is the rule
/// of Chambers and Hastie (1992), Statistical Models in S, section 2.4.1, which R's stats::model.matrix implements (and
/// coxph uses, dropping the intercept column): <c>age + sex:age</c> codes sex by contrasts, <c>sex:age</c> alone by
/// indicators (tests/Reference/r/cox_interaction_terms.R pins both against coxph).
/// Column names join the factors' column names with ':' (<c>sex2:ph_ecog</c>), as R does with its dummy names.
/// </summary>
internal static class CoxInteractions
{
    /// <summary>One column of one factor: its name (<c>sex2</c>), level (null for a number), label part and values (NaN = missing).</summary>
    private sealed record Part(string Name, string? Level, string Label, double[] Values);

    /// <summary>Adds the interaction's covariate and its label maker; returns why it cannot, or null.</summary>
    public static string? Add(CoxTerm term, IReadOnlyList<CoxTerm> model, Cohort cohort, List<CoxCovariate> covariates, Dictionary<string, Func<string?, string>> labels)
    {
        var factors = new List<IReadOnlyList<Part>>();
        for (int k = 0; k < term.Interaction.Count; k++)
        {
            CoxTerm factor = term.Interaction[k];
            string[] others = term.Interaction.Where((_, i) => i != k).Select(f => f.Name).ToArray();
            bool contrasts = model.Any(t => SameFactors(t, others));
            string? problem = Parts(factor, contrasts, cohort, out IReadOnlyList<Part> parts);
            if (problem is not null)
            {
                return problem;
            }

            factors.Add(parts);
        }

        // Cartesian product, the first factor varying fastest (R's column order for a:b).
        IEnumerable<Part[]> combinations = [[]];
        foreach (IReadOnlyList<Part> parts in factors)
        {
            List<Part[]> sofar = combinations.ToList();
            combinations = parts.SelectMany(part => sofar.Select(c => c.Append(part).ToArray())).ToList();
        }

        var columns = new List<CoxProductColumn>();
        var columnLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Part[] combination in combinations)
        {
            string[] levels = combination.Where(p => p.Level is not null).Select(p => p.Level!).ToArray();
            string? level = levels.Length == 0 ? null : string.Join(":", levels);
            int n = combination[0].Values.Length;
            var values = new double[n];
            for (int i = 0; i < n; i++)
            {
                double product = 1;
                foreach (Part part in combination)
                {
                    product *= part.Values[i]; // NaN (missing) propagates: the row leaves the model, as na.omit
                }

                values[i] = product;
            }

            columns.Add(new CoxProductColumn(string.Join(":", combination.Select(p => p.Name)), level, values));
            columnLabels[level ?? string.Empty] = string.Join(" × ", combination.Select(p => p.Label));
        }

        string name = term.NameIn(ScopedCohort.GroupTermOf(cohort));
        covariates.Add(new CoxProductCovariate(name, columns));
        labels[name] = level => columnLabels[level ?? string.Empty];
        return null;
    }

    /// <summary>The label of an interaction term as a whole (cox.zph's row): its factors' labels joined by ×.</summary>
    public static string Label(CoxTerm term, string groupTerm = ScopedCohort.DefaultGroupTerm) =>
        term.IsInteraction
            ? string.Join(" × ", term.Interaction.Select(f => Label(f, groupTerm)))
            : term.Covariate?.Label ?? (groupTerm == ScopedCohort.DefaultGroupTerm ? "Group" : groupTerm);

    /// <summary>Whether <paramref name="term"/> is the term made of exactly <paramref name="names"/> (in any order).</summary>
    private static bool SameFactors(CoxTerm term, string[] names)
    {
        string[] own = term.IsInteraction ? term.Interaction.Select(f => f.Name).ToArray() : [term.Name];
        return own.Length == names.Length && own.All(names.Contains);
    }

    private static string? Parts(CoxTerm factor, bool contrasts, Cohort cohort, out IReadOnlyList<Part> parts)
    {
        parts = [];
        switch (factor.Covariate)
        {
            case null:
                // The study's group factor, named and labelled as its main effect is (groupB; the group's label alone).
                int group = factor.ReferenceLevel is null ? 0 : IndexOf(cohort.GroupNames, factor.ReferenceLevel);
                if (group < 0)
                {
                    return $"reference group '{factor.ReferenceLevel}' is not a group of this study";
                }

                string groupTerm = ScopedCohort.GroupTermOf(cohort);
                parts = Indicators(groupTerm, Label(factor, groupTerm), cohort.GroupNames, cohort.GroupLabels, cohort.GroupCodeArray, contrasts ? group : -1)
                    .Select(p => p with { Label = cohort.GroupLabels[IndexOf(cohort.GroupNames, p.Level!)] })
                    .ToArray();
                return null;
            case ContinuousVariable c:
                parts = [new Part(c.Name, null, c.Label, c.ValueArray)];
                return NoReference(factor);
            case CountVariable c:
                parts = [new Part(c.Name, null, c.Label, c.ValueArray)];
                return NoReference(factor);
            case BinaryVariable b:
                string[] yesNo = ["FALSE", "TRUE"];
                int binaryReference = factor.ReferenceLevel is null ? 0 : Array.IndexOf(yesNo, factor.ReferenceLevel.ToUpperInvariant());
                if (binaryReference < 0)
                {
                    return $"reference level '{factor.ReferenceLevel}' of '{b.Name}' is not true or false";
                }

                parts = Indicators(b.Name, b.Label, yesNo, ["false", "true"], b.CodeArray, contrasts ? binaryReference : -1);
                return null;
            case CategoricalVariable v:
                int reference = factor.ReferenceLevel is null ? 0 : IndexOf(v.Levels, factor.ReferenceLevel);
                if (reference < 0)
                {
                    return $"reference level '{factor.ReferenceLevel}' is not a level of '{v.Name}' ({string.Join(", ", v.Levels)})";
                }

                parts = Indicators(v.Name, v.Label, v.Levels, v.LevelLabels, v.CodeArray, contrasts ? reference : -1);
                return null;
            default:
                return $"'{factor.Covariate.Name}' is a {factor.Covariate.KindName} variable; a Cox covariate must be continuous, count, binary or categorical";
        }
    }

    /// <summary>A 0/1 column per level but <paramref name="reference"/> (-1: every level); NaN where the code is missing.</summary>
    private static Part[] Indicators(string name, string label, IReadOnlyList<string> levels, IReadOnlyList<string> levelLabels, int[] codes, int reference) =>
        Enumerable.Range(0, levels.Count).Where(level => level != reference)
            .Select(level => new Part(name + levels[level], levels[level], $"{label}: {levelLabels[level]}",
                Array.ConvertAll(codes, code => code < 0 || code >= levels.Count ? double.NaN : code == level ? 1.0 : 0.0)))
            .ToArray();

    private static string? NoReference(CoxTerm factor) =>
        factor.ReferenceLevel is null ? null : $"'{factor.Covariate!.Name}' is numeric and has no reference level";

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
