using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>model rm_anova y ~ arm * factor(visit)</c>: afex's <c>aov_ez(id, y, data, between = "arm", within = "visit")</c>.
/// The formula binds as <c>model mixed</c>'s (terms, where, scope); the subject is the repeated table's link, the
/// within-subject factor the outcome's time as <c>factor(time)</c>, every other factor a between-subject factor, and
/// the terms must be their full factorial, which is what afex fits (PL2260–PL2263).
/// </summary>
public sealed partial class Binder
{
    private BoundMixedModel? BindRmAnova(AnalysisClauses clauses)
    {
        var formula = clauses.Formula!;
        foreach (var random in formula.Terms.OfType<RandomTermSyntax>())
        {
            _diagnostics.Add(DiagnosticDescriptors.RandomTermInRmAnova, random.Span, Snippet(random.Span));
        }

        var model = BindMixedModel(clauses, randomTerms: false);
        if (model is null)
        {
            return null;
        }

        string time = model.Response.RepeatedTimeName ?? "the time";
        var factors = model.FixedTerms.SelectMany(t => t.Factors).GroupBy(f => f.Name).Select(g => g.First()).ToList();
        var ok = true;
        var reported = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var syntax in formula.Terms.OfType<FixedTermSyntax>().SelectMany(t => t.Factors))
        {
            var name = syntax.Variable?.Name ?? Snippet(syntax.Expression.Span);
            var factor = factors.FirstOrDefault(f => f.Name == name);
            if (factor is null || !reported.Add(name))
            {
                continue;
            }

            var problem = factor.Kind switch
            {
                TermFactorKind.Time => null,
                TermFactorKind.RowCovariate => "a number per row of '" + model.Response.RepeatedTable + "'",
                TermFactorKind.Covariate when factor.Covariate?.Kind is VariableKind.Continuous or VariableKind.Count => "a number (write 'factor(" + name + ")' for one level per value)",
                _ => null,
            };
            if (factor.Kind == TermFactorKind.Time)
            {
                _diagnostics.Add(DiagnosticDescriptors.RmAnovaWithinFactor, syntax.Span, time, "found '" + name + "' as a number");
                ok = false;
            }
            else if (problem is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.RmAnovaTermNotAFactor, syntax.Span, name, problem);
                ok = false;
            }
        }

        // A term that did not bind (reported) may hold the visit: only a formula that never names it lacks it.
        var named = formula.Terms.OfType<FixedTermSyntax>().SelectMany(t => t.Factors).Any(f => f.Variable?.Name == time);
        if (ok && !named && !factors.Any(f => f.Kind == TermFactorKind.TimeAsFactor))
        {
            _diagnostics.Add(DiagnosticDescriptors.RmAnovaWithinFactor, formula.Span, time, "the formula has none");
            ok = false;
        }

        if (ok && named && !factors.Any(f => f.Kind == TermFactorKind.TimeAsFactor))
        {
            ok = false; // the term holding the visit did not bind, and was reported
        }

        if (ok && MissingFactorialTerms(model, factors) is { Count: > 0 } missing)
        {
            // Between factors first, the visit last: afex's effect names (arm:visit).
            var ordered = factors.Where(f => f.Kind != TermFactorKind.TimeAsFactor).Concat(factors.Where(f => f.Kind == TermFactorKind.TimeAsFactor));
            _diagnostics.Add(DiagnosticDescriptors.RmAnovaNotFactorial, formula.Span,
                formula.Response.Variable.Name + " ~ " + string.Join(" * ", ordered.Select(TermText)), string.Join(", ", missing));
            ok = false;
        }

        var subject = FindTable(model.Response.RepeatedTable!)?.LinkColumn ?? "id";
        return ok ? model with { RmAnova = new BoundRmAnovaOptions(subject) } : null;
    }

    /// <summary>The interactions (or main effects) of the full factorial that the formula leaves out, as written.</summary>
    private static List<string> MissingFactorialTerms(BoundMixedModel model, List<BoundTermFactor> factors)
    {
        var present = new HashSet<string>(model.FixedTerms.Select(t => string.Join(":", t.Factors.Select(f => f.Name).OrderBy(n => n, System.StringComparer.Ordinal))), System.StringComparer.Ordinal);
        var missing = new List<string>();
        for (int mask = 1; mask < 1 << factors.Count; mask++)
        {
            var subset = Enumerable.Range(0, factors.Count).Where(i => (mask & (1 << i)) != 0).Select(i => factors[i]).ToList();
            if (!present.Contains(string.Join(":", subset.Select(f => f.Name).OrderBy(n => n, System.StringComparer.Ordinal))))
            {
                missing.Add(string.Join(":", subset.Select(TermText)));
            }
        }

        return missing;
    }

    private static string TermText(BoundTermFactor factor) =>
        factor.Kind is TermFactorKind.TimeAsFactor or TermFactorKind.CovariateAsFactor ? "factor(" + factor.Name + ")" : factor.Name;
}
