using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Emit;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>describe</c> and <c>compare</c> under <c>compute in engine</c>: what the engine's value counts serve (numbers,
/// counts, yes/no and categories; n, mean, SD, SE, type-7 median and quartiles, range, counts and percentages; the tests
/// mann_whitney, t_test, welch, fisher, chi_square, kruskal_wallis) runs there; everything else is refused here
/// (PL2284, PL2285; a variable without an SQL form is PL2278), never computed from rows read behind the study's back.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The tests an engine run computes from value counts (rank tests, t-tests) or counts per level (Fisher, chi-square).</summary>
    private static readonly TestKind[] EngineTests =
        [TestKind.MannWhitney, TestKind.TTest, TestKind.Welch, TestKind.Fisher, TestKind.ChiSquare, TestKind.KruskalWallis];

    private void CheckEngineTable(SqlExpressionEmitter sql, BoundAnalysis analysis)
    {
        (System.Collections.Immutable.ImmutableArray<BoundVariable> variables, string word) = analysis switch
        {
            BoundDescribe d => (d.Variables, "describe"),
            BoundCompare c => (c.Variables, "compare"),
            _ => (default, string.Empty),
        };
        if (variables.IsDefault)
        {
            return;
        }

        if (analysis is BoundCompare compare && !EngineTests.Contains(compare.Test))
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineTestNotSupported, analysis.Span, analysis.Source, EngineTestName(compare.Test),
                compare.Effect is not null
                    ? "is an effect measure, whose strata and person-time are not computed in an engine yet"
                    : "is not computed from engine statistics yet");
        }

        if (analysis is BoundDescribe describe)
        {
            if (describe.QuantileType != 7)
            {
                _diagnostics.Add(DiagnosticDescriptors.EngineStatisticNotSupported, analysis.Span, analysis.Source,
                    "'quantile_type " + describe.QuantileType.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + "': an engine run computes medians and quartiles by R's default type 7 only; remove 'quantile_type'");
            }

            if (describe.Statistics.Contains(DescribeStatistic.GeometricMean))
            {
                _diagnostics.Add(DiagnosticDescriptors.EngineStatisticNotSupported, analysis.Span, analysis.Source,
                    "'statistics geometric_mean': the geometric mean and its interval are not computed from engine statistics yet");
            }
        }

        foreach (var variable in variables)
        {
            if (variable.Outcome is { Summary: SummaryKind.GeometricMean })
            {
                _diagnostics.Add(DiagnosticDescriptors.EngineStatisticNotSupported, analysis.Span, analysis.Source,
                    "outcome '" + variable.Name + "' is summarised by its geometric mean, which is not computed from engine statistics yet; use 'summary median' or 'summary mean'");
            }

            CheckEngineForm(sql, EngineValue(variable), "variable '" + variable.Name + "' of " + word, analysis.Span);
        }
    }

    /// <summary>The expression an engine computes for a describe or compare variable: its outcome's value, column, derive or expression.</summary>
    internal static BoundExpression? EngineValue(BoundVariable variable, string subjectTable) =>
        variable.Outcome is { } outcome ? outcome.Value
        : variable.Expression is { } expression ? expression
        : variable.Column is { } column ? new BoundColumnReference(column, column.Span)
        : variable.Derive is { } derive ? new BoundDeriveReference(subjectTable, derive.Name, derive.Type, derive.Span)
        : null;

    private BoundExpression? EngineValue(BoundVariable variable) => EngineValue(variable, _engineSubjectTable);

    private static string EngineTestName(TestKind test) => test switch
    {
        TestKind.Anova => "anova",
        TestKind.WelchAnova => "welch_anova",
        TestKind.Bartlett => "bartlett",
        TestKind.Levene => "levene",
        TestKind.Tukey => "tukey",
        TestKind.RiskDifference => "risk_difference",
        TestKind.RelativeRisk => "relative_risk",
        TestKind.OddsRatio => "odds_ratio",
        TestKind.Nnt => "nnt",
        TestKind.RateRatio => "rate_ratio",
        TestKind.RateDifference => "rate_difference",
        _ => test.ToString(),
    };
}
