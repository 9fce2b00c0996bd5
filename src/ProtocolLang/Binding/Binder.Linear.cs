using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary><c>model linear y ~ terms</c>: R's <c>lm</c> over the subjects.</summary>
public sealed partial class Binder
{
    private BoundLinearModel? BindLinearModel(AnalysisClauses clauses)
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

        BoundVariable? y = null;
        if (ResolveVariable(response.Variable) is { } variable)
        {
            if (variable.Kind is VariableKind.Continuous or VariableKind.Count)
            {
                y = variable;
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.LinearResponseNotNumeric, response.Variable.Span, response.Variable.Name, Describe(variable));
            }
        }

        var terms = BindModelTerms(formula);
        var references = BindLinearReferences(clauses, terms);
        var anova = AllowedWord(clauses, "anova")?.Name switch
        {
            "type2" => LinearAnovaType.TypeII,
            "type3" => LinearAnovaType.TypeIII,
            _ => LinearAnovaType.TypeI,
        };
        var robust = AllowedWord(clauses, "robust")?.Name switch
        {
            "hc0" => RobustStandardErrors.HC0,
            "hc1" => RobustStandardErrors.HC1,
            "hc2" => RobustStandardErrors.HC2,
            "hc3" => RobustStandardErrors.HC3,
            _ => RobustStandardErrors.None,
        };
        var means = BindLinearMeans(clauses, terms);
        var scope = BindScope(clauses, null);
        return y is null
            ? null
            : new BoundLinearModel(Snippet(syntax.Span), y, transform, terms.ToImmutableArray(), references, anova, robust, syntax.Span) { Scope = scope, Means = means };
    }

    /// <summary>
    /// The fixed terms of a regression formula (<c>model linear</c>, <c>logistic</c>, <c>poisson</c>): each factor bound by
    /// <see cref="BindLinearFactor"/>, <c>a * b</c> expanded, duplicates dropped, in R's terms() order. Random terms are reported.
    /// </summary>
    private List<BoundModelTerm> BindModelTerms(FormulaSyntax formula)
    {
        var terms = new List<BoundModelTerm>();
        foreach (var term in formula.Terms)
        {
            if (term is RandomTermSyntax)
            {
                _diagnostics.Add(DiagnosticDescriptors.LinearRandomTerm, term.Span, Snippet(term.Span));
                continue;
            }

            var fixedTerm = (FixedTermSyntax)term;
            var factors = fixedTerm.Factors.Select(BindLinearFactor).ToList();
            if (factors.Any(f => f is null))
            {
                continue;
            }

            foreach (var expanded in Expand(factors.Select(f => f!).ToList(), fixedTerm.Operator))
            {
                if (!terms.Any(t => t.Factors.Select(f => f.Name).OrderBy(n => n, System.StringComparer.Ordinal)
                        .SequenceEqual(expanded.Factors.Select(f => f.Name).OrderBy(n => n, System.StringComparer.Ordinal))))
                {
                    terms.Add(expanded);
                }
            }
        }

        // R's terms(): main effects first, then two-way interactions, ... (stable within a degree), and an interaction's
        // variables in the order they first appear in the formula, so coefficient names and type I rows are R's.
        var appearance = terms.SelectMany(t => t.Factors).Select(f => f.Name).Distinct().ToList();
        terms = terms.Select(t => new BoundModelTerm(t.Factors.OrderBy(f => appearance.IndexOf(f.Name)).ToImmutableArray()))
            .OrderBy(t => t.Factors.Length).ToList();
        return terms;
    }

    /// <summary>
    /// One factor of a linear-model term: <c>group</c>, a group set, a subject-level variable or expression (a number enters as
    /// is, a category or bool as a factor), or <c>factor(x)</c> (a number gets one level per distinct value). Null when reported.
    /// </summary>
    private BoundTermFactor? BindLinearFactor(FormulaFactorSyntax factor)
    {
        if (factor.Variable is { } name)
        {
            if (name.Name == "group")
            {
                return new BoundTermFactor("group", TermFactorKind.Group);
            }

            if (_groupSets.FirstOrDefault(s => s.Name == name.Name) is { } set)
            {
                return new BoundTermFactor(name.Name, factor.AsFactor ? TermFactorKind.CovariateAsFactor : TermFactorKind.Covariate, BoundVariable.ForGroupSet(set));
            }

            var subjects = SubjectScope!;
            if (!_outcomes.Any(o => o.Name == name.Name) && !subjects.Columns.ContainsKey(name.Name) && !subjects.Derives.ContainsKey(name.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownLinearTerm, name.Span, name.Name,
                    NameSuggestions.DidYouMean(name.Name, new[] { "group" }.Concat(_groupSets.Select(s => s.Name)).Concat(_outcomes.Select(o => o.Name)), subjects.AllNames));
                return null;
            }

            var variable = ResolveVariable(name);
            if (variable is null)
            {
                return null;
            }

            if (variable.Kind is VariableKind.TimeToEvent or VariableKind.Repeated)
            {
                var hint = variable.Kind == VariableKind.Repeated && variable.Outcome is not null ? "; use a mixed model for a repeated outcome" : string.Empty;
                _diagnostics.Add(DiagnosticDescriptors.LinearTermNotAllowed, name.Span, name.Name, Describe(variable), hint);
                return null;
            }

            return new BoundTermFactor(variable.Name, factor.AsFactor ? TermFactorKind.CovariateAsFactor : TermFactorKind.Covariate, variable);
        }

        var expression = ResolveSubjectExpression(factor.Expression, "linear");
        return expression is null
            ? null
            : new BoundTermFactor(expression.Name, factor.AsFactor ? TermFactorKind.CovariateAsFactor : TermFactorKind.Covariate, expression);
    }

    /// <summary><c>reference group_name, x = level</c>: each names a factor of the model and one of its levels.</summary>
    private ImmutableArray<BoundLinearReference> BindLinearReferences(AnalysisClauses clauses, List<BoundModelTerm> terms)
    {
        var result = ImmutableArray.CreateBuilder<BoundLinearReference>();
        var factors = terms.SelectMany(t => t.Factors).GroupBy(f => f.Name).Select(g => g.First()).ToList();
        foreach (var reference in clauses.References("reference"))
        {
            var name = reference.Variable?.Name ?? "group";
            var span = reference.Variable?.Span ?? reference.Level.Span;
            var factor = factors.FirstOrDefault(f => f.Name == name);

            // A mixed model's time (numeric or factor(week)) and row-level terms have no declared levels to name.
            if (factor is null || factor.Kind is not TermFactorKind.Group && factor.Covariate is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.ReferenceNotATerm, span, name);
                continue;
            }

            if (factor.Kind == TermFactorKind.Group)
            {
                if (ResolveGroup(reference.Level))
                {
                    result.Add(new BoundLinearReference("group", reference.Level.Name));
                }

                continue;
            }

            var variable = factor.Covariate!;
            IReadOnlyList<string>? levels = variable.GroupSet is { } set
                ? set.Groups.Select(g => g.Name).ToList()
                : variable.Kind == VariableKind.Binary ? ["true", "false"]
                : (variable.Column?.Type ?? variable.Derive?.Type ?? variable.Outcome?.Value?.Type ?? variable.Expression?.Type) is { Kind: TypeKind.Category, Category: { } category }
                    ? category.Levels : null;
            if (levels is null || factor.Kind == TermFactorKind.CovariateAsFactor && variable.Kind != VariableKind.Categorical && variable.Kind != VariableKind.Binary)
            {
                _diagnostics.Add(DiagnosticDescriptors.ReferenceNotATerm, span, name);
                continue;
            }

            if (!levels.Contains(reference.Level.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownLevel, reference.Level.Span, reference.Level.Name, name,
                    string.Join(", ", levels), NameSuggestions.DidYouMean(reference.Level.Name, levels));
                continue;
            }

            result.Add(new BoundLinearReference(name, reference.Level.Name));
        }

        return result.ToImmutable();
    }
}
