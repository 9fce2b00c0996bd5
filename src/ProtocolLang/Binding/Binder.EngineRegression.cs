using ProtocolLang.Diagnostics;
using ProtocolLang.Emit;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>model linear</c> under <c>compute in engine</c>: the runtime fits it from the cross-products of its design columns
/// (SqlRegression), each column coded as SQL from the response and the term variables of the subject table: numbers,
/// bools, categories, the group and their interactions. Refused here: <c>factor(x)</c> of a number, whose levels are the
/// data's distinct values (PL2298), any response or term variable without an SQL form (PL2278), and the options that
/// need each subject's row (<c>robust</c>, <c>means</c>: PL2276, from <see cref="EngineOptionRefusals"/>). <c>model logistic</c>
/// and <c>model poisson</c> run their IRLS with one query per iteration (SqlGlm) over the same design; an offset,
/// <c>family quasi</c> and <c>means</c> are refused there (PL2276). A negative binomial model is refused with its reason (PL2297).
/// </summary>
public sealed partial class Binder
{
    private void CheckEngineLinear(SqlExpressionEmitter sql, BoundLinearModel model) => CheckEngineRegression(sql, model.Response, model.Terms, model.Source, model.Span);

    /// <summary>The response and the term variables of a linear, logistic or Poisson model need an SQL form; <c>factor(x)</c> of a number is refused.</summary>
    private void CheckEngineRegression(SqlExpressionEmitter sql, BoundVariable response, System.Collections.Immutable.ImmutableArray<BoundModelTerm> terms, string source, Text.TextSpan span)
    {
        CheckEngineVariable(sql, response, "response", span);
        foreach (var term in terms)
        {
            foreach (var factor in term.Factors)
            {
                if (factor.Covariate is not { } covariate)
                {
                    continue;
                }

                if (factor.Kind == TermFactorKind.CovariateAsFactor && covariate.Kind is VariableKind.Continuous or VariableKind.Count)
                {
                    _diagnostics.Add(DiagnosticDescriptors.EngineRegressionTermNotSupported, span, source, "factor(" + factor.Name + ")",
                        "its levels are the distinct values of a number, which the engine's design query does not list yet; use the number as it is, or a category");
                    continue;
                }

                CheckEngineVariable(sql, covariate, "term variable", span);
            }
        }
    }

    /// <summary>A negative binomial model is refused with its own reason (the other GLMs are the catalog's PL2275 until they have an engine form).</summary>
    private bool RefuseEngineNegativeBinomial(BoundAnalysis analysis)
    {
        if (analysis is BoundGlmModel { Family: GlmModelFamily.NegativeBinomial } model)
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineNegativeBinomial, model.Span, model.Source);
            return true;
        }

        return false;
    }
}
