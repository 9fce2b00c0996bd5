using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// The random-effects terms of <c>model mixed</c> (issue 13). Each term binds as lme4 reads it: lme4's double bar
/// <c>(month || id)</c> stands for the two independent terms <c>(1 | id) + (0 + month | id)</c>, so both spellings bind
/// to the same two terms (intercept first, whichever order they are written in). Supported: one term, or that pair on
/// the link column and the outcome's time; anything else is PL2256.
/// </summary>
public sealed partial class Binder
{
    /// <param name="combinations">Whether to check the terms together (PL2256); an MMRM and a repeated-measures ANOVA reject every random term themselves.</param>
    private ImmutableArray<BoundRandomEffect> BindRandomTerms(IReadOnlyList<RandomTermSyntax> terms, OutcomeSymbol? outcome, string? link, bool combinations)
    {
        var bound = new List<BoundRandomEffect>();
        var reported = false;
        foreach (var random in terms)
        {
            if (link is not null && random.Grouping.Name != link)
            {
                _diagnostics.Add(DiagnosticDescriptors.RandomGroupingNotLink, random.Grouping.Span, link, outcome!.RepeatedTable!, random.Grouping.Name);
                reported = true;
            }

            if (random.Slope is { } slope && outcome is not null && slope.Name != outcome.RepeatedTimeName)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownModelTerm, slope.Span, slope.Name,
                    "the time column '" + outcome.RepeatedTimeName + "' as a random slope", string.Empty);
                reported = true;
            }

            var intercept = random.Intercept || random.Slope is null;
            if (random.Uncorrelated && intercept && random.Slope is not null)
            {
                bound.Add(new BoundRandomEffect(random.Grouping.Name, true, null));
                bound.Add(new BoundRandomEffect(random.Grouping.Name, false, random.Slope.Name));
            }
            else
            {
                bound.Add(new BoundRandomEffect(random.Grouping.Name, intercept, random.Slope?.Name));
            }
        }

        if (bound.Count <= 1 || reported || !combinations)
        {
            return bound.ToImmutableArray();
        }

        if (bound.Count == 2 && bound[0].Grouping == bound[1].Grouping
            && bound.FirstOrDefault(b => b is { Intercept: true, Slope: null }) is { } interceptTerm
            && bound.FirstOrDefault(b => b is { Intercept: false, Slope: not null }) is { } slopeTerm)
        {
            return [interceptTerm, slopeTerm];
        }

        var span = Text.TextSpan.FromBounds(terms[0].Span.Start, terms[terms.Count - 1].Span.End);
        var found = string.Join(" + ", terms.Select(t => Snippet(t.Span)));
        _diagnostics.Add(DiagnosticDescriptors.RandomTermsNotSupported, span, link ?? terms[0].Grouping.Name,
            outcome?.RepeatedTimeName ?? "time", found);
        return bound.ToImmutableArray();
    }
}
