using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Catalog;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>
/// Analyses, through the catalog: the kind of each <see cref="AnalysisSyntax"/>, its clauses checked against the
/// kind's options (unknown, repeated, conflicting, missing), its head's shape, then the kind's own binder
/// (<c>Binder.Compare.cs</c>, <c>Binder.Models.cs</c>), its scope (<c>Binder.Scopes.cs</c>) and its id
/// (<c>Binder.AnalysisIds.cs</c>).
/// </summary>
public sealed partial class Binder
{
    private ImmutableArray<BoundAnalysis> BindAnalyses(ImmutableArray<DeclarationSyntax> declarations)
    {
        var analyses = new List<(BoundAnalysis Analysis, IdentifierSyntax? Explicit, AnalysisClauses Clauses)>();
        foreach (var syntax in declarations.OfType<AnalysisSyntax>())
        {
            if (SubjectScope is null)
            {
                break;
            }

            var kind = ResolveKind(syntax);
            if (kind is null)
            {
                continue;
            }

            var clauses = CheckClauses(syntax, kind);
            if (!CheckHead(clauses))
            {
                BindScope(clauses, null);
                continue;
            }

            BoundAnalysis? analysis = kind.Name switch
            {
                "describe" => BindDescribe(clauses),
                "compare" => BindCompare(clauses),
                "mixed" => BindMixedWithMeans(clauses),
                "mmrm" => BindMmrm(clauses),
                "rm_anova" => BindRmAnova(clauses),
                "kaplan_meier" => BindKaplanMeier(clauses),
                "logrank" => BindLogRank(clauses),
                "cox" => BindCox(clauses),
                "linear" => BindLinearModel(clauses),
                "logistic" or "poisson" or "negative_binomial" => BindGlmModel(clauses),
                _ => null,
            };
            if (analysis is not null)
            {
                analyses.Add((analysis, clauses.Word("as"), clauses));
            }
        }

        return AssignIds(analyses);
    }

    /// <summary>The catalog's kind of an analysis; null (reported) when unknown or planned for later.</summary>
    private AnalysisKind? ResolveKind(AnalysisSyntax syntax)
    {
        var verb = syntax.Verb.Name;
        var kind = AnalysisCatalog.Find(verb, syntax.Kind?.Name);
        if (kind is not null || syntax.Kind is not { } word)
        {
            return kind;
        }

        var available = AnalysisCatalog.Kinds.Where(k => k.Verb == verb && k.HasKindWord).Select(k => k.Name).ToList();
        var planned = AnalysisCatalog.Planned.FirstOrDefault(p => p.Name == word.Name);
        if (planned is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.AnalysisKindNotAvailable, word.Span, planned.Verb, planned.Name, planned.REquivalent, OrList(available));
            return null;
        }

        var elsewhere = AnalysisCatalog.Kinds.FirstOrDefault(k => k.Name == word.Name && k.HasKindWord);
        var hint = elsewhere is not null
            ? "; did you mean '" + elsewhere.Keywords + "'?"
            : NameSuggestions.DidYouMean(word.Name, available);
        _diagnostics.Add(DiagnosticDescriptors.UnknownAnalysisKind, word.Span, word.Name, verb, OrList(available), hint);
        return null;
    }

    /// <summary>Reports unknown clauses, clauses this kind does not take, repeats, conflicts and missing required clauses.</summary>
    private AnalysisClauses CheckClauses(AnalysisSyntax syntax, AnalysisKind kind)
    {
        var kept = new Dictionary<string, ClauseSyntax>(System.StringComparer.Ordinal);
        var options = kind.Options.Select(o => o.Name).ToList();
        foreach (var clause in syntax.Clauses)
        {
            var name = clause.Keyword.Name;
            if (!clause.Known || kind.Option(name) is null)
            {
                var hint = NameSuggestions.DidYouMean(name, options);
                var owners = AnalysisCatalog.Kinds.Where(k => k.Option(name) is not null).Select(k => k.Name).ToList();
                if (hint.Length == 0 && owners.Count > 0)
                {
                    hint = " (it is an option of " + OrList(owners) + ")";
                }

                _diagnostics.Add(DiagnosticDescriptors.UnknownAnalysisOption, clause.Keyword.Span, name, kind.Name, OrList(options.Select(Quote)), hint);
                continue;
            }

            if (kept.TryGetValue(name, out var first))
            {
                _diagnostics.Add(DiagnosticDescriptors.AnalysisOptionTwice, clause.Keyword.Span, name, Line(first.Span));
                continue;
            }

            kept.Add(name, clause);
        }

        foreach (var (a, b) in new[] { ("overall", "by"), (":", "across") })
        {
            if (kept.TryGetValue(a, out var first) && kept.TryGetValue(b, out var second))
            {
                var later = first.Span.Start > second.Span.Start ? first : second;
                _diagnostics.Add(DiagnosticDescriptors.ConflictingAnalysisClauses, later.Keyword.Span, later.Keyword.Name, later == first ? b : a);
            }
        }

        var result = new AnalysisClauses(syntax, kind, kept);
        foreach (var alternatives in kind.Required)
        {
            if (!alternatives.Any(kept.ContainsKey))
            {
                var what = alternatives.Select(RequiredClauseText);
                _diagnostics.Add(DiagnosticDescriptors.MissingAnalysisClause, syntax.Head.Span, kind.Name, OrList(what));
            }
        }

        return result;
    }

    private static string RequiredClauseText(string keyword) => keyword switch
    {
        ":" => "a pairing (': A vs B', ': A vs each', ': A vs (B, C)' or ': all pairs')",
        "across" => "'across groups'",
        "using" => "a test ('using mann_whitney', 't_test', ...)",
        _ => "'" + keyword + "'",
    };

    /// <summary>Whether the head has the kind's shape; reports it when not.</summary>
    private bool CheckHead(AnalysisClauses clauses)
    {
        var kind = clauses.Kind;
        var head = clauses.Syntax.Head;
        var (expected, fits) = kind.Head switch
        {
            HeadShape.Variables => ("variables (age, sex, ...)", head is ListHeadSyntax),
            HeadShape.Outcome => ("one outcome", head is ListHeadSyntax { Items.Length: 1 }),
            _ => ("a formula (Outcome ~ terms)", head is FormulaHeadSyntax),
        };
        if (fits)
        {
            return true;
        }

        var found = head switch
        {
            FormulaHeadSyntax => "a formula",
            ListHeadSyntax list when list.Items.Length > 1 => list.Items.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " variables",
            _ => "'" + Snippet(head.Span) + "'",
        };
        _diagnostics.Add(DiagnosticDescriptors.WrongAnalysisHead, head.Span, kind.Name, expected, found);
        return false;
    }

    /// <summary>
    /// Checks a word option against the catalog's allowed values (PL2104, with did-you-mean); the word, or null when
    /// absent or wrong. Options with an older diagnostic of their own (tests, adjust, ties, ...) are checked where bound.
    /// </summary>
    private IdentifierSyntax? AllowedWord(AnalysisClauses clauses, string option)
    {
        var word = clauses.Word(option);
        var allowed = clauses.Kind.Option(option)?.Allowed ?? ImmutableArray<string>.Empty;
        if (word is null || allowed.IsEmpty || allowed.Contains(word.Name))
        {
            return word;
        }

        _diagnostics.Add(DiagnosticDescriptors.BadOptionValue, word.Span, option, word.Name, clauses.Kind.Name, OrList(allowed),
            NameSuggestions.DidYouMean(word.Name, allowed));
        return null;
    }

    /// <summary>
    /// The head items as subject variables: a name resolves as before; an expression (<c>log(ck)</c>, <c>ck / 1000</c>)
    /// is bound over the subject table as a variable named and labelled by its text. Each comes with the span to report at.
    /// </summary>
    private List<(Text.TextSpan Span, string Name, BoundVariable Variable)> HeadVariables(AnalysisClauses clauses)
    {
        var variables = new List<(Text.TextSpan, string, BoundVariable)>();
        foreach (var item in clauses.HeadItems)
        {
            var variable = ResolveSubjectExpression(item, clauses.Kind.Name);
            if (variable is not null)
            {
                variables.Add((item.Span, variable.Name, variable));
            }
        }

        return variables;
    }

    /// <summary>A name (<see cref="ResolveSubjectVariable"/>) or a subject-level expression; null (reported) when neither fits.</summary>
    private BoundVariable? ResolveSubjectExpression(ExpressionSyntax item, string analysis)
    {
        if (item is NameExpressionSyntax { Qualifier: null } name)
        {
            return ResolveSubjectVariable(name.Name, analysis);
        }

        if (IsInlineTimeToEvent(item))
        {
            _diagnostics.Add(DiagnosticDescriptors.InlineOutcomeNotHere, item.Span, analysis, Snippet(item.Span));
            return null;
        }

        var bound = BindExpression(item, new ExpressionContext(SubjectScope!));
        if (bound.Type.IsLenient)
        {
            return null; // reported by the expression binder
        }

        var text = Snippet(item.Span);
        var kind = KindOf(bound.Type);
        if (kind == VariableKind.Repeated)
        {
            _diagnostics.Add(DiagnosticDescriptors.VariableNotAllowed, item.Span, analysis, text, "an expression of type " + bound.Type.Display, string.Empty);
            return null;
        }

        return BoundVariable.ForExpression(text, kind, bound);
    }

    /// <summary>A plain name, or null after reporting that an expression is not supported here yet.</summary>
    private IdentifierSyntax? AsName(ExpressionSyntax expression, string analysis)
    {
        if (expression is NameExpressionSyntax { Qualifier: null } name)
        {
            return name.Name;
        }

        _diagnostics.Add(DiagnosticDescriptors.ExpressionNotSupportedHere, expression.Span, analysis, Snippet(expression.Span));
        return null;
    }

    private static string Quote(string name) => "'" + name + "'";

    /// <summary>"a, b or c".</summary>
    private static string OrList(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Join(string.Empty, list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[list.Count - 1];
    }

    /// <summary>Groups are needed when the analysis is by the study's groups (no <c>by</c>, no <c>overall</c>, or <c>by group</c>).</summary>
    private void RequireGroups(AnalysisClauses clauses)
    {
        var byGroup = clauses.Expressions("by").Any(e => e is NameExpressionSyntax { Qualifier: null, Name.Name: "group" })
            || clauses.Expression("within") is NameExpressionSyntax { Qualifier: null, Name.Name: "group" };
        if (_groups.Count == 0 && (byGroup || (!clauses.Has("by") && !clauses.Has("overall"))))
        {
            _diagnostics.Add(DiagnosticDescriptors.NoGroups, clauses.Syntax.Span);
        }
    }

    /// <summary>An outcome, or a subject-level column or derived variable, by name; null (reported) when unknown.</summary>
    private BoundVariable? ResolveVariable(IdentifierSyntax name)
    {
        var outcome = _outcomes.FirstOrDefault(o => o.Name == name.Name);
        if (outcome is not null)
        {
            return BoundVariable.ForOutcome(outcome);
        }

        var subjects = SubjectScope!;
        if (subjects.Columns.TryGetValue(name.Name, out var column))
        {
            return BoundVariable.ForColumn(column, KindOf(column.Type));
        }

        if (subjects.Derives.TryGetValue(name.Name, out var slot) && slot.Symbol is { } derive)
        {
            return BoundVariable.ForDerive(derive, KindOf(derive.Type));
        }

        _diagnostics.Add(DiagnosticDescriptors.UnknownVariable, name.Span, name.Name, subjects.Name,
            NameSuggestions.DidYouMean(name.Name, _outcomes.Select(o => o.Name), subjects.AllNames));
        return null;
    }

    /// <summary>How a column or derive is analysed; text and dates have no kind (<see cref="VariableKind.Repeated"/> marks "none").</summary>
    private static VariableKind KindOf(BoundType type) => type.Kind switch
    {
        TypeKind.Number or TypeKind.Integer => VariableKind.Continuous,
        TypeKind.Bool => VariableKind.Binary,
        TypeKind.Category => VariableKind.Categorical,
        _ => VariableKind.Repeated,
    };

    /// <summary>"a continuous outcome", "a number column" — for messages.</summary>
    private static string Describe(BoundVariable variable)
    {
        if (variable.Outcome is { } outcome)
        {
            return "a " + OutcomeKindName(outcome.Kind) + " outcome";
        }

        if (variable.Expression is { } expression)
        {
            return "an expression of type " + expression.Type.Display;
        }

        var type = variable.Column?.Type ?? variable.Derive!.Type;
        return "a " + type.Display + (variable.Column is not null ? " column" : " derived variable");
    }

    private static string OutcomeKindName(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Continuous => "continuous",
        OutcomeKind.Binary => "binary",
        OutcomeKind.Categorical => "categorical",
        OutcomeKind.Count => "count",
        OutcomeKind.TimeToEvent => "time_to_event",
        _ => "repeated",
    };

    /// <summary>A variable for describe/compare/covariates: one value per subject that is continuous, binary, categorical or a count.</summary>
    private BoundVariable? ResolveSubjectVariable(IdentifierSyntax name, string analysis)
    {
        var variable = ResolveVariable(name);
        if (variable is null)
        {
            return null;
        }

        if (variable.Kind is VariableKind.TimeToEvent or VariableKind.Repeated)
        {
            var hint = variable.Kind == VariableKind.TimeToEvent && variable.Outcome is not null
                ? "; use kaplan_meier, logrank or cox"
                : variable.Outcome is not null ? "; use a mixed model" : string.Empty;
            _diagnostics.Add(DiagnosticDescriptors.VariableNotAllowed, name.Span, analysis, name.Name, Describe(variable), hint);
            return null;
        }

        return variable;
    }

    private static TextSpan SpanOf(ClauseSyntax clause) => clause.Value?.Span ?? clause.Keyword.Span;
}
