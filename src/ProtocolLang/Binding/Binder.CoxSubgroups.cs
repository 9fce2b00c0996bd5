using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>model cox Death ~ arm + age subgroup sex, age >= 65</c>: each subgroup is a factor as <c>by</c> takes it (a category,
/// a bool, a group set, <c>group</c>, or a bool or categorical expression). The treatment whose hazard ratio the subgroups
/// show is the model's <c>group</c> term or, without one, its first term; it must be a factor main effect in no interaction,
/// so that it has one hazard ratio (per contrast) in every subgroup.
/// </summary>
public sealed partial class Binder
{
    private BoundCoxSubgroups? BindCoxSubgroups(AnalysisClauses clauses, List<ImmutableArray<CoxFactor>> terms, Dictionary<string, string> references)
    {
        var expressions = clauses.Expressions("subgroup");
        if (expressions.IsEmpty)
        {
            return null;
        }

        var treatment = CoxTreatment(clauses, terms);
        var factors = ImmutableArray.CreateBuilder<BoundCoxTerm>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var expression in expressions)
        {
            if (BindFactor(expression, "subgroup", "cox") is not { } factor)
            {
                continue;
            }

            if (treatment is { } t && terms[t][0].Name == factor.Name)
            {
                _diagnostics.Add(DiagnosticDescriptors.SubgroupIsTreatment, expression.Span, factor.Name);
                continue;
            }

            if (!seen.Add(factor.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.SubgroupRepeated, expression.Span, factor.Name);
                continue;
            }

            factors.Add(new BoundCoxTerm(factor.Variable, references.TryGetValue(factor.Name, out var level) ? level : null));
        }

        return treatment is { } index ? new BoundCoxSubgroups(index, factors.ToImmutable()) : null;
    }

    /// <summary>The index of the treatment term (reported when there is none, or when it is in an interaction).</summary>
    private int? CoxTreatment(AnalysisClauses clauses, List<ImmutableArray<CoxFactor>> terms)
    {
        var span = clauses["subgroup"]!.Keyword.Span;
        int index = terms.FindIndex(t => t.Length == 1 && t[0].Name == "group");
        if (index < 0)
        {
            if (terms.Count == 0 || terms[0].Length != 1)
            {
                _diagnostics.Add(DiagnosticDescriptors.SubgroupWithoutTreatment, span, "the formula has no main-effect term");
                return null;
            }

            index = 0;
            var first = terms[0][0].Variable!;
            if (first.Kind is not VariableKind.Binary and not VariableKind.Categorical)
            {
                _diagnostics.Add(DiagnosticDescriptors.SubgroupWithoutTreatment, span,
                    $"the first term '{first.Name}' is {Describe(first)}; write the treatment first (Surv ~ arm + {first.Name})");
                return null;
            }
        }

        string name = terms[index][0].Name;
        if (terms.FirstOrDefault(t => t.Length > 1 && t.Any(f => f.Name == name)) is { IsDefault: false } interaction)
        {
            _diagnostics.Add(DiagnosticDescriptors.SubgroupTreatmentInInteraction, span, name, string.Join(":", interaction.Select(f => f.Name)));
            return null;
        }

        return index;
    }
}
