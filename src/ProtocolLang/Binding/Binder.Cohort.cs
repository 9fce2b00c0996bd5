using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    private ImmutableArray<BoundCriterion> BindCriteria(ImmutableArray<DeclarationSyntax> declarations)
    {
        var criteria = ImmutableArray.CreateBuilder<BoundCriterion>();
        foreach (var criterion in declarations.OfType<CriterionSyntax>())
        {
            if (SubjectScope is not { } subjects)
            {
                continue;
            }

            var what = (criterion.Kind == Syntax.CriterionKind.Include ? "an include" : "an exclude") + " criterion";
            var predicate = BindPredicate(criterion.Predicate, new ExpressionContext(subjects), what);
            var kind = criterion.Kind == Syntax.CriterionKind.Include ? CriterionKind.Include : CriterionKind.Exclude;
            criteria.Add(new BoundCriterion(kind, criterion.Label.Value, predicate, criterion.Span));
        }

        return criteria.ToImmutable();
    }

    /// <summary>The unnamed <c>groups { }</c> block: the study's group factor, which decides who is analysed.</summary>
    private void BindGroups(ImmutableArray<DeclarationSyntax> declarations)
    {
        var blocks = declarations.OfType<GroupsSyntax>().Where(b => b.Name is null).ToList();
        for (var i = 1; i < blocks.Count; i++)
        {
            _diagnostics.Add(DiagnosticDescriptors.DuplicateDeclaration, blocks[i].Span, "groups", Line(blocks[0].Span));
        }

        if (blocks.Count == 0 || SubjectScope is not { } subjects)
        {
            return;
        }

        _excludeOverlapping = BindPolicy(blocks[0].OnOverlap, inherited: false, inheritedFromStudy: false);

        var shapes = new List<(GroupSyntax Syntax, Dictionary<string, HashSet<string>>? Tests, string Text)>();
        foreach (var group in blocks[0].Groups)
        {
            var previous = _groups.FirstOrDefault(g => g.Name == group.Name.Name);
            if (previous is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, group.Name.Span, "group", group.Name.Name, Line(previous.Span));
                continue;
            }

            var predicate = BindPredicate(group.Predicate, new ExpressionContext(subjects), "a group predicate");
            _groups.Add(new GroupSymbol(group.Name.Name, group.Label.Value, predicate, group.Name.Span));
            var tests = new Dictionary<string, HashSet<string>>(System.StringComparer.Ordinal);
            shapes.Add((group, CollectLevelTests(predicate, tests) ? tests : null, Snippet(group.Predicate.Span)));
        }

        CheckOverlaps(shapes);
    }

    /// <summary>
    /// Warns when two groups may hold the same subject. Only predicates that are conjunctions of
    /// <c>column == level</c> / <c>column in (levels)</c> tests are analysed: two such groups are
    /// disjoint when they test a shared column with no level in common. Anything else is not judged.
    /// </summary>
    private void CheckOverlaps(List<(GroupSyntax Syntax, Dictionary<string, HashSet<string>>? Tests, string Text)> shapes)
    {
        for (var j = 1; j < shapes.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var (a, b) = (shapes[i], shapes[j]);
                if (a.Text == b.Text || (a.Tests is not null && b.Tests is not null && SameTests(a.Tests, b.Tests)))
                {
                    _diagnostics.Add(DiagnosticDescriptors.IdenticalGroups, b.Syntax.Name.Span, a.Syntax.Name.Name, b.Syntax.Name.Name);
                    continue;
                }

                if (a.Tests is null || b.Tests is null)
                {
                    continue;
                }

                var disjoint = a.Tests.Any(t => b.Tests.TryGetValue(t.Key, out var levels) && !levels.Overlaps(t.Value));
                if (!disjoint)
                {
                    _diagnostics.Add(DiagnosticDescriptors.GroupsMayOverlap, b.Syntax.Name.Span, a.Syntax.Name.Name, b.Syntax.Name.Name);
                }
            }
        }
    }

    private static bool SameTests(Dictionary<string, HashSet<string>> a, Dictionary<string, HashSet<string>> b) =>
        a.Count == b.Count && a.All(t => b.TryGetValue(t.Key, out var levels) && levels.SetEquals(t.Value));

    /// <summary>Adds the level tests of a conjunction; false when the predicate is anything else.</summary>
    private static bool CollectLevelTests(BoundExpression predicate, Dictionary<string, HashSet<string>> tests)
    {
        switch (predicate)
        {
            case BoundBinary { Operator: BinaryOperator.And } and:
                return CollectLevelTests(and.Left, tests) && CollectLevelTests(and.Right, tests);
            case BoundBinary { Operator: BinaryOperator.Equal, Left: BoundColumnReference column } eq
                when LevelName(eq.Right) is { } level:
                return Restrict(tests, column.Column.Name, [level]);
            case BoundIn { Negated: false, Operand: BoundColumnReference column } @in
                when @in.Values.All(v => LevelName(v) is not null):
                return Restrict(tests, column.Column.Name, @in.Values.Select(v => LevelName(v)!));
            case BoundColumnReference { Type.Kind: TypeKind.Bool } column:
                return Restrict(tests, column.Column.Name, ["true"]);
            default:
                return false;
        }
    }

    private static string? LevelName(BoundExpression value) => value switch
    {
        BoundLevel level => level.Name,
        BoundBoolLiteral b => b.Value ? "true" : "false",
        _ => null,
    };

    private static bool Restrict(Dictionary<string, HashSet<string>> tests, string column, IEnumerable<string> levels)
    {
        var set = new HashSet<string>(levels, System.StringComparer.Ordinal);
        if (tests.TryGetValue(column, out var existing))
        {
            existing.IntersectWith(set);
        }
        else
        {
            tests.Add(column, set);
        }

        return true;
    }
}
