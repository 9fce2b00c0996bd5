using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>model mmrm y ~ terms covariance us|cs|ar1|toep means f contrast reference|pairwise adjust ...</c>: the fixed part
/// binds exactly as <c>model mixed</c>'s (terms, references, where, scope); the visits are the repeated outcome's time.
/// <c>means</c> (with <c>contrast</c> and <c>adjust</c>) binds the same way for <c>model mixed</c>.
/// </summary>
public sealed partial class Binder
{
    private BoundMixedModel? BindMmrm(AnalysisClauses clauses)
    {
        foreach (var random in clauses.Formula!.Terms.OfType<RandomTermSyntax>())
        {
            _diagnostics.Add(DiagnosticDescriptors.RandomTermInMmrm, random.Span, Snippet(random.Span));
        }

        var model = BindMixedWithMeans(clauses, randomTerms: false);
        var covariance = AllowedWord(clauses, "covariance")?.Name ?? "us";
        if (model is null)
        {
            return null;
        }

        var subject = FindTable(model.Response.RepeatedTable!)?.LinkColumn ?? "id";
        return model with { Mmrm = new BoundMmrmOptions(covariance, subject) };
    }

    /// <summary><c>model mixed</c> or <c>model mmrm</c> with its <c>means</c>, <c>contrast</c> and <c>adjust</c> (emmeans' <c>~ f | visit</c>).</summary>
    private BoundMixedModel? BindMixedWithMeans(AnalysisClauses clauses, bool randomTerms = true)
    {
        var model = BindMixedModel(clauses, randomTerms);
        var contrast = AllowedWord(clauses, "contrast");
        var adjustWord = AllowedWord(clauses, "adjust");
        if (model is null)
        {
            return null;
        }

        if (!clauses.Has("means"))
        {
            foreach (var keyword in new[] { "contrast", "adjust" }.Where(clauses.Has))
            {
                _diagnostics.Add(DiagnosticDescriptors.ContrastWithoutMeans, clauses[keyword]!.Span, keyword);
            }

            return model;
        }

        bool pairwise = contrast?.Name == "pairwise";
        var adjust = adjustWord?.Name switch
        {
            "tukey" => LinearMeansAdjust.Tukey,
            "bonferroni" => LinearMeansAdjust.Bonferroni,
            "holm" => LinearMeansAdjust.Holm,
            "none" => LinearMeansAdjust.None,
            "dunnettx" => LinearMeansAdjust.Dunnettx,
            _ => pairwise ? LinearMeansAdjust.Tukey : LinearMeansAdjust.Dunnettx,
        };
        if (adjust == LinearMeansAdjust.Tukey && !pairwise)
        {
            _diagnostics.Add(DiagnosticDescriptors.TukeyReferenceContrast, adjustWord!.Span);
            return model;
        }

        return BindVisitMeansFactor(clauses, model) is { } factor ? model with { Means = new BoundVisitMeans(factor, pairwise, adjust) } : model;
    }

    /// <summary>The one factor term of <c>means</c>, or null (with a diagnostic) for a number, the visit or more than one.</summary>
    private string? BindVisitMeansFactor(AnalysisClauses clauses, BoundMixedModel model)
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
