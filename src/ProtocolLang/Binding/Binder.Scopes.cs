using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// The scope clauses every analysis kind takes (<c>by</c>, <c>overall</c>, <c>where</c>, <c>in</c>, <c>within</c>),
/// bound into a <see cref="BoundScope"/>.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The populations declared so far (<c>in</c> names one of them).</summary>
    private readonly List<string> _populations = [];

    /// <param name="repeated">The repeated outcome whose child rows a <c>where</c> may select (a mixed model); null: subjects only.</param>
    /// <param name="skipWhere">The <c>where</c> was bound by the kind itself (a mixed model's group restriction).</param>
    /// <param name="boundParts">Top-level <c>and</c> parts of a repeated outcome's <c>where</c> the kind bound itself (a mixed
    /// model's parts that test <c>group</c>); the split skips them.</param>
    private BoundScope BindScope(AnalysisClauses clauses, OutcomeSymbol? repeated, bool skipWhere = false,
        IReadOnlyCollection<ExpressionSyntax>? boundParts = null)
    {
        var kind = clauses.Kind.Name;
        var by = clauses.Expressions("by").Select(e => BindFactor(e, "by", kind)).Where(f => f is not null).Select(f => f!);
        var scope = new BoundScope
        {
            By = [.. by],
            Overall = clauses.Has("overall"),
            Within = clauses.Expression("within") is { } within ? BindFactor(within, "within", kind) : null,
            Population = BindPopulation(clauses.Word("in")),
        };

        // Repeated within the study's groups, an analysis without `by` is overall in each: grouping it by group again
        // would give every repetition one full group and empty others.
        if (scope.Within is { IsGroup: true } && scope.By.IsEmpty)
        {
            scope = scope with { Overall = true };
        }

        // `by group` alone is the default grouping: the scope stays the default, as in v1.
        if (scope.By is [{ IsGroup: true }])
        {
            scope = scope with { By = [] };
        }

        // A repeated outcome's where may select subjects and rows at once: Binder.WhereSplit.cs splits it.
        if (!skipWhere && repeated is not null && clauses.Expression("where") is { } split)
        {
            return BindSplitWhere(scope, split, kind, repeated, boundParts ?? []);
        }

        if (!skipWhere && clauses.Expression("where") is { } where && WhereTable(where, kind, repeated) is { } table)
        {
            var predicate = BindPredicate(where, new ExpressionContext(table), "a where clause");
            scope = scope with { Where = predicate, WhereText = Snippet(where.Span), WhereTable = table.Name };
        }

        return scope;
    }

    private BoundFactor? BindFactor(ExpressionSyntax expression, string clause, string kind)
    {
        if (expression is not NameExpressionSyntax { Qualifier: null, Name: var name })
        {
            return BindExpressionFactor(expression, clause, kind);
        }

        if (name.Name == "group" && !_outcomes.Any(o => o.Name == "group") && !SubjectScope!.Columns.ContainsKey("group"))
        {
            return new BoundFactor("group", null);
        }

        if (GroupSetFactor(name) is { } set)
        {
            return set;
        }

        var variable = ResolveVariable(name);
        if (variable is null)
        {
            return null;
        }

        if (variable.Kind is VariableKind.Binary or VariableKind.Categorical)
        {
            return new BoundFactor(name.Name, variable);
        }

        _diagnostics.Add(DiagnosticDescriptors.NotAFactor, name.Span, clause, kind, name.Name, Describe(variable));
        return null;
    }

    private string? BindPopulation(IdentifierSyntax? name)
    {
        if (name is null)
        {
            return null;
        }

        if (_populations.Contains(name.Name))
        {
            return name.Name;
        }

        var hint = _populations.Count == 0
            ? "; the study declares no population (population NAME \"label\": condition)"
            : NameSuggestions.DidYouMean(name.Name, _populations);
        _diagnostics.Add(DiagnosticDescriptors.UnknownPopulation, name.Span, name.Name, hint);
        return null;
    }

    /// <summary>
    /// The table whose rows a <c>where</c> selects: the subject table, or the repeated outcome's child table when the
    /// condition names its columns. Null (reported) when it names another table's columns.
    /// </summary>
    private TableScope? WhereTable(ExpressionSyntax where, string kind, OutcomeSymbol? repeated)
    {
        var subjects = SubjectScope!;
        var child = repeated?.RepeatedTable is { } childName ? FindTable(childName) : null;
        var table = subjects;
        foreach (var name in where.Names())
        {
            var qualifier = name.Qualifier?.Name;
            if (qualifier is null && (subjects.Columns.ContainsKey(name.Name.Name) || subjects.Derives.ContainsKey(name.Name.Name)))
            {
                continue;
            }

            var owner = qualifier is not null
                ? FindTable(qualifier)
                : _tables.Skip(1).FirstOrDefault(t => t.Columns.ContainsKey(name.Name.Name) || t.Derives.ContainsKey(name.Name.Name));
            if (owner is null || ReferenceEquals(owner, subjects))
            {
                continue;
            }

            if (child is not null && ReferenceEquals(owner, child))
            {
                table = child;
                continue;
            }

            _diagnostics.Add(DiagnosticDescriptors.WhereNotForKind, name.Span, kind, name.Name.Name, owner.Name);
            return null;
        }

        return table;
    }

    /// <summary>
    /// A factor written as an expression (<c>by age >= 65</c>, <c>within stage in (3, 4)</c>): bound over the subject
    /// table like a describe head, named by its text. A bool expression's levels are shown as written
    /// (<c>age >= 65: false</c>, <c>age >= 65: true</c>); a categorical one keeps its levels. Null (reported) otherwise.
    /// </summary>
    private BoundFactor? BindExpressionFactor(ExpressionSyntax expression, string clause, string kind)
    {
        if (ResolveSubjectExpression(expression, kind) is not { } variable)
        {
            return null;
        }

        if (variable.Kind is not VariableKind.Binary and not VariableKind.Categorical)
        {
            _diagnostics.Add(DiagnosticDescriptors.NotAFactor, expression.Span, clause, kind, variable.Name, Describe(variable));
            return null;
        }

        return new BoundFactor(variable.Name, variable with { LevelsAsWritten = variable.Kind == VariableKind.Binary });
    }
}
