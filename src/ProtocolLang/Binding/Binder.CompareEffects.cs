using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>
/// The effect measures of <c>compare</c>: a binary variable between two groups (risk_difference, relative_risk,
/// odds_ratio, nnt), optionally stratified (Mantel-Haenszel), and events over person-time (rate_ratio, rate_difference).
/// </summary>
public sealed partial class Binder
{
    /// <summary>A property, not a field: <c>Tests</c> (Binder.Compare.cs) spreads it, and static fields of partial files initialise in no set order.</summary>
    private static (string Name, TestKind Kind)[] EffectTests =>
    [
        ("risk_difference", TestKind.RiskDifference), ("relative_risk", TestKind.RelativeRisk), ("odds_ratio", TestKind.OddsRatio),
        ("nnt", TestKind.Nnt), ("rate_ratio", TestKind.RateRatio), ("rate_difference", TestKind.RateDifference),
    ];

    private static readonly string[] ContinuousTests = ["mann_whitney", "t_test", "welch", "kruskal_wallis", "anova", "welch_anova"];

    private static bool IsEffectTest(TestKind kind) => EffectTests.Any(t => t.Kind == kind);

    private static bool IsRateTest(TestKind kind) => kind is TestKind.RateRatio or TestKind.RateDifference;

    /// <summary><c>strata</c> and <c>per</c> belong to the effect measures; with any other test they are reported.</summary>
    private void ReportEffectClauses(AnalysisClauses clauses, string? testName)
    {
        if (testName is null)
        {
            return;
        }

        if (clauses["strata"] is { } strata)
        {
            _diagnostics.Add(DiagnosticDescriptors.StrataNotTaken, strata.Keyword.Span, testName,
                "; Mantel-Haenszel strata are taken by risk_difference, relative_risk, odds_ratio, nnt, rate_ratio and rate_difference");
        }

        if (clauses["per"] is { } per)
        {
            _diagnostics.Add(DiagnosticDescriptors.PersonTimeWithoutRate, per.Keyword.Span, testName);
        }
    }

    private BoundCompare? BindCompareEffect(
        AnalysisClauses clauses,
        List<(TextSpan Span, string Name, BoundVariable Variable)> variables,
        BoundScope scope,
        List<string> groups,
        BoundPairing? pairing,
        (string Name, TestKind Kind) test,
        TestValueSyntax testSyntax)
    {
        var syntax = clauses.Syntax;
        var adjust = BindAdjust(clauses.Word("adjust"));
        var rate = IsRateTest(test.Kind);
        foreach (var (span, name, variable) in variables)
        {
            var fits = rate ? variable.Kind is VariableKind.Binary or VariableKind.Count || IsInteger(variable) : variable.Kind is VariableKind.Binary;
            if (!fits)
            {
                _diagnostics.Add(DiagnosticDescriptors.EffectDoesNotFit, span, test.Name, rate ? "an event count or binary" : "a binary", name, Describe(variable),
                    FitHint(variable, rate));
            }
        }

        if (pairing is AcrossGroupsPairing && groups.Count != 2)
        {
            _diagnostics.Add(DiagnosticDescriptors.EffectAcrossGroups, testSyntax.Test.Span, test.Name,
                groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var strata = BindEffectStrata(clauses);
        var personTime = BindPersonTime(clauses, test);
        var effect = BindEffectOptions(test, testSyntax.Options, strata, personTime);
        if (pairing is null)
        {
            return null;
        }

        return new BoundCompare(Snippet(syntax.Span), variables.Select(v => v.Variable).ToImmutableArray(), pairing, test.Kind, adjust,
            BoundTestOptions.Default, syntax.Span)
        {
            Scope = scope,
            Effect = effect,
        };
    }

    /// <summary>An integer column or derive (kind continuous): events counted per subject, as a count outcome's.</summary>
    private static bool IsInteger(BoundVariable variable) =>
        (variable.Column?.Type ?? variable.Derive?.Type ?? variable.Expression?.Type)?.Kind == TypeKind.Integer;

    /// <summary>The tests that do fit the variable, as a hint: a number has the continuous tests, a category fisher or a binary outcome.</summary>
    private static string FitHint(BoundVariable variable, bool rate) => variable.Kind switch
    {
        VariableKind.Continuous => rate
            ? "; events are a count outcome (outcome N: count x) or an integer column"
            : "; for it use " + OrList(ContinuousTests),
        VariableKind.Count => "; for it use " + OrList(ContinuousTests.Concat(["rate_ratio", "rate_difference"])),
        VariableKind.Categorical => "; for it use fisher or chi_square, or declare a binary outcome of one level (outcome X: binary v == level)",
        _ => string.Empty,
    };

    private ImmutableArray<BoundVariable> BindEffectStrata(AnalysisClauses clauses)
    {
        if (clauses["strata"] is null)
        {
            return ImmutableArray<BoundVariable>.Empty;
        }

        return clauses.Expressions("strata").Select(e => ResolveStratum(e, "compare strata")).Where(s => s is not null).Select(s => s!).ToImmutableArray();
    }

    private BoundVariable? BindPersonTime(AnalysisClauses clauses, (string Name, TestKind Kind) test)
    {
        var expression = clauses.Expression("per");
        if (!IsRateTest(test.Kind))
        {
            if (clauses["per"] is { } per)
            {
                _diagnostics.Add(DiagnosticDescriptors.PersonTimeWithoutRate, per.Keyword.Span, test.Name);
            }

            return null;
        }

        if (expression is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.RateWithoutPersonTime, clauses.Test("using")!.Test.Span, test.Name);
            return null;
        }

        var variable = ResolveSubjectExpression(expression, "compare per");
        if (variable is not null && variable.Kind is not VariableKind.Continuous and not VariableKind.Count)
        {
            _diagnostics.Add(DiagnosticDescriptors.BadPersonTime, expression.Span, Snippet(expression.Span), Describe(variable));
            return null;
        }

        return variable;
    }

    /// <summary><c>conditional</c> (odds_ratio), <c>no_correct</c> (with strata), <c>beneficial</c> / <c>harmful</c> (nnt).</summary>
    private BoundEffect BindEffectOptions((string Name, TestKind Kind) test, ImmutableArray<IdentifierSyntax> names,
        ImmutableArray<BoundVariable> strata, BoundVariable? personTime)
    {
        var effect = BoundEffect.Default with { Strata = strata, PersonTime = personTime };
        var allowed = test.Kind switch
        {
            TestKind.OddsRatio => new[] { "conditional", "no_correct" },
            TestKind.RiskDifference or TestKind.RelativeRisk => new[] { "no_correct" },
            TestKind.Nnt => new[] { "beneficial", "harmful", "no_correct" },
            _ => System.Array.Empty<string>(),
        };
        var seen = new List<IdentifierSyntax>();
        foreach (var name in names)
        {
            if (!allowed.Contains(name.Name))
            {
                var expected = allowed.Length == 0
                    ? test.Name + " takes no options"
                    : "expected " + OrList(allowed) + NameSuggestions.DidYouMean(name.Name, allowed);
                _diagnostics.Add(DiagnosticDescriptors.UnknownTestOption, name.Span, name.Name, test.Name, expected);
                continue;
            }

            if (seen.FirstOrDefault(s => s.Name == name.Name) is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.RepeatedTestOption, name.Span, name.Name);
                continue;
            }

            if (name.Name is "beneficial" or "harmful" && seen.FirstOrDefault(s => s.Name is "beneficial" or "harmful") is { } other)
            {
                _diagnostics.Add(DiagnosticDescriptors.ConflictingTestOptions, name.Span, name.Name, other.Name);
                continue;
            }

            seen.Add(name);
            switch (name.Name)
            {
                case "conditional":
                    effect = effect with { Conditional = true };
                    break;
                case "no_correct" when strata.IsEmpty:
                    _diagnostics.Add(DiagnosticDescriptors.CorrectionWithoutStrata, name.Span, test.Name);
                    break;
                case "no_correct":
                    effect = effect with { Correct = false };
                    break;
                case "beneficial":
                    effect = effect with { Direction = NntDirection.Beneficial };
                    break;
                default:
                    effect = effect with { Direction = NntDirection.Harmful };
                    break;
            }
        }

        if (effect.Conditional && !effect.Correct)
        {
            // The exact conditional test (mantelhaen.test(exact = TRUE)) has no continuity correction to turn off.
            _diagnostics.Add(DiagnosticDescriptors.CorrectionWithExactTest, seen.First(s => s.Name == "no_correct").Span);
        }

        return effect;
    }
}
