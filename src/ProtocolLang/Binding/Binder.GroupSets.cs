using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// Named group sets (<c>groups arm { treat "Treatment": arm_code == 1  control "Control": arm_code == 2 }</c>): each is a
/// categorical factor usable wherever a factor is (<c>by arm</c>, <c>within arm</c>). Unlike the unnamed
/// <c>groups { }</c> block they do not decide who is analysed.
/// </summary>
public sealed partial class Binder
{
    private readonly List<GroupSetSymbol> _groupSets = [];

    private void BindGroupSets(ImmutableArray<DeclarationSyntax> declarations)
    {
        foreach (var block in declarations.OfType<GroupsSyntax>())
        {
            if (block.Name is not { } name)
            {
                continue;
            }

            var previous = _groupSets.FirstOrDefault(s => s.Name == name.Name);
            if (previous is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, name.Span, "group set", name.Name, Line(previous.Span));
                continue;
            }

            if (NameTakenByGroupSet(name.Name) is { } taken)
            {
                _diagnostics.Add(DiagnosticDescriptors.GroupSetNameTaken, name.Span, name.Name, taken);
                continue;
            }

            if (SubjectScope is not { } subjects)
            {
                continue;
            }

            var excludeOverlapping = BindPolicy(block.OnOverlap, inherited: false, inheritedFromStudy: false);
            var groups = new List<GroupSymbol>();
            var shapes = new List<(GroupSyntax Syntax, Dictionary<string, HashSet<string>>? Tests, string Text)>();
            foreach (var group in block.Groups)
            {
                var same = groups.FirstOrDefault(g => g.Name == group.Name.Name);
                if (same is not null)
                {
                    _diagnostics.Add(DiagnosticDescriptors.DuplicateName, group.Name.Span, "group", group.Name.Name, Line(same.Span));
                    continue;
                }

                var predicate = BindPredicate(group.Predicate, new ExpressionContext(subjects), "a group predicate");
                groups.Add(new GroupSymbol(group.Name.Name, group.Label.Value, predicate, group.Name.Span));
                var tests = new Dictionary<string, HashSet<string>>(System.StringComparer.Ordinal);
                shapes.Add((group, CollectLevelTests(predicate, tests) ? tests : null, Snippet(group.Predicate.Span)));
            }

            if (groups.Count == 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.EmptyGroupSet, name.Span, name.Name);
                continue;
            }

            CheckOverlaps(shapes);
            _groupSets.Add(new GroupSetSymbol(name.Name, [.. groups], excludeOverlapping, name.Span));
        }
    }

    /// <summary>What else a group set's name would name in <c>by NAME</c>: a subject-level variable, an outcome or a group.</summary>
    private string? NameTakenByGroupSet(string name)
    {
        if (name == "group")
        {
            return "the study's group factor";
        }

        if (_outcomes.Any(o => o.Name == name))
        {
            return "an outcome";
        }

        if (SubjectScope is { } subjects && (subjects.Columns.ContainsKey(name) || subjects.Derives.ContainsKey(name)))
        {
            return "a subject-level column or derived variable";
        }

        return _groups.Any(g => g.Name == name) ? "a group" : null;
    }

    /// <summary>The named group set <c>by</c>/<c>within</c> names, as a categorical factor; null when there is none.</summary>
    private BoundFactor? GroupSetFactor(IdentifierSyntax name) =>
        _groupSets.FirstOrDefault(s => s.Name == name.Name) is { } set ? new BoundFactor(name.Name, BoundVariable.ForGroupSet(set)) : null;
}
