using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// A mixed model's <c>where</c>, which may select both subjects and the rows of its repeated outcome's table
/// (<c>where week > 0 and sex == 2</c>): split at its top-level <c>and</c>s into a subject condition and a row condition.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Which table the names of one <c>and</c> part of a split <c>where</c> read.</summary>
    private enum WherePartKind
    {
        Subjects,
        Rows,
        Both,
        Invalid,
    }

    /// <summary>
    /// Binds the <c>where</c> of an analysis of a repeated outcome. Each top-level <c>and</c> part names either subject-level
    /// columns (a subject subset, as for any analysis) or the child table's columns (a row subset); a part that reads both
    /// (<c>week > age</c>, <c>week > 0 or sex == 2</c>) is PL2198. The scope keeps the whole text as written; each part keeps
    /// its own text so the counts can say what each left out.
    /// </summary>
    /// <param name="boundParts">Parts the kind bound itself (a mixed model's <c>group</c> parts restrict its groups): skipped here.</param>
    private BoundScope BindSplitWhere(BoundScope scope, ExpressionSyntax where, string kind, OutcomeSymbol repeated,
        IReadOnlyCollection<ExpressionSyntax> boundParts)
    {
        var subjects = SubjectScope!;
        var child = repeated.RepeatedTable is { } childName ? FindTable(childName) : null;
        if (child is null || ReferenceEquals(child, subjects))
        {
            var own = Conjuncts(where).Where(p => !boundParts.Contains(p)).ToList();
            return scope with
            {
                Where = boundParts.Count == 0 ? BindPredicate(where, new ExpressionContext(subjects), "a where clause")
                    : Conjunction(own, new ExpressionContext(subjects)),
                WhereText = Snippet(where.Span),
                WhereTable = subjects.Name,
                SubjectWhereText = boundParts.Count == 0 ? null : JoinParts(own),
            };
        }

        var subjectParts = new List<ExpressionSyntax>();
        var rowParts = new List<ExpressionSyntax>();
        foreach (var part in Conjuncts(where).Where(p => !boundParts.Contains(p)))
        {
            switch (ClassifyWherePart(part, kind, subjects, child))
            {
                case WherePartKind.Subjects:
                    subjectParts.Add(part);
                    break;
                case WherePartKind.Rows:
                    rowParts.Add(part);
                    break;
                case WherePartKind.Both:
                    _diagnostics.Add(DiagnosticDescriptors.WherePartReadsBothTables, part.Span, Snippet(part.Span), child.Name,
                        string.Join(", ", NamesOf(part, child, child)), string.Join(", ", NamesOf(part, subjects, child)));
                    break;
            }
        }

        var text = Snippet(where.Span);
        var subjectWhere = Conjunction(subjectParts, new ExpressionContext(subjects));
        var rowWhere = Conjunction(rowParts, new ExpressionContext(child));
        return scope with
        {
            Where = subjectWhere,
            WhereText = text,
            WhereTable = subjectWhere is null ? null : subjects.Name,
            SubjectWhereText = subjectWhere is null ? null : JoinParts(subjectParts),
            RowWhere = rowWhere,
            RowWhereText = rowWhere is null ? null : JoinParts(rowParts),
        };
    }

    /// <summary>The parts joined by <c>and</c>, bound as one bool predicate; null when there are none.</summary>
    private BoundExpression? Conjunction(List<ExpressionSyntax> parts, ExpressionContext context)
    {
        BoundExpression? joined = null;
        foreach (var part in parts)
        {
            var bound = BindPredicate(part, context, "a where clause");
            joined = joined is null ? bound : new BoundBinary(BinaryOperator.And, joined, bound, BoundType.Bool, part.Span);
        }

        return joined;
    }

    private string JoinParts(List<ExpressionSyntax> parts) => string.Join(" and ", parts.Select(p => Snippet(p.Span)));

    /// <summary>
    /// Subjects when every name is subject-level (or none is a column: literals, an unknown name reported later with the
    /// subject table's suggestions); rows when it names the child table's columns only; invalid (reported) when it names a
    /// third table.
    /// </summary>
    private WherePartKind ClassifyWherePart(ExpressionSyntax part, string kind, TableScope subjects, TableScope child)
    {
        bool readsSubjects = false;
        bool readsRows = false;
        foreach (var name in part.Names())
        {
            switch (OwnerOf(name, subjects, child))
            {
                case var owner when ReferenceEquals(owner, subjects):
                    readsSubjects = true;
                    break;
                case var owner when ReferenceEquals(owner, child):
                    readsRows = true;
                    break;
                case { } other:
                    _diagnostics.Add(DiagnosticDescriptors.WhereNotForKind, name.Span, kind, name.Name.Name, other.Name);
                    return WherePartKind.Invalid;
            }
        }

        return readsRows ? (readsSubjects ? WherePartKind.Both : WherePartKind.Rows) : WherePartKind.Subjects;
    }

    /// <summary>
    /// The table a name reads: as in <see cref="WhereTable"/>, a bare name is the subject table's first (the link column
    /// <c>id</c> is in both), then the child table's, then any other table's; null when no table has it.
    /// </summary>
    private TableScope? OwnerOf(NameExpressionSyntax name, TableScope subjects, TableScope child)
    {
        if (name.Qualifier is { } qualifier)
        {
            return FindTable(qualifier.Name);
        }

        static bool Has(TableScope t, string n) => t.Columns.ContainsKey(n) || t.Derives.ContainsKey(n);
        var bare = name.Name.Name;
        if (Has(subjects, bare))
        {
            return subjects;
        }

        return Has(child, bare) ? child : _tables.Skip(1).FirstOrDefault(t => Has(t, bare));
    }

    /// <summary>The distinct names of a part that <paramref name="table"/> owns, quoted (level names such as <c>F</c> are no table's).</summary>
    private IEnumerable<string> NamesOf(ExpressionSyntax part, TableScope table, TableScope child) =>
        part.Names().Where(n => ReferenceEquals(OwnerOf(n, SubjectScope!, child), table))
            .Select(n => "'" + n.Name.Name + "'").Distinct();
}
