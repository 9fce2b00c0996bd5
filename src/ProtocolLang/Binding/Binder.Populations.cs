using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// Named populations (<c>population PP "Per protocol": adherent and not deviated</c>). Bound after the groups and
/// outcomes (a population may not take their names) and before the analyses (<c>in PP</c> resolves against them),
/// wherever they are written in the file.
/// </summary>
public sealed partial class Binder
{
    private ImmutableArray<PopulationSymbol> BindPopulations(ImmutableArray<DeclarationSyntax> declarations)
    {
        var populations = ImmutableArray.CreateBuilder<PopulationSymbol>();
        foreach (var population in declarations.OfType<PopulationSyntax>())
        {
            var name = population.Name;
            var previous = populations.FirstOrDefault(p => p.Name == name.Name);
            if (previous is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, name.Span, "population", name.Name, Line(previous.Span));
                continue;
            }

            if (NameTakenByPopulation(name) is { } taken)
            {
                _diagnostics.Add(DiagnosticDescriptors.PopulationNameTaken, name.Span, name.Name, taken.What, Line(taken.Span));
            }

            if (SubjectScope is not { } subjects)
            {
                continue;
            }

            var conditions = Conjuncts(population.Predicate)
                .Select(c => new BoundPopulationCondition(Snippet(c.Span), BindPredicate(c, new ExpressionContext(subjects), "a population condition")))
                .ToImmutableArray();
            populations.Add(new PopulationSymbol(name.Name, population.Label.Value, conditions, name.Span));
            _populations.Add(name.Name);
        }

        return populations.ToImmutable();
    }

    /// <summary>A group, group set or outcome of the same name: <c>in X</c> and <c>by X</c> would read alike, so it is an error.</summary>
    private (string What, Text.TextSpan Span)? NameTakenByPopulation(IdentifierSyntax name)
    {
        if (_groups.FirstOrDefault(g => g.Name == name.Name) is { } group)
        {
            return ("the group", group.Span);
        }

        if (_groupSets.FirstOrDefault(s => s.Name == name.Name) is { } set)
        {
            return ("the group set", set.Span);
        }

        if (_outcomes.FirstOrDefault(o => o.Name == name.Name) is { } outcome)
        {
            return ("the outcome", outcome.Span);
        }

        return null;
    }

    /// <summary>
    /// The top-level <c>and</c> conjuncts of a predicate, left to right. A parenthesised <c>(a and b)</c> stays one
    /// condition: the author grouped it, so the flow reports it as one step.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> Conjuncts(ExpressionSyntax predicate) => predicate switch
    {
        BinaryExpressionSyntax { Operator: BinaryOperator.And } and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        _ => [predicate],
    };
}
