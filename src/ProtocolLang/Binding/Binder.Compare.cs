using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Catalog;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary><c>describe</c> and <c>compare</c>, from their catalog clauses into <see cref="BoundDescribe"/> and <see cref="BoundCompare"/>.</summary>
public sealed partial class Binder
{
    private BoundDescribe BindDescribe(AnalysisClauses clauses)
    {
        RequireGroups(clauses);
        var syntax = clauses.Syntax;
        var variables = HeadVariables(clauses).Select(v => v.Variable).ToImmutableArray();
        var (decimals, perVariable) = BindDecimals(clauses.NumberAssignments("decimals"), variables.Select(v => v.Name).ToImmutableArray());
        return new BoundDescribe(Snippet(syntax.Span), variables, BindStatistics(clauses.Words("statistics")),
            BindQuantileType(clauses.Number("quantile_type")), syntax.Span)
        {
            Scope = BindScope(clauses, null),
            Decimals = decimals,
            VariableDecimals = perVariable,
        };
    }

    /// <summary><c>decimals 1, CK = 0</c>: the default for the table (no name) and per variable of the head; each 0 to 6.</summary>
    private (int? All, ImmutableArray<VariableDecimals> PerVariable) BindDecimals(ImmutableArray<NumberAssignmentSyntax> assignments, ImmutableArray<string> names)
    {
        int? all = null;
        bool allSeen = false;
        var perVariable = ImmutableArray.CreateBuilder<VariableDecimals>();
        foreach (var assignment in assignments)
        {
            int? value = assignment.Value.Value is >= 0 and <= 6 && assignment.Value.Value == System.Math.Floor(assignment.Value.Value)
                ? (int)assignment.Value.Value
                : null;
            if (value is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.InvalidDecimals, assignment.Value.Span, assignment.Value.Text);
            }

            if (assignment.Name is not { } name)
            {
                if (allSeen)
                {
                    _diagnostics.Add(DiagnosticDescriptors.DecimalsRepeated, assignment.Span, "without a variable");
                }
                else
                {
                    all = value;
                }

                allSeen = true;
            }
            else if (!names.Contains(name.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.DecimalsOfUnknownVariable, name.Span, name.Name, string.Join(", ", names),
                    NameSuggestions.DidYouMean(name.Name, names));
            }
            else if (perVariable.Any(v => v.Variable == name.Name) || assignments.TakeWhile(a => a != assignment).Any(a => a.Name?.Name == name.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.DecimalsRepeated, assignment.Span, "of '" + name.Name + "'");
            }
            else if (value is { } n)
            {
                perVariable.Add(new VariableDecimals(name.Name, n));
            }
        }

        return (all, perVariable.ToImmutable());
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
        ..EffectTests,
        ("bartlett", TestKind.Bartlett), ("levene", TestKind.Levene), ("tukey", TestKind.Tukey),
    ];

    private static readonly (string Name, AdjustMethod Method)[] Adjustments =
    [
        ("none", AdjustMethod.None), ("bonferroni", AdjustMethod.Bonferroni), ("holm", AdjustMethod.Holm),
        ("hochberg", AdjustMethod.Hochberg), ("bh", AdjustMethod.BenjaminiHochberg),
    ];

    /// <summary>The method of an <c>adjust</c> clause (<see cref="AdjustMethod.None"/> when absent or unknown, which is reported).</summary>
    private AdjustMethod BindAdjust(IdentifierSyntax? adjust)
    {
        if (adjust is null)
        {
            return AdjustMethod.None;
        }

        var found = Adjustments.FirstOrDefault(a => a.Name == adjust.Name);
        if (found.Name is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownAdjust, adjust.Span, adjust.Name,
                NameSuggestions.DidYouMean(adjust.Name, Adjustments.Select(a => a.Name)));
        }

        return found.Method;
    }

    /// <summary>The test of <c>using</c>; an unknown name is reported with the nearest test, or the test an R habit means (<c>wilcoxon</c>).</summary>
    private (string Name, TestKind Kind)? BindTest(IdentifierSyntax test)
    {
        var found = Tests.FirstOrDefault(t => t.Name == test.Name);
        if (found.Name is not null)
        {
            return found;
        }

        var alias = AnalysisCatalog.TestAliases.FirstOrDefault(a => a.Habit == test.Name.ToLowerInvariant());
        var hint = alias.Habit is not null
            ? "; did you mean '" + alias.Test + "' (" + alias.Why + ")?"
            : NameSuggestions.DidYouMean(test.Name, Tests.Select(t => t.Name));
        _diagnostics.Add(DiagnosticDescriptors.UnknownTest, test.Span, test.Name, string.Join(", ", Tests.Select(t => t.Name)), hint);
        return null;
    }

    private BoundCompare? BindCompare(AnalysisClauses clauses)
    {
        RequireGroups(clauses);
        var syntax = clauses.Syntax;
        var variables = HeadVariables(clauses);

        var scope = BindScope(clauses, null);
        var groups = GroupingLevels(scope);
        BoundPairing? pairing = null;
        if (clauses.Pairing(":") is { } pairingSyntax)
        {
            pairing = BindPairing(pairingSyntax, groups);
            if (groups.Count == 0 && !scope.By.IsEmpty)
            {
                // A `by` factor without levels a pairing can name (a number or text variable): say so, never drop the analysis silently.
                _diagnostics.Add(DiagnosticDescriptors.UnknownGroup, pairingSyntax.Span, Snippet(pairingSyntax.Span),
                    "; the 'by' factor has no levels that a pairing can name (give a category, a bool or a group set)");
            }
        }
        else if (clauses.Has("across") && AllowedWord(clauses, "across") is not null)
        {
            pairing = new AcrossGroupsPairing();
        }

        var testSyntax = clauses.Test("using");
        var test = testSyntax is null ? null : BindTest(testSyntax.Test);
        if (test is { } effect && IsEffectTest(effect.Kind))
        {
            return BindCompareEffect(clauses, variables, scope, groups, pairing, effect, testSyntax!);
        }

        ReportEffectClauses(clauses, test?.Name);
        var adjust = BindAdjust(clauses.Word("adjust"));
        var options = test is null ? BoundTestOptions.Default : BindTestOptions(test.Value.Name, test.Value.Kind, testSyntax!.Options);
        if (test is not { } bound || pairing is null)
        {
            return null;
        }

        var continuousTest = bound.Kind is not TestKind.Fisher and not TestKind.ChiSquare;
        foreach (var (span, name, variable) in variables)
        {
            var fits = continuousTest
                ? variable.Kind is VariableKind.Continuous or VariableKind.Count
                : variable.Kind is VariableKind.Binary or VariableKind.Categorical;
            if (!fits)
            {
                _diagnostics.Add(DiagnosticDescriptors.TestDoesNotFit, span, bound.Name,
                    continuousTest ? "a continuous or count" : "a binary or categorical", name, Describe(variable));
            }
        }

        var twoGroupTest = bound.Kind is TestKind.MannWhitney or TestKind.TTest or TestKind.Welch;
        if (twoGroupTest && pairing is AcrossGroupsPairing && groups.Count > 2)
        {
            _diagnostics.Add(DiagnosticDescriptors.TwoGroupTestAcrossGroups, testSyntax!.Test.Span, bound.Name,
                groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                bound.Kind switch
                {
                    TestKind.MannWhitney => "kruskal_wallis",
                    TestKind.Welch => "welch_anova (or kruskal_wallis)",
                    _ => "anova (or kruskal_wallis)",
                });
        }

        CheckTukey(bound, pairing, testSyntax!, clauses.Word("adjust"), adjust);
        return new BoundCompare(Snippet(syntax.Span), variables.Select(v => v.Variable).ToImmutableArray(), pairing, bound.Kind, adjust, options, syntax.Span)
        {
            Scope = scope,
        };
    }

    /// <summary>
    /// The did-you-mean of an unknown test option. R users write wilcox.test's argument, <c>conf_int none</c> or
    /// <c>conf_int false</c>: point them to <c>no_conf_int</c> and take the value word with it, so one slip gives one error.
    /// </summary>
    private static string SpelledLikeR(string name, string[] allowed, ImmutableArray<IdentifierSyntax> names, ref int index)
    {
        if (name != "conf_int" || !allowed.Contains("no_conf_int"))
        {
            return NameSuggestions.DidYouMean(name, allowed);
        }

        if (index + 1 < names.Length && names[index + 1].Name is "none" or "false" or "FALSE")
        {
            index++;
        }

        return "; to leave out the Hodges-Lehmann shift and CI (R's conf.int = FALSE) write 'no_conf_int'";
    }

    /// <summary>
    /// <c>exact</c> / <c>approximate</c> choose wilcox.test's p-value and interval (mann_whitney only);
    /// <c>no_correct</c> turns off R's <c>correct</c> (mann_whitney's continuity correction, chi_square's Yates);
    /// <c>no_conf_int</c> is wilcox.test without <c>conf.int = TRUE</c>: the p-value alone, no Hodges-Lehmann shift.
    /// </summary>
    private BoundTestOptions BindTestOptions(string testName, TestKind test, ImmutableArray<IdentifierSyntax> names)
    {
        var options = BoundTestOptions.Default;
        IdentifierSyntax? exactGiven = null;
        IdentifierSyntax? correctGiven = null;
        var allowed = test switch
        {
            TestKind.MannWhitney => new[] { "exact", "approximate", "no_correct", "no_conf_int" },
            TestKind.ChiSquare => new[] { "no_correct" },
            TestKind.Levene => new[] { "mean" },
            _ => System.Array.Empty<string>(),
        };
        for (int i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (!allowed.Contains(name.Name))
            {
                var expected = allowed.Length == 0
                    ? testName + " takes no options"
                    : "expected " + (allowed.Length == 1 ? allowed[0] : string.Join(", ", allowed.Take(allowed.Length - 1)) + " or " + allowed[^1])
                        + SpelledLikeR(name.Name, allowed, names, ref i);
                _diagnostics.Add(DiagnosticDescriptors.UnknownTestOption, name.Span, name.Name, testName, expected);
                continue;
            }

            if (name.Name == "mean")
            {
                if (options.CenterMean)
                {
                    _diagnostics.Add(DiagnosticDescriptors.RepeatedTestOption, name.Span, name.Name);
                }

                options = options with { CenterMean = true };
                continue;
            }

            if (name.Name == "no_conf_int")
            {
                if (!options.ConfInt)
                {
                    _diagnostics.Add(DiagnosticDescriptors.RepeatedTestOption, name.Span, name.Name);
                }

                options = options with { ConfInt = false };
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

    /// <summary>
    /// The names a pairing may use: the study's groups by default; with one <c>by</c> factor its levels (a bool's are
    /// <c>false</c> and <c>true</c>, as the runtime names them); with <c>overall</c> the one group <c>overall</c>.
    /// </summary>
    private List<string> GroupingLevels(BoundScope scope)
    {
        if (scope.Overall)
        {
            return ["overall"];
        }

        if (scope.By is [{ Variable: { } variable }])
        {
            if (variable.Kind == VariableKind.Binary)
            {
                return ["false", "true"];
            }

            if (variable.GroupSet is { } set)
            {
                // A named group set's levels are its groups' names (GroupSets.Categorical); without this a pairing over
                // `by set` found no levels and the analysis was dropped without a diagnostic.
                return set.Groups.Select(g => g.Name).ToList();
            }

            var type = variable.Column?.Type ?? variable.Derive?.Type ?? variable.Outcome?.Value?.Type ?? variable.Expression?.Type;
            return type?.Category?.Levels.ToList() ?? [];
        }

        return _groups.Select(g => g.Name).ToList();
    }

    private BoundPairing? BindPairing(PairingSyntax syntax, List<string> groups)
    {
        bool ResolveGroup(IdentifierSyntax name) => ResolveGroupIn(name, groups);
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
                    ? new VsReferencePairing(each.Reference.Name, groups.Where(n => n != each.Reference.Name).ToImmutableArray())
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

            default:
                return new AllPairsPairing();
        }
    }

    private bool ResolveGroup(IdentifierSyntax name) => ResolveGroupIn(name, _groups.Select(g => g.Name).ToList());

    /// <summary>Whether <paramref name="name"/> is one of <paramref name="groups"/>; reported when not (unless there are none: PL2047 says why).</summary>
    private bool ResolveGroupIn(IdentifierSyntax name, List<string> groups)
    {
        if (groups.Contains(name.Name))
        {
            return true;
        }

        if (groups.Count > 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownGroup, name.Span, name.Name, NameSuggestions.DidYouMean(name.Name, groups));
        }

        return false;
    }

    /// <summary>
    /// Tukey HSD is a family of all pairs from one ANOVA (R's <c>TukeyHSD(aov(y ~ g))</c>): it needs
    /// every group (<c>across groups</c> or <c>all pairs</c>) and makes its own family-wise adjustment.
    /// </summary>
    private void CheckTukey((string Name, TestKind Kind) test, BoundPairing pairing, TestValueSyntax testSyntax, IdentifierSyntax? adjustSyntax, AdjustMethod adjust)
    {
        if (test.Kind != TestKind.Tukey)
        {
            return;
        }

        if (pairing is not (AcrossGroupsPairing or AllPairsPairing))
        {
            _diagnostics.Add(DiagnosticDescriptors.TukeyNeedsAllPairs, testSyntax.Test.Span);
        }

        if (adjustSyntax is not null && adjust != AdjustMethod.None)
        {
            _diagnostics.Add(DiagnosticDescriptors.TukeyWithAdjust, adjustSyntax.Span, adjustSyntax.Name);
        }
    }
}
