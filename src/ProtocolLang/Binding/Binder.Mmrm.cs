using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>model mmrm y ~ terms covariance us|cs|ar1|toep means f contrast reference|pairwise</c>: the fixed part binds
/// exactly as <c>model mixed</c>'s (terms, references, where, scope); the visits are the repeated outcome's time.
/// </summary>
public sealed partial class Binder
{
    private BoundMixedModel? BindMmrm(AnalysisClauses clauses)
    {
        foreach (var random in clauses.Formula!.Terms.OfType<RandomTermSyntax>())
        {
            _diagnostics.Add(DiagnosticDescriptors.RandomTermInMmrm, random.Span, Snippet(random.Span));
        }

        var model = BindMixedModel(clauses, randomTerms: false);
        var covariance = AllowedWord(clauses, "covariance")?.Name ?? "us";
        var contrast = AllowedWord(clauses, "contrast");
        if (model is null)
        {
            return null;
        }

        string? means = null;
        if (clauses.Has("means"))
        {
            means = BindMmrmMeans(clauses, model);
        }
        else if (contrast is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.ContrastWithoutMeans, clauses["contrast"]!.Span, "contrast");
        }

        var subject = FindTable(model.Response.RepeatedTable!)?.LinkColumn ?? "id";
        return model with { Mmrm = new BoundMmrmOptions(covariance, subject, means, contrast?.Name == "pairwise") };
    }

    /// <summary>The one factor term of <c>means</c>, or null (with a diagnostic) for a number, the visit or more than one.</summary>
    private string? BindMmrmMeans(AnalysisClauses clauses, BoundMixedModel model)
    {
        var expressions = clauses.Expressions("means");
        var names = expressions.Select(e => (e as NameExpressionSyntax) is { Qualifier: null } n ? n.Name.Name : Snippet(e.Span)).ToList();
        string time = model.Response.RepeatedTimeName ?? "the time";
        if (expressions.Length != 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.MmrmMeansFactor, clauses["means"]!.Span, time, string.Join(", ", names));
            return null;
        }

        var factors = model.FixedTerms.SelectMany(t => t.Factors).GroupBy(f => f.Name).Select(g => g.First()).ToList();
        var factor = factors.FirstOrDefault(f => f.Name == names[0]);
        if (factor is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.MeansNotATerm, expressions[0].Span, names[0], string.Join(", ", factors.Select(f => f.Name)));
            return null;
        }

        if (factor.Kind is TermFactorKind.Time or TermFactorKind.TimeAsFactor)
        {
            _diagnostics.Add(DiagnosticDescriptors.MmrmMeansFactor, expressions[0].Span, time, names[0] + " (the visit itself)");
            return null;
        }

        if (factor.Kind == TermFactorKind.RowCovariate || (factor.Kind == TermFactorKind.Covariate && factor.Covariate?.Kind is VariableKind.Continuous or VariableKind.Count))
        {
            _diagnostics.Add(DiagnosticDescriptors.MeansOfNumber, expressions[0].Span, names[0]);
            return null;
        }

        return names[0];
    }
}
