using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>Named populations (<c>population ITT "Intention to treat": true</c>), which analyses select with <c>in</c>.</summary>
public sealed partial class Binder
{
    private ImmutableArray<BoundPopulation> BindPopulations(ImmutableArray<DeclarationSyntax> declarations)
    {
        var populations = ImmutableArray.CreateBuilder<BoundPopulation>();
        foreach (var population in declarations.OfType<PopulationSyntax>())
        {
            if (SubjectScope is not { } subjects)
            {
                break;
            }

            var previous = populations.FirstOrDefault(p => p.Name == population.Name.Name);
            if (previous is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, population.Name.Span, "population", population.Name.Name, Line(previous.Span));
                continue;
            }

            CheckPopulationName(population.Name);
            // A literal `true` conjunct holds for everyone: `population ITT "...": true` has no condition to report.
            var conditions = Conjuncts(population.Condition)
                .Where(c => c is not BoolLiteralExpressionSyntax { Value: true })
                .Select(c => new BoundPopulationCondition(Snippet(c.Span), BindPredicate(c, new ExpressionContext(subjects), "a population condition")));
            populations.Add(new BoundPopulation(population.Name.Name, population.Label.Value, [.. conditions], population.Name.Span));
            _populations.Add(population.Name.Name);
        }

        return populations.ToImmutable();
    }

    /// <summary>The operands of the top-level <c>and</c>s, left to right (one for any other expression).</summary>
    private static IEnumerable<ExpressionSyntax> Conjuncts(ExpressionSyntax syntax) =>
        syntax is BinaryExpressionSyntax { Operator: BinaryOperator.And } and
            ? Conjuncts(and.Left).Concat(Conjuncts(and.Right))
            : [syntax];
}
