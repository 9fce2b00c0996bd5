using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    private ImmutableArray<BoundAnalysis> BindAnalyses(ImmutableArray<DeclarationSyntax> declarations)
    {
        var analyses = ImmutableArray.CreateBuilder<BoundAnalysis>();
        foreach (var declaration in declarations)
        {
            if (SubjectScope is null)
            {
                break;
            }

            BoundAnalysis? analysis = declaration switch
            {
                DescribeSyntax d => BindDescribe(d),
                CompareSyntax c => BindCompare(c),
                MixedModelSyntax m => BindMixedModel(m),
                KaplanMeierSyntax k => BindKaplanMeier(k),
                LogRankSyntax l => BindLogRank(l),
                CoxModelSyntax c => BindCox(c),
                _ => null,
            };
            if (analysis is not null)
            {
                analyses.Add(analysis);
            }
        }

        return analyses.ToImmutable();
    }

    private void RequireGroups(TextSpan span)
    {
        if (_groups.Count == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoGroups, span);
        }
    }

    /// <summary>An outcome, or a subject-level column or derived variable, by name; null (reported) when unknown.</summary>
    private BoundVariable? ResolveVariable(IdentifierSyntax name)
    {
        var outcome = _outcomes.FirstOrDefault(o => o.Name == name.Name);
        if (outcome is not null)
        {
            return BoundVariable.ForOutcome(outcome);
        }

        var subjects = SubjectScope!;
        if (subjects.Columns.TryGetValue(name.Name, out var column))
        {
            return BoundVariable.ForColumn(column, KindOf(column.Type));
        }

        if (subjects.Derives.TryGetValue(name.Name, out var slot) && slot.Symbol is { } derive)
        {
            return BoundVariable.ForDerive(derive, KindOf(derive.Type));
        }

        _diagnostics.Add(DiagnosticDescriptors.UnknownVariable, name.Span, name.Name, subjects.Name,
            NameSuggestions.DidYouMean(name.Name, _outcomes.Select(o => o.Name), subjects.AllNames));
        return null;
    }

    /// <summary>How a column or derive is analysed; text and dates have no kind (<see cref="VariableKind.Repeated"/> marks "none").</summary>
    private static VariableKind KindOf(BoundType type) => type.Kind switch
    {
        TypeKind.Number or TypeKind.Integer => VariableKind.Continuous,
        TypeKind.Bool => VariableKind.Binary,
        TypeKind.Category => VariableKind.Categorical,
        _ => VariableKind.Repeated,
    };

    /// <summary>"a continuous outcome", "a number column" — for messages.</summary>
    private static string Describe(BoundVariable variable)
    {
        if (variable.Outcome is { } outcome)
        {
            return "a " + OutcomeKindName(outcome.Kind) + " outcome";
        }

        var type = variable.Column?.Type ?? variable.Derive!.Type;
        return "a " + type.Display + (variable.Column is not null ? " column" : " derived variable");
    }

    private static string OutcomeKindName(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Continuous => "continuous",
        OutcomeKind.Binary => "binary",
        OutcomeKind.Categorical => "categorical",
        OutcomeKind.Count => "count",
        OutcomeKind.TimeToEvent => "time_to_event",
        _ => "repeated",
    };

    /// <summary>A variable for describe/compare/covariates: one value per subject that is continuous, binary, categorical or a count.</summary>
    private BoundVariable? ResolveSubjectVariable(IdentifierSyntax name, string analysis)
    {
        var variable = ResolveVariable(name);
        if (variable is null)
        {
            return null;
        }

        if (variable.Kind is VariableKind.TimeToEvent or VariableKind.Repeated)
        {
            var hint = variable.Kind == VariableKind.TimeToEvent && variable.Outcome is not null
                ? "; use kaplan_meier, logrank or cox"
                : variable.Outcome is not null ? "; use a mixed model" : string.Empty;
            _diagnostics.Add(DiagnosticDescriptors.VariableNotAllowed, name.Span, analysis, name.Name, Describe(variable), hint);
            return null;
        }

        return variable;
    }

    private BoundDescribe BindDescribe(DescribeSyntax syntax)
    {
        RequireGroups(syntax.Span);
        var variables = syntax.Variables.Select(v => ResolveSubjectVariable(v, "describe")).Where(v => v is not null).Select(v => v!);
        return new BoundDescribe(Snippet(syntax.Span), variables.ToImmutableArray(), BindStatistics(syntax.Statistics),
            BindQuantileType(syntax.QuantileType), syntax.Span);
    }

    private static readonly (string Name, DescribeStatistic Statistic)[] Statistics =
    [
        ("mean_sd", DescribeStatistic.MeanSd), ("mean_se", DescribeStatistic.MeanSe), ("median_iqr", DescribeStatistic.MedianIqr),
        ("range", DescribeStatistic.Range), ("geometric_mean", DescribeStatistic.GeometricMean), ("percent_ci", DescribeStatistic.PercentCi),
    ];

    private ImmutableArray<DescribeStatistic> BindStatistics(ImmutableArray<IdentifierSyntax> names)
    {
        var statistics = ImmutableArray.CreateBuilder<DescribeStatistic>();
        foreach (var name in names)
        {
            var found = Statistics.FirstOrDefault(s => s.Name == name.Name);
            if (found.Name is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownStatistic, name.Span, name.Name,
                    NameSuggestions.DidYouMean(name.Name, Statistics.Select(s => s.Name)));
            }
            else if (statistics.Contains(found.Statistic))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateStatistic, name.Span, name.Name);
            }
            else
            {
                statistics.Add(found.Statistic);
            }
        }

        return statistics.ToImmutable();
    }

    private int BindQuantileType(NumberSyntax? number)
    {
        if (number is null)
        {
            return 7;
        }

        if (number.Value is >= 1 and <= 9 && number.Value == System.Math.Floor(number.Value))
        {
            return (int)number.Value;
        }

        _diagnostics.Add(DiagnosticDescriptors.InvalidQuantileType, number.Span, number.Text);
        return 7;
    }

    private static readonly (string Name, TestKind Kind)[] Tests =
    [
        ("mann_whitney", TestKind.MannWhitney), ("t_test", TestKind.TTest), ("welch", TestKind.Welch),
        ("fisher", TestKind.Fisher), ("chi_square", TestKind.ChiSquare),
        ("kruskal_wallis", TestKind.KruskalWallis), ("anova", TestKind.Anova), ("welch_anova", TestKind.WelchAnova),
    ];

    private static readonly (string Name, AdjustMethod Method)[] Adjustments =
    [
        ("none", AdjustMethod.None), ("bonferroni", AdjustMethod.Bonferroni), ("holm", AdjustMethod.Holm),
        ("hochberg", AdjustMethod.Hochberg), ("bh", AdjustMethod.BenjaminiHochberg),
    ];

    private BoundCompare? BindCompare(CompareSyntax syntax)
    {
        RequireGroups(syntax.Span);
        var variables = new List<(IdentifierSyntax Syntax, BoundVariable Variable)>();
        foreach (var name in syntax.Variables)
        {
            if (ResolveSubjectVariable(name, "compare") is { } variable)
            {
                variables.Add((name, variable));
            }
        }

        var pairing = BindPairing(syntax.Pairing);
        var test = Tests.FirstOrDefault(t => t.Name == syntax.Test.Name);
        if (test.Name is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownTest, syntax.Test.Span, syntax.Test.Name,
                NameSuggestions.DidYouMean(syntax.Test.Name, Tests.Select(t => t.Name)));
        }

        var adjust = AdjustMethod.None;
        if (syntax.Adjust is { } adjustSyntax)
        {
            var found = Adjustments.FirstOrDefault(a => a.Name == adjustSyntax.Name);
            if (found.Name is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownAdjust, adjustSyntax.Span, adjustSyntax.Name,
                    NameSuggestions.DidYouMean(adjustSyntax.Name, Adjustments.Select(a => a.Name)));
            }

            adjust = found.Method;
        }

        var options = test.Name is null ? BoundTestOptions.Default : BindTestOptions(test.Name, test.Kind, syntax.Options);
        if (test.Name is null || pairing is null)
        {
            return null;
        }

        var continuousTest = test.Kind is not TestKind.Fisher and not TestKind.ChiSquare;
        foreach (var (name, variable) in variables)
        {
            var fits = continuousTest
                ? variable.Kind is VariableKind.Continuous or VariableKind.Count
                : variable.Kind is VariableKind.Binary or VariableKind.Categorical;
            if (!fits)
            {
                _diagnostics.Add(DiagnosticDescriptors.TestDoesNotFit, name.Span, test.Name,
                    continuousTest ? "a continuous or count" : "a binary or categorical", name.Name, Describe(variable));
            }
        }

        var twoGroupTest = test.Kind is TestKind.MannWhitney or TestKind.TTest or TestKind.Welch;
        if (twoGroupTest && pairing is AcrossGroupsPairing && _groups.Count > 2)
        {
            _diagnostics.Add(DiagnosticDescriptors.TwoGroupTestAcrossGroups, syntax.Test.Span, test.Name,
                _groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                test.Kind switch
                {
                    TestKind.MannWhitney => "kruskal_wallis",
                    TestKind.Welch => "welch_anova (or kruskal_wallis)",
                    _ => "anova (or kruskal_wallis)",
                });
        }

        return new BoundCompare(Snippet(syntax.Span), variables.Select(v => v.Variable).ToImmutableArray(), pairing, test.Kind, adjust, options, syntax.Span);
    }

    /// <summary>
    /// <c>exact</c> / <c>approximate</c> choose wilcox.test's p-value and interval (mann_whitney only);
    /// <c>no_correct</c> turns off R's <c>correct</c> (mann_whitney's continuity correction, chi_square's Yates).
    /// </summary>
    private BoundTestOptions BindTestOptions(string testName, TestKind test, ImmutableArray<IdentifierSyntax> names)
    {
        var options = BoundTestOptions.Default;
        IdentifierSyntax? exactGiven = null;
        IdentifierSyntax? correctGiven = null;
        var allowed = test switch
        {
            TestKind.MannWhitney => new[] { "exact", "approximate", "no_correct" },
            TestKind.ChiSquare => new[] { "no_correct" },
            _ => System.Array.Empty<string>(),
        };
        foreach (var name in names)
        {
            if (!allowed.Contains(name.Name))
            {
                var expected = allowed.Length == 0
                    ? testName + " takes no options"
                    : "expected " + (allowed.Length == 1 ? allowed[0] : string.Join(", ", allowed.Take(allowed.Length - 1)) + " or " + allowed[^1])
                        + NameSuggestions.DidYouMean(name.Name, allowed);
                _diagnostics.Add(DiagnosticDescriptors.UnknownTestOption, name.Span, name.Name, testName, expected);
                continue;
            }

            if (name.Name == "no_correct")
            {
                if (correctGiven is not null)
                {
                    _diagnostics.Add(DiagnosticDescriptors.RepeatedTestOption, name.Span, name.Name);
                }

                correctGiven = name;
                options = options with { Correct = false };
                continue;
            }

            if (exactGiven is not null)
            {
                if (exactGiven.Name == name.Name)
                {
                    _diagnostics.Add(DiagnosticDescriptors.RepeatedTestOption, name.Span, name.Name);
                }
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.ConflictingTestOptions, name.Span, name.Name, exactGiven.Name);
                }

                continue;
            }

            exactGiven = name;
            options = options with { Exact = name.Name == "exact" ? ExactMode.Exact : ExactMode.Approximate };
        }

        return options;
    }

    private BoundPairing? BindPairing(PairingSyntax syntax)
    {
        switch (syntax)
        {
            case TwoGroupsPairingSyntax two:
            {
                var ok = ResolveGroup(two.First) & ResolveGroup(two.Second);
                if (two.First.Name == two.Second.Name)
                {
                    _diagnostics.Add(DiagnosticDescriptors.GroupVersusItself, two.Second.Span, two.Second.Name);
                    return null;
                }

                return ok ? new TwoGroupsPairing(two.First.Name, two.Second.Name) : null;
            }

            case VsEachPairingSyntax each:
                return ResolveGroup(each.Reference)
                    ? new VsReferencePairing(each.Reference.Name, _groups.Select(g => g.Name).Where(n => n != each.Reference.Name).ToImmutableArray())
                    : null;
            case VsListPairingSyntax list:
            {
                var ok = ResolveGroup(list.Reference);
                var others = new List<string>();
                foreach (var other in list.Others)
                {
                    ok &= ResolveGroup(other);
                    if (other.Name == list.Reference.Name)
                    {
                        _diagnostics.Add(DiagnosticDescriptors.GroupVersusItself, other.Span, other.Name);
                        ok = false;
                    }
                    else if (!others.Contains(other.Name))
                    {
                        others.Add(other.Name);
                    }
                }

                return ok ? new VsReferencePairing(list.Reference.Name, others.ToImmutableArray()) : null;
            }

            case AllPairsPairingSyntax:
                return new AllPairsPairing();
            default:
                return new AcrossGroupsPairing();
        }
    }

    private bool ResolveGroup(IdentifierSyntax name)
    {
        if (_groups.Any(g => g.Name == name.Name))
        {
            return true;
        }

        if (_groups.Count > 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownGroup, name.Span, name.Name, NameSuggestions.DidYouMean(name.Name, _groups.Select(g => g.Name)));
        }

        return false;
    }
}
