using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Turns a <see cref="CoxSpec"/>'s variables into the Cox kernel's covariates, outcome and strata.</summary>
internal static class CoxCovariates
{
    /// <summary>Adds the term's covariate and its label maker; returns why it cannot, or null.</summary>
    /// <param name="model">Every term of the model: an interaction's coding depends on which other terms are present.</param>
    public static string? Add(CoxTerm term, IReadOnlyList<CoxTerm> model, Cohort cohort, List<CoxCovariate> covariates, Dictionary<string, Func<string?, string>> labels)
    {
        if (term.IsInteraction)
        {
            return CoxInteractions.Add(term, model, cohort, covariates, labels);
        }

        switch (term.Covariate)
        {
            case null:
                int reference = term.ReferenceLevel is null ? 0 : IndexOf(cohort.GroupNames, term.ReferenceLevel);
                if (reference < 0)
                {
                    return $"reference group '{term.ReferenceLevel}' is not a group of this study";
                }

                string name = ScopedCohort.GroupTermOf(cohort);
                covariates.Add(new CoxFactorCovariate(name, cohort.GroupNames, cohort.GroupCodeArray, reference));
                labels[name] = level => $"{cohort.GroupLabels[IndexOf(cohort.GroupNames, level!)]} vs {cohort.GroupLabels[reference]}";
                return null;
            case ContinuousVariable c:
                covariates.Add(new CoxNumericCovariate(c.Name, c.ValueArray));
                labels[c.Name] = _ => c.Label + (c.Unit is null ? string.Empty : $" (per 1 {c.Unit})");
                return NoReference(term);
            case CountVariable c:
                covariates.Add(new CoxNumericCovariate(c.Name, c.ValueArray));
                labels[c.Name] = _ => c.Label + " (per 1)";
                return NoReference(term);
            case BinaryVariable b:
                int[] codes = b.CodeArray;
                string[] yesNo = { "FALSE", "TRUE" };
                int binaryReference = term.ReferenceLevel is null ? 0 : IndexOf(yesNo, term.ReferenceLevel.ToUpperInvariant());
                if (binaryReference < 0)
                {
                    return $"reference level '{term.ReferenceLevel}' of '{b.Name}' is not true or false";
                }

                covariates.Add(new CoxFactorCovariate(b.Name, yesNo, codes, binaryReference));
                labels[b.Name] = level => $"{b.Label}: {level!.ToLowerInvariant()} vs {yesNo[binaryReference].ToLowerInvariant()}";
                return null;
            case CategoricalVariable v:
                int levelReference = term.ReferenceLevel is null ? 0 : IndexOf(v.Levels, term.ReferenceLevel);
                if (levelReference < 0)
                {
                    return $"reference level '{term.ReferenceLevel}' is not a level of '{v.Name}' ({string.Join(", ", v.Levels)})";
                }

                covariates.Add(new CoxFactorCovariate(v.Name, v.Levels, v.CodeArray, levelReference));
                labels[v.Name] = level => $"{v.Label}: {LevelLabelOf(v, level)} vs {v.LevelLabels[levelReference]}";
                return null;
            default:
                return $"'{term.Covariate.Name}' is a {term.Covariate.KindName} variable; a Cox covariate must be continuous, count, binary or categorical";
        }
    }

    /// <summary>One code per combination of the strata variables' values (R's <c>strata(a, b)</c>); -1 = missing.</summary>
    public static int[] StratumCodes(IReadOnlyList<Variable> strata)
    {
        int n = strata[0].Cohort.Count;
        var codes = new int[n];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string?[] parts = strata.Select(s => Value(s, i)).ToArray();
            if (parts.Any(p => p is null))
            {
                codes[i] = -1;
                continue;
            }

            string key = string.Join("\u001f", parts);
            if (!seen.TryGetValue(key, out int code))
            {
                code = seen.Count;
                seen[key] = code;
            }

            codes[i] = code;
        }

        return codes;
    }

    private static string? Value(Variable variable, int i)
    {
        return variable switch
        {
            ContinuousVariable c => Number(c.ValueArray[i]),
            CountVariable c => Number(c.ValueArray[i]),
            BinaryVariable b => b.CodeArray[i] < 0 ? null : b.CodeArray[i].ToString(CultureInfo.InvariantCulture),
            CategoricalVariable c => c.CodeArray[i] < 0 ? null : c.CodeArray[i].ToString(CultureInfo.InvariantCulture),
            _ => null,
        };

        static string? Number(double v) => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string? NoReference(CoxTerm term) =>
        term.ReferenceLevel is null ? null : $"'{term.Covariate!.Name}' is numeric and has no reference level";

    /// <summary>The label of a level given by its code (the design column's level); the code itself if it is not a level.</summary>
    private static string LevelLabelOf(CategoricalVariable variable, string? level)
    {
        int index = level is null ? -1 : IndexOf(variable.Levels, level);
        return index < 0 ? level ?? string.Empty : variable.LevelLabels[index];
    }

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
