using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// A time-to-event outcome written inline where one is analysed (issue 12, item 7):
/// <c>model kaplan_meier time_to_event(time / 30.44, status == 2) by sex</c>. It reads as the outcome declaration
/// <c>outcome X: time_to_event(time, event)</c> does, without the declaration: the time must be a number and the
/// event a bool over the subject table, and the outcome is named and labelled by its text (whitespace-normalised).
/// </summary>
public sealed partial class Binder
{
    private const string InlineTimeToEvent = "time_to_event";

    /// <summary>Whether a head item is an inline <c>time_to_event(time, event)</c>.</summary>
    private static bool IsInlineTimeToEvent(ExpressionSyntax item) =>
        item is CallExpressionSyntax { Function.Name: InlineTimeToEvent };

    /// <summary>The outcome an inline <c>time_to_event(...)</c> describes; null (reported by the expression binder or as PL2021) when its arguments do not fit.</summary>
    private OutcomeSymbol? BindInlineTimeToEvent(CallExpressionSyntax call)
    {
        ReportAggregateClauses(call);
        if (call.Arguments.Length != 2)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongArgumentCount, call.Span, InlineTimeToEvent, "2 arguments (time, event)",
                Arguments(call.Arguments.Length));
            return null;
        }

        var text = Snippet(call.Span);
        var context = new ExpressionContext(SubjectScope!);
        var time = BindOutcomeValue(call.Arguments[0], context, "a time_to_event", text, BoundType.Number);
        var @event = BindOutcomeValue(call.Arguments[1], context, "a time_to_event", text, BoundType.Bool);
        if (!time.Type.IsNumeric || @event.Type.Kind != TypeKind.Bool)
        {
            return null;
        }

        return new OutcomeSymbol(text, text, OutcomeKind.TimeToEvent, UnitOf(time), null, SummaryKind.Median, time, @event, null,
            null, null, null, null, call.Span);
    }
}
