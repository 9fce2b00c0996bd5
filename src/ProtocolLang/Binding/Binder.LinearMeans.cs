using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary><c>model linear ... means f[, g] contrast pairwise | reference adjust ...</c>: emmeans of a factor term.</summary>
public sealed partial class Binder
{
    private BoundLinearMeans? BindLinearMeans(AnalysisClauses clauses, List<BoundModelTerm> terms)
    {
        var contrastWord = AllowedWord(clauses, "contrast");
        var adjustWord = AllowedWord(clauses, "adjust");
        if (!clauses.Has("means"))
        {
            foreach (var keyword in new[] { "contrast", "adjust" }.Where(clauses.Has))
            {
                _diagnostics.Add(DiagnosticDescriptors.ContrastWithoutMeans, clauses[keyword]!.Span, keyword);
            }

            return null;
        }

        var expressions = clauses.Expressions("means");
        var names = expressions.Select(e => (e as NameExpressionSyntax) is { Qualifier: null } n ? n.Name.Name : Snippet(e.Span)).ToList();
        if (expressions.Length is < 1 or > 2 || names.Distinct().Count() != names.Count)
        {
            _diagnostics.Add(DiagnosticDescriptors.MeansFactorCount, clauses["means"]!.Span, string.Join(", ", names));
            return null;
        }

        var factors = terms.SelectMany(t => t.Factors).GroupBy(f => f.Name).Select(g => g.First()).ToList();
        bool ok = true;
        for (int i = 0; i < expressions.Length; i++)
        {
            var factor = factors.FirstOrDefault(f => f.Name == names[i]);
            if (factor is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.MeansNotATerm, expressions[i].Span, names[i], string.Join(", ", factors.Select(f => f.Name)));
                ok = false;
            }
            else if (factor.Kind == TermFactorKind.Covariate && factor.Covariate?.Kind is VariableKind.Continuous or VariableKind.Count)
            {
                _diagnostics.Add(DiagnosticDescriptors.MeansOfNumber, expressions[i].Span, names[i]);
                ok = false;
            }
        }

        var contrast = contrastWord?.Name == "reference" ? LinearMeansContrast.Reference : LinearMeansContrast.Pairwise;
        var adjust = adjustWord?.Name switch
        {
            "tukey" => LinearMeansAdjust.Tukey,
            "bonferroni" => LinearMeansAdjust.Bonferroni,
            "holm" => LinearMeansAdjust.Holm,
            "none" => LinearMeansAdjust.None,
            "dunnettx" => LinearMeansAdjust.Dunnettx,
            _ => contrast == LinearMeansContrast.Pairwise ? LinearMeansAdjust.Tukey : LinearMeansAdjust.Dunnettx,
        };
        if (adjust == LinearMeansAdjust.Tukey && contrast == LinearMeansContrast.Reference)
        {
            _diagnostics.Add(DiagnosticDescriptors.TukeyReferenceContrast, adjustWord!.Span);
            ok = false;
        }

        return ok ? new BoundLinearMeans(names[0], names.Count > 1 ? names[1] : null, contrast, adjust) : null;
    }
}
