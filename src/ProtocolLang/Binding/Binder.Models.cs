using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    private OutcomeSymbol? ResolveTimeToEvent(IdentifierSyntax name, string analysis)
    {
        var variable = ResolveVariable(name);
        if (variable is null)
        {
            return null;
        }

        if (variable.Outcome is not { Kind: OutcomeKind.TimeToEvent } outcome)
        {
            _diagnostics.Add(DiagnosticDescriptors.NeedsTimeToEvent, name.Span, analysis, name.Name, Describe(variable));
            return null;
        }

        return outcome;
    }

    /// <summary>The one outcome of an outcome head (the head's shape is already checked): a name, or an inline <c>time_to_event(time, event)</c>.</summary>
    private OutcomeSymbol? HeadTimeToEvent(AnalysisClauses clauses) =>
        clauses.HeadItems[0] is CallExpressionSyntax call && IsInlineTimeToEvent(call) ? BindInlineTimeToEvent(call)
        : AsName(clauses.HeadItems[0], clauses.Kind.Name) is { } name ? ResolveTimeToEvent(name, clauses.Kind.Name) : null;

    private BoundKaplanMeier? BindKaplanMeier(AnalysisClauses clauses)
    {
        RequireGroups(clauses);
        var syntax = clauses.Syntax;
        var outcome = HeadTimeToEvent(clauses);
        var confType = AllowedWord(clauses, "conf_type")?.Name switch
        {
            "log_log" => SurvivalConfType.LogLog,
            "plain" => SurvivalConfType.Plain,
            _ => SurvivalConfType.Log,
        };
        var scope = BindScope(clauses, null);
        return outcome is null
            ? null
            : new BoundKaplanMeier(Snippet(syntax.Span), outcome, clauses.Numbers("at").Select(t => t.Value).ToImmutableArray(), confType, syntax.Span)
            {
                Scope = scope,
                ConfBand = clauses.Has("conf_band"),
            };
    }

    private BoundLogRank? BindLogRank(AnalysisClauses clauses)
    {
        RequireGroups(clauses);
        var syntax = clauses.Syntax;
        var outcome = HeadTimeToEvent(clauses);
        var strataSyntax = clauses.Expressions("strata");
        if (strataSyntax.Length > 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.TooManyValues, strataSyntax[1].Span, "strata", "logrank", "strata variable",
                strataSyntax.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var strata = strataSyntax.IsEmpty ? null : ResolveStratum(strataSyntax[0], "logrank strata");
        var pairwise = clauses.Has("pairwise");
        if (!pairwise && clauses["adjust"] is { } adjustClause)
        {
            _diagnostics.Add(DiagnosticDescriptors.AdjustWithoutPairwise, adjustClause.Keyword.Span);
        }

        var adjust = BindAdjust(clauses.Word("adjust"));
        var scope = BindScope(clauses, null);
        return outcome is null
            ? null
            : new BoundLogRank(Snippet(syntax.Span), outcome, clauses.Number("rho")?.Value ?? 0, strata, pairwise, pairwise ? adjust : AdjustMethod.None, syntax.Span)
            {
                Scope = scope,
            };
    }

    /// <summary>A stratum: a categorical or bool variable, or an expression of one (<c>strata age >= 65</c>), named by its text.</summary>
    private BoundVariable? ResolveStratum(ExpressionSyntax syntax, string analysis)
    {
        var variable = ResolveSubjectExpression(syntax, analysis);
        if (variable is not null && variable.Kind is not VariableKind.Binary and not VariableKind.Categorical)
        {
            _diagnostics.Add(DiagnosticDescriptors.VariableNotAllowed, syntax.Span, analysis, variable.Name, Describe(variable), "; strata must be categorical or bool");
            return null;
        }

        return variable;
    }

    private BoundCox? BindCox(AnalysisClauses clauses)
    {
        var syntax = clauses.Syntax;
        var formula = clauses.Formula!;
        RequireGroupsIfNamed(clauses, formula);
        if (formula.Response.Transform is { } transform)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongAnalysisHead, formula.Response.Span, "cox", "an outcome before '~'", "'" + Snippet(formula.Response.Span) + "'");
        }

        var outcome = formula.Response.Transform is null ? ResolveTimeToEvent(formula.Response.Variable, "cox") : null;
        var terms = BindCoxTerms(formula);
        var factors = terms.SelectMany(t => t).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First(), System.StringComparer.Ordinal);
        var references = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var reference in clauses.References("reference"))
        {
            var variableName = reference.Variable?.Name ?? "group";
            var span = reference.Variable?.Span ?? reference.Level.Span;
            if (!factors.TryGetValue(variableName, out var factor))
            {
                _diagnostics.Add(DiagnosticDescriptors.ReferenceNotATerm, span, variableName);
                continue;
            }

            var variable = factor.Variable;
            if (variable is null)
            {
                if (ResolveGroup(reference.Level))
                {
                    references[variableName] = reference.Level.Name;
                }

                continue;
            }

            if (CoxFactorLevels(variable) is not { } levels)
            {
                _diagnostics.Add(DiagnosticDescriptors.ReferenceNotATerm, span, variableName);
                continue;
            }

            if (!levels.Contains(reference.Level.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownLevel, reference.Level.Span, reference.Level.Name, variableName,
                    string.Join(", ", levels), NameSuggestions.DidYouMean(reference.Level.Name, levels));
                continue;
            }

            references[variableName] = reference.Level.Name;
        }

        var ties = TiesMethod.Efron;
        if (clauses.Word("ties") is { } tiesSyntax)
        {
            switch (tiesSyntax.Name)
            {
                case "efron":
                    break;
                case "breslow":
                    ties = TiesMethod.Breslow;
                    break;
                case "exact":
                    ties = TiesMethod.Exact;
                    break;
                default:
                    _diagnostics.Add(DiagnosticDescriptors.UnknownTies, tiesSyntax.Span, tiesSyntax.Name,
                        NameSuggestions.DidYouMean(tiesSyntax.Name, ["efron", "breslow", "exact"]));
                    break;
            }
        }

        var zph = AllowedWord(clauses, "zph")?.Name switch
        {
            "rank" => ZphTransform.Rank,
            "identity" => ZphTransform.Identity,
            "log" => ZphTransform.Log,
            "none" => ZphTransform.None,
            _ => ZphTransform.Km,
        };

        var strata = clauses.Expressions("strata").Select(e => ResolveStratum(e, "cox strata")).Where(s => s is not null).Select(s => s!).ToImmutableArray();
        var subgroups = BindCoxSubgroups(clauses, terms, references);
        var scope = BindScope(clauses, null);
        if (outcome is null)
        {
            return null;
        }

        var bound = terms.Select(t => ToBoundCoxTerm(t, references));
        return new BoundCox(Snippet(syntax.Span), outcome, bound.ToImmutableArray(), ties, strata, syntax.Span) { Scope = scope, Zph = zph, Subgroups = subgroups };
    }

    /// <param name="randomTerms">False for an MMRM or a repeated-measures ANOVA, which report every random term themselves.</param>
    private BoundMixedModel? BindMixedModel(AnalysisClauses clauses, bool randomTerms = true)
    {
        var syntax = clauses.Syntax;
        var formula = clauses.Formula!;
        RequireGroupsIfNamed(clauses, formula);
        var response = formula.Response;
        var transform = ResponseTransform.None;
        if (response.Transform is { } transformSyntax)
        {
            if (transformSyntax.Name == "log")
            {
                transform = ResponseTransform.Log;
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownTransform, transformSyntax.Span, transformSyntax.Name);
            }
        }

        OutcomeSymbol? outcome = null;
        if (ResolveVariable(response.Variable) is { } variable)
        {
            if (variable.Outcome is { Kind: OutcomeKind.Repeated } repeated)
            {
                outcome = repeated;
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.NeedsRepeated, response.Variable.Span, response.Variable.Name, Describe(variable));
            }
        }

        var fixedTerms = new List<BoundModelTerm>();
        var link = outcome is null ? null : FindTable(outcome.RepeatedTable!)?.LinkColumn;
        foreach (var fixedTerm in formula.Terms.OfType<FixedTermSyntax>())
        {
            var factors = fixedTerm.Factors.Select(f => BindTermFactor(f, outcome)).ToList();
            if (factors.Any(f => f is null))
            {
                continue;
            }

            foreach (var expanded in Expand(factors.Select(f => f!).ToList(), fixedTerm.Operator))
            {
                if (!fixedTerms.Any(t => t.Factors.SequenceEqual(expanded.Factors)))
                {
                    fixedTerms.Add(expanded);
                }
            }
        }

        var randomEffects = BindRandomTerms(formula.Terms.OfType<RandomTermSyntax>().ToList(), outcome, link, randomTerms);

        // The top-level `and` parts of the where that test `group` restrict the groups (decided here, at compile time); the
        // other parts select subjects or rows as in any mixed model (Binder.WhereSplit.cs): `where group != A and age > 40`.
        var included = _groups.Select(g => g.Name).ToImmutableArray();
        var where = clauses.Expression("where");
        var parts = where is null ? [] : Conjuncts(where).ToList();
        var groupParts = parts.Where(MentionsGroup).ToList();
        var groupWhere = groupParts.Count > 0 && groupParts.Count == parts.Count;
        if (groupParts.Count > 0)
        {
            included = ResolveIncludedGroups(groupParts, where!) ?? included;
        }

        var reml = true;
        if (clauses.Word("method") is { } method)
        {
            if (method.Name == "ml")
            {
                reml = false;
            }
            else if (method.Name != "reml")
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownOption, method.Span, "method", method.Name,
                    "reml or ml" + NameSuggestions.DidYouMean(method.Name, ["reml", "ml"]));
            }
        }

        var kenwardRoger = AllowedWord(clauses, "df") is { Name: "kr" };
        if (kenwardRoger && !reml)
        {
            _diagnostics.Add(DiagnosticDescriptors.KenwardRogerNeedsReml, clauses["df"]!.Span);
        }

        var scope = BindScope(clauses, groupWhere ? null : outcome, skipWhere: groupWhere, boundParts: groupParts);
        var references = BindLinearReferences(clauses, fixedTerms);
        return outcome is null
            ? null
            : new BoundMixedModel(Snippet(syntax.Span), outcome, transform, fixedTerms.ToImmutableArray(), randomEffects, included, reml, syntax.Span)
            {
                Scope = scope,
                References = references,
                TypeI = AllowedWord(clauses, "anova")?.Name == "type1",
                KenwardRoger = kenwardRoger,
            };
    }

    /// <summary>
    /// A model needs the study's groups only when it names them (a <c>group</c> term, <c>where group ...</c>,
    /// <c>by group</c>, <c>subgroup group</c>): <c>model cox Event ~ arm</c> runs in a study without groups.
    /// </summary>
    private void RequireGroupsIfNamed(AnalysisClauses clauses, FormulaSyntax formula)
    {
        var named = formula.Terms.OfType<FixedTermSyntax>().SelectMany(t => t.Factors).Any(f => f.Variable is { Name: "group" })
            || (clauses.Expression("where") is { } where && MentionsGroup(where))
            || clauses.Expressions("by").Any(MentionsGroup)
            || clauses.Expressions("subgroup").Any(MentionsGroup)
            || (clauses.Expression("within") is { } within && MentionsGroup(within));
        if (named && _groups.Count == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoGroups, clauses.Syntax.Span);
        }
    }

    /// <summary>Whether an expression names <c>group</c> anywhere (a v1 mixed-model <c>where</c> that restricts groups).</summary>
    private static bool MentionsGroup(ExpressionSyntax syntax) =>
        syntax.Any(e => e is NameExpressionSyntax { Qualifier: null, Name.Name: "group" });

    private BoundTermFactor? BindTermFactor(FormulaFactorSyntax factor, OutcomeSymbol? outcome)
    {
        if (factor.Variable is not { } variableName)
        {
            return BindExpressionTermFactor(factor, outcome);
        }

        var name = variableName.Name;
        if (name == "group")
        {
            return new BoundTermFactor(name, TermFactorKind.Group);
        }

        if (_groupSets.FirstOrDefault(s => s.Name == name) is { } set)
        {
            // A named group set is a categorical factor over its groups (first group = reference, as R's first level).
            return new BoundTermFactor(name, TermFactorKind.Covariate, BoundVariable.ForGroupSet(set));
        }

        if (outcome is not null && name == outcome.RepeatedTimeName)
        {
            return new BoundTermFactor(name, factor.AsFactor ? TermFactorKind.TimeAsFactor : TermFactorKind.Time);
        }

        var subjects = SubjectScope!;
        var derive = subjects.Derives.TryGetValue(name, out var slot) ? slot.Symbol : null;
        var type = subjects.Columns.TryGetValue(name, out var column) ? column.Type : derive?.Type;
        if (type is not null && type.Kind is not TypeKind.Text and not TypeKind.Date)
        {
            var variable = column is not null ? BoundVariable.ForColumn(column, KindOf(type)) : BoundVariable.ForDerive(derive!, KindOf(type));
            return new BoundTermFactor(name, factor.AsFactor ? TermFactorKind.CovariateAsFactor : TermFactorKind.Covariate, variable);
        }

        var time = outcome?.RepeatedTimeName;
        var expected = time is null ? "group or a subject-level variable" : "group, '" + time + "' (the time column) or a subject-level variable";
        string[] leading = time is null ? ["group"] : ["group", time];
        _diagnostics.Add(DiagnosticDescriptors.UnknownModelTerm, variableName.Span, name, expected,
            type is null ? NameSuggestions.DidYouMean(name, leading, subjects.AllNames) : " (" + name + " is " + type.Display + ")");
        return null;
    }

    /// <summary><c>a * b * c</c> → every non-empty subset of the factors, main effects first (as R orders them).</summary>
    private static IEnumerable<BoundModelTerm> Expand(List<BoundTermFactor> factors, FormulaOperator op) =>
        ExpandSubsets(factors, op).Select(subset => new BoundModelTerm(subset));

    /// <summary>
    /// The terms one formula term stands for: <c>a : b</c> (or a single factor) itself, <c>a * b * c</c> every non-empty
    /// subset of the factors, smaller subsets first and each in the written order (R's <c>terms()</c>). Shared by the mixed
    /// model and the Cox model.
    /// </summary>
    private static IEnumerable<ImmutableArray<T>> ExpandSubsets<T>(IReadOnlyList<T> factors, FormulaOperator op)
    {
        if (op != FormulaOperator.Crossed || factors.Count == 1)
        {
            yield return factors.ToImmutableArray();
            yield break;
        }

        var subsets = Enumerable.Range(1, (1 << factors.Count) - 1)
            .Select(mask => Enumerable.Range(0, factors.Count).Where(i => (mask & (1 << i)) != 0).ToArray())
            .OrderBy(s => s.Length)
            .ThenBy(s => string.Join(":", s.Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))), System.StringComparer.Ordinal);
        foreach (var subset in subsets)
        {
            yield return subset.Select(i => factors[i]).ToImmutableArray();
        }
    }

    /// <summary>
    /// The groups a mixed model's <c>where</c> keeps, decided at compile time by evaluating each top-level <c>and</c> part
    /// that names <c>group</c> for each group (a group is kept when every such part holds). Null (reported) when such a part
    /// tests anything other than <c>group</c> (<c>group == A or age > 40</c> cannot be split at an <c>and</c>).
    /// </summary>
    private ImmutableArray<string>? ResolveIncludedGroups(List<ExpressionSyntax> groupParts, ExpressionSyntax where)
    {
        var unknown = false;
        var included = _groups.Select(g => g.Name).ToList();
        foreach (var part in groupParts)
        {
            var supported = true;
            var holds = _groups.Where(g => EvaluateWhere(part, g.Name, ref supported, ref unknown)).Select(g => g.Name).ToList();
            if (!supported)
            {
                _diagnostics.Add(DiagnosticDescriptors.WhereNotSupported, part.Span);
                return null;
            }

            included.RemoveAll(g => !holds.Contains(g));
        }

        if (unknown)
        {
            return null;
        }

        if (included.Count == 0 && _groups.Count > 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.WhereExcludesAllGroups, where.Span);
        }

        return included.ToImmutableArray();
    }

    private bool EvaluateWhere(ExpressionSyntax syntax, string group, ref bool supported, ref bool unknown)
    {
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return EvaluateWhere(p.Inner, group, ref supported, ref unknown);
            case UnaryExpressionSyntax { Operator: UnaryOperator.Not } not:
                return !EvaluateWhere(not.Operand, group, ref supported, ref unknown);
            case BinaryExpressionSyntax { Operator: BinaryOperator.And } and:
                return EvaluateWhere(and.Left, group, ref supported, ref unknown) & EvaluateWhere(and.Right, group, ref supported, ref unknown);
            case BinaryExpressionSyntax { Operator: BinaryOperator.Or } or:
                return EvaluateWhere(or.Left, group, ref supported, ref unknown) | EvaluateWhere(or.Right, group, ref supported, ref unknown);
            case BinaryExpressionSyntax { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual, Left: NameExpressionSyntax { Qualifier: null, Name.Name: "group" } } eq
                when eq.Right is NameExpressionSyntax { Qualifier: null } right:
                return (GroupName(right, group, ref unknown)) == (eq.Operator == BinaryOperator.Equal);
            case InExpressionSyntax { Operand: NameExpressionSyntax { Qualifier: null, Name.Name: "group" } } @in
                when @in.Values.All(v => v is NameExpressionSyntax { Qualifier: null }):
            {
                var any = false;
                foreach (var value in @in.Values)
                {
                    any |= GroupName((NameExpressionSyntax)value, group, ref unknown);
                }

                return any != @in.Negated;
            }

            default:
                supported = false;
                return false;
        }
    }

    /// <summary>Whether <paramref name="name"/> names <paramref name="group"/>; reports an unknown group once (for the first group evaluated).</summary>
    private bool GroupName(NameExpressionSyntax name, string group, ref bool unknown)
    {
        if (group == _groups[0].Name && !_groups.Any(g => g.Name == name.Name.Name))
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownGroup, name.Name.Span, name.Name.Name,
                NameSuggestions.DidYouMean(name.Name.Name, _groups.Select(g => g.Name)));
            unknown = true;
        }

        return name.Name.Name == group;
    }
}
