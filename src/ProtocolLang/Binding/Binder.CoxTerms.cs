using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// The terms of a Cox formula: variables, subject-level expressions (<c>log(bili)</c>), named group sets (<c>arm</c>) and
/// the study's <c>group</c>, joined by <c>+</c>, with interactions <c>a * b</c> (= a + b + a:b) and <c>a : b</c> (the
/// product only). The terms come out as R's <c>terms()</c> orders them: by order (main effects, then two-way
/// interactions, ...), and within an interaction the factors in the order the formula first names them
/// (<c>age + ecog + ecog:age</c> gives <c>age:ecog</c>); a term written twice is kept once.
/// </summary>
public sealed partial class Binder
{
    /// <summary>A factor of a Cox term: its name (<c>group</c>, a variable's name or an expression's text) and variable (null for <c>group</c>).</summary>
    private sealed record CoxFactor(string Name, BoundVariable? Variable);

    private List<ImmutableArray<CoxFactor>> BindCoxTerms(FormulaSyntax formula)
    {
        var terms = new List<ImmutableArray<CoxFactor>>();
        var firstSeen = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var term in formula.Terms)
        {
            if (term is not FixedTermSyntax fixedTerm || fixedTerm.Factors.Any(f => f.AsFactor))
            {
                _diagnostics.Add(DiagnosticDescriptors.CoxTermNotSupported, term.Span, Snippet(term.Span));
                continue;
            }

            var factors = new List<CoxFactor>();
            var bad = false;
            foreach (var factorSyntax in fixedTerm.Factors)
            {
                var factor = BindCoxFactor(factorSyntax);
                if (factor is null)
                {
                    bad = true;
                    continue;
                }

                if (factors.Any(f => f.Name == factor.Name))
                {
                    _diagnostics.Add(DiagnosticDescriptors.CoxSelfInteraction, factorSyntax.Span, factor.Name, Snippet(fixedTerm.Span));
                    bad = true;
                    continue;
                }

                factors.Add(factor);
                if (!firstSeen.ContainsKey(factor.Name))
                {
                    firstSeen[factor.Name] = firstSeen.Count;
                }
            }

            if (bad || factors.Count == 0)
            {
                continue;
            }

            foreach (var subset in ExpandSubsets(factors, fixedTerm.Operator))
            {
                var ordered = subset.OrderBy(f => firstSeen[f.Name]).ToImmutableArray();
                if (!terms.Any(t => t.Length == ordered.Length && t.All(f => ordered.Any(o => o.Name == f.Name))))
                {
                    terms.Add(ordered);
                }
            }
        }

        // R's terms(keep.order = FALSE): a stable sort by the term's order.
        return terms.Select((t, i) => (t, i)).OrderBy(x => x.t.Length).ThenBy(x => x.i).Select(x => x.t).ToList();
    }

    /// <summary><c>group</c>, a named group set (a categorical factor over its groups), or a subject-level variable or expression.</summary>
    private CoxFactor? BindCoxFactor(FormulaFactorSyntax factor)
    {
        if (factor.Variable is { Name: "group" })
        {
            return new CoxFactor("group", null);
        }

        if (factor.Variable is { } name && _groupSets.FirstOrDefault(s => s.Name == name.Name) is { } set)
        {
            return new CoxFactor(set.Name, BoundVariable.ForGroupSet(set));
        }

        return ResolveSubjectExpression(factor.Expression, "cox") is { } variable ? new CoxFactor(variable.Name, variable) : null;
    }

    /// <summary>The levels a reference of a Cox factor may name: a category's levels, a group set's groups; null for anything else.</summary>
    private static IReadOnlyList<string>? CoxFactorLevels(BoundVariable variable)
    {
        if (variable.GroupSet is { } set)
        {
            return set.Groups.Select(g => g.Name).ToList();
        }

        var type = variable.Column?.Type ?? variable.Derive?.Type ?? variable.Outcome?.Value?.Type ?? variable.Expression?.Type;
        return type is { Kind: TypeKind.Category, Category: { } category } ? category.Levels : null;
    }

    /// <summary>A bound Cox term: a main effect, or an interaction whose factors carry their references.</summary>
    private static BoundCoxTerm ToBoundCoxTerm(ImmutableArray<CoxFactor> term, Dictionary<string, string> references)
    {
        BoundCoxTerm Main(CoxFactor f) => new(f.Variable, references.TryGetValue(f.Name, out var level) ? level : null);
        return term.Length == 1 ? Main(term[0]) : new BoundCoxTerm(null, null) { Interaction = term.Select(Main).ToImmutableArray() };
    }
}
