using System.Collections.Immutable;
using ProtocolLang.Diagnostics;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>model logistic y ~ terms</c>, <c>model poisson y ~ terms [offset e] [family quasi]</c> and <c>model negative_binomial</c>:
/// R's <c>glm</c> / <c>MASS::glm.nb</c> with the terms and references of <c>model linear</c>.
/// </summary>
public sealed partial class Binder
{
    private BoundGlmModel? BindGlmModel(AnalysisClauses clauses)
    {
        var syntax = clauses.Syntax;
        var formula = clauses.Formula!;
        var kindName = clauses.Kind.Name;
        RequireGroupsIfNamed(clauses, formula);
        var response = formula.Response;
        if (response.Transform is { } transformSyntax)
        {
            _diagnostics.Add(DiagnosticDescriptors.GlmResponseTransform, transformSyntax.Span, transformSyntax.Name, kindName);
        }

        BoundVariable? y = null;
        if (ResolveVariable(response.Variable) is { } variable)
        {
            if (kindName == "logistic")
            {
                if (variable.Kind == VariableKind.Binary)
                {
                    y = variable;
                }
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.LogisticResponseNotBinary, response.Variable.Span, response.Variable.Name, Describe(variable));
                }
            }
            else if (variable.Kind == VariableKind.Count
                     || (variable.Column?.Type ?? variable.Derive?.Type ?? variable.Expression?.Type) is { Kind: TypeKind.Integer })
            {
                y = variable;
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.CountResponseNotCount, response.Variable.Span, kindName.Replace('_', ' '), response.Variable.Name, Describe(variable));
            }
        }

        var terms = BindModelTerms(formula);
        var references = BindLinearReferences(clauses, terms);
        BoundVariable? offset = null;
        var offsetSyntax = clauses.Expressions("offset");
        if (offsetSyntax.Length > 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.TooManyValues, offsetSyntax[1].Span, "offset", kindName, "offset",
                offsetSyntax.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!offsetSyntax.IsEmpty && ResolveSubjectExpression(offsetSyntax[0], kindName) is { } offsetVariable)
        {
            if (offsetVariable.Kind is VariableKind.Continuous or VariableKind.Count)
            {
                offset = offsetVariable;
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.OffsetNotNumeric, offsetSyntax[0].Span, offsetVariable.Name, Describe(offsetVariable));
            }
        }

        var family = kindName switch
        {
            "logistic" => GlmModelFamily.Logistic,
            "negative_binomial" => GlmModelFamily.NegativeBinomial,
            _ => AllowedWord(clauses, "family")?.Name == "quasi" ? GlmModelFamily.QuasiPoisson : GlmModelFamily.Poisson,
        };
        var scope = BindScope(clauses, null);
        var means = BindLinearMeans(clauses, terms);
        return y is null
            ? null
            : new BoundGlmModel(Snippet(syntax.Span), y, family, terms.ToImmutableArray(), references, offset, syntax.Span) { Scope = scope, Means = means };
    }
}
