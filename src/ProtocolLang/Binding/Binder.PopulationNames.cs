using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    /// <summary>
    /// PL2180 when a population takes the name of a group, group set or outcome: <c>in X</c> and <c>by X</c> would read
    /// alike. Group sets and outcomes are bound before the populations.
    /// </summary>
    private void CheckPopulationName(IdentifierSyntax name)
    {
        (string What, Text.TextSpan Span)? taken =
            _groups.FirstOrDefault(g => g.Name == name.Name) is { } group ? ("the group", group.Span)
            : _groupSets.FirstOrDefault(s => s.Name == name.Name) is { } set ? ("the group set", set.Span)
            : _outcomes.FirstOrDefault(o => o.Name == name.Name) is { } outcome ? ("the outcome", outcome.Span)
            : null;
        if (taken is { } t)
        {
            _diagnostics.Add(DiagnosticDescriptors.PopulationNameTaken, name.Span, name.Name, t.What, Line(t.Span));
        }
    }
}
