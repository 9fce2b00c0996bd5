using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    private void BindOutcomes(ImmutableArray<DeclarationSyntax> declarations)
    {
        foreach (var outcome in declarations.OfType<OutcomeSyntax>())
        {
            if (SubjectScope is not { } subjects)
            {
                continue;
            }

            var name = outcome.Name;
            var previous = _outcomes.FirstOrDefault(o => o.Name == name.Name);
            if (previous is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, name.Span, "outcome", name.Name, Line(previous.Span));
                continue;
            }

            if (subjects.Columns.TryGetValue(name.Name, out var column))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, name.Span, "name", name.Name, Line(column.Span));
                continue;
            }

            if (subjects.Derives.TryGetValue(name.Name, out var derive))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, name.Span, "name", name.Name, Line(derive.Syntax.Name.Span));
                continue;
            }

            var symbol = BindOutcome(outcome, subjects);
            if (symbol is not null)
            {
                _outcomes.Add(symbol);
            }
        }
    }

    private OutcomeSymbol? BindOutcome(OutcomeSyntax outcome, TableScope subjects)
    {
        var name = outcome.Name.Name;
        var label = outcome.Label?.Value ?? name;
        var context = new ExpressionContext(subjects);
        var blank = new OutcomeSymbol(name, label, OutcomeKind.Continuous, null, null, SummaryKind.Median, null, null, null,
            null, null, null, null, outcome.Name.Span);
        switch (outcome.Kind)
        {
            case ContinuousOutcomeSyntax c:
            {
                var value = BindOutcomeValue(c.Value, context, "a continuous", name, BoundType.Number);
                var summary = SummaryKind.Median;
                if (c.Summary is { } s)
                {
                    if (s.Name == "mean")
                    {
                        summary = SummaryKind.Mean;
                    }
                    else if (s.Name == "geometric_mean")
                    {
                        summary = SummaryKind.GeometricMean;
                    }
                    else if (s.Name != "median")
                    {
                        _diagnostics.Add(DiagnosticDescriptors.UnknownOption, s.Span, "summary", s.Name, "median, mean or geometric_mean");
                    }
                }

                return blank with { Kind = OutcomeKind.Continuous, Value = value, Summary = summary, Unit = UnitOf(value) };
            }

            case BinaryOutcomeSyntax b:
                return blank with { Kind = OutcomeKind.Binary, Value = BindOutcomeValue(b.Value, context, "a binary", name, BoundType.Bool) };
            case CountOutcomeSyntax c:
            {
                var value = BindOutcomeValue(c.Value, context, "a count", name, BoundType.Number);
                return blank with { Kind = OutcomeKind.Count, Value = value, Unit = UnitOf(value) };
            }

            case CategoricalOutcomeSyntax c:
            {
                var value = BindExpression(c.Value, context);
                if (value.Type.Kind is not TypeKind.Category and not TypeKind.Error)
                {
                    _diagnostics.Add(DiagnosticDescriptors.OutcomeTypeMismatch, value.Span, "a categorical", name, "a category", value.Type.Display);
                }

                return blank with { Kind = OutcomeKind.Categorical, Value = value };
            }

            case TimeToEventOutcomeSyntax t:
            {
                var time = BindOutcomeValue(t.Time, context, "a time_to_event", name, BoundType.Number);
                var @event = BindOutcomeValue(t.Event, context, "a time_to_event", name, BoundType.Bool);
                return blank with { Kind = OutcomeKind.TimeToEvent, Time = time, Event = @event, Horizon = t.Horizon?.Value, Unit = UnitOf(time) };
            }

            case RepeatedOutcomeSyntax r:
                return BindRepeatedOutcome(r, blank);
            default:
                return null;
        }
    }

    private BoundExpression BindOutcomeValue(ExpressionSyntax syntax, ExpressionContext context, string kind, string name, BoundType expected)
    {
        var value = BindExpression(syntax, context);
        var fits = value.Type.IsLenient || (expected.IsNumeric ? value.Type.IsNumeric : value.Type.Kind == expected.Kind);
        if (!fits)
        {
            _diagnostics.Add(DiagnosticDescriptors.OutcomeTypeMismatch, value.Span, kind, name, "a " + expected.Display, value.Type.Display);
        }

        return value;
    }

    private static string? UnitOf(BoundExpression value) => value is BoundColumnReference column ? column.Column.Unit : null;

    private OutcomeSymbol? BindRepeatedOutcome(RepeatedOutcomeSyntax syntax, OutcomeSymbol blank)
    {
        var table = FindTable(syntax.Table.Name);
        if (table is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownTable, syntax.Table.Span, syntax.Table.Name,
                NameSuggestions.DidYouMean(syntax.Table.Name, _tables.Select(t => t.Name)));
            return null;
        }

        if (table.Parent is null || table.Parent != SubjectScope!.Name)
        {
            _diagnostics.Add(DiagnosticDescriptors.RepeatedTableNotChild, syntax.Table.Span, SubjectScope!.Name, table.Name);
            return null;
        }

        var context = new ExpressionContext(table);
        var value = BindOutcomeValue(new NameExpressionSyntax(null, syntax.Column, syntax.Column.Span), context, "a repeated", blank.Name, BoundType.Number);
        var time = BindOutcomeValue(new NameExpressionSyntax(null, syntax.Time, syntax.Time.Span), context, "a repeated", blank.Name, BoundType.Number);
        return blank with
        {
            Kind = OutcomeKind.Repeated,
            Unit = UnitOf(value),
            RepeatedTable = table.Name,
            RepeatedValue = value,
            RepeatedTimeName = syntax.Time.Name,
            RepeatedTime = time,
        };
    }
}
