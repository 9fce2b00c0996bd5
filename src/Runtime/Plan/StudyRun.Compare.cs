using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// Tests each variable for each pair of the <paramref name="pairing"/> (or once across all groups).
    /// P-values are adjusted within each variable's family: its comparisons over all pairs
    /// (<c>compare CK: A vs each adjust holm</c> adjusts CK's three p-values together); variables are
    /// separate families. Tests the runtime lacks are recorded as "not implemented yet".
    /// </summary>
    public void Compare(string source, IReadOnlyList<Variable> variables, Pairing pairing, TestKind test, AdjustMethod adjust) =>
        Compare(Derived(source), variables, pairing, test, adjust, TestOptions.Default);

    /// <inheritdoc cref="Compare(string, IReadOnlyList{Variable}, Pairing, TestKind, AdjustMethod)"/>
    public void Compare(AnalysisInfo analysis, IReadOnlyList<Variable> variables, Pairing pairing, TestKind test, AdjustMethod adjust) =>
        Compare(analysis, variables, pairing, test, adjust, TestOptions.Default);

    /// <summary>As above, with the test's options (<c>using mann_whitney exact</c>, <c>using chi_square no_correct</c>).</summary>
    public void Compare(string source, IReadOnlyList<Variable> variables, Pairing pairing, TestKind test, AdjustMethod adjust, TestOptions options) =>
        Compare(Derived(source), variables, pairing, test, adjust, options);

    /// <inheritdoc cref="Compare(string, IReadOnlyList{Variable}, Pairing, TestKind, AdjustMethod, TestOptions)"/>
    public void Compare(AnalysisInfo analysis, IReadOnlyList<Variable> variables, Pairing pairing, TestKind test, AdjustMethod adjust, TestOptions options)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(pairing);
        ForEachScope(analysis, "compare", variables, scoped => Compare(scoped, scoped.Map(variables), pairing, test, adjust, options));
    }

    private void Compare(ScopedAnalysis analysis, Variable[] variables, Pairing pairing, TestKind test, AdjustMethod adjust, TestOptions options)
    {
        Cohort cohort = analysis.Cohort;

        string method = CompareMethod.Describe(test, adjust, options);
        var adjustment = new AdjustmentResult(CompareMethod.AdjustName(adjust), "each variable's comparisons across its pairs of groups");
        string? unknown = CompareMethod.UnknownGroup(pairing, cohort);
        if (unknown is not null)
        {
            string reason = $"group '{unknown}' is not a group of this study";
            Record(analysis, "compare", ResultStatus.Failed, method, reason, null,
                new[] { StatisticsWarnings.Warning(StatisticsWarnings.UnknownGroup, reason) });
            return;
        }

        if (cohort is EngineCohort)
        {
            EngineCompare(analysis, variables, pairing, test, adjust, options, method, adjustment);
            return;
        }

        // Each numeric variable is split by group and each group sorted once, shared by the box plot, the
        // group summaries, the edge-case checks and a rank test (issue 14, "sort once").
        GroupedNumbers?[] grouped = variables.Select(v => v is ContinuousVariable or CountVariable && ReferenceEquals(v.Cohort, cohort)
            ? GroupedNumbers.Of(GroupSummaries.Numbers(v), cohort.GroupCodeArray, cohort.GroupNames.Count, _ranks.TiedOrNull(GroupSummaries.Numbers(v), cohort)) : null).ToArray();
        RecordBoxFigures(analysis, variables, grouped);
        IReadOnlyList<int[]> sets = CompareMethod.GroupSets(pairing, cohort);
        var warnings = new List<WarningResult>(NotFiniteWarnings(variables));
        var rows = new List<ComparisonRow>();
        for (int v = 0; v < variables.Length; v++)
        {
            Variable variable = variables[v];
            if (test == TestKind.Tukey)
            {
                rows.AddRange(TukeyRows(variable, pairing, cohort, warnings));
                continue;
            }

            var family = new List<ComparisonRow>(sets.Count);
            foreach (int[] set in sets)
            {
                family.Add(CompareGroups(variable, grouped[v], set, test, options, cohort));
            }

            rows.AddRange(AdjustFamily(variable, family, adjust, warnings));
            WarnMissing(variable, grouped[v], sets, cohort, warnings);
        }

        RecordComparisons(analysis, test, pairing, options, method, adjustment, warnings, rows);
    }

    /// <summary>Records the compare analysis from its rows: ok unless every row was not implemented or failed.</summary>
    private void RecordComparisons(ScopedAnalysis analysis, TestKind test, Pairing pairing, TestOptions options, string method, AdjustmentResult adjustment,
        List<WarningResult> warnings, List<ComparisonRow> rows)
    {
        string status = rows.Count > 0 && rows.All(r => r.Status == ResultStatus.NotImplemented) ? ResultStatus.NotImplemented
            : rows.Count > 0 && rows.All(r => r.Status == ResultStatus.Failed) ? ResultStatus.Failed
            : ResultStatus.Ok;
        string? statusReason = status == ResultStatus.Ok ? null : rows[0].Reason;
        Record(analysis, "compare", status, method, statusReason, null, warnings,
            compare: new CompareResult(CompareMethod.TestName(test), CompareMethod.PairingName(pairing), adjustment, rows,
                options.Names.Count == 0 ? null : options.Names));
    }

    private static ComparisonRow CompareGroups(Variable variable, GroupedNumbers? grouped, int[] set, TestKind test, TestOptions options, Cohort cohort) =>
        CompareGroups(variable, set, test, cohort, set.Select(g => GroupSummaries.Of(variable, grouped, test, g, cohort)).ToArray(),
            () => CompareEdgeCases.Check(variable, grouped, test, set, cohort), () => RunTest(variable, grouped, test, set, cohort.GroupCodeArray, options));

    /// <summary>
    /// One comparison row from its group summaries, its edge-case checks and its test, however they were gathered: from the
    /// cohort's columns or from an engine's sufficient statistics (<see cref="EngineCompareGroups"/>).
    /// </summary>
    private static ComparisonRow CompareGroups(Variable variable, int[] set, TestKind test, Cohort cohort, GroupSummary[] summaries,
        Func<IEnumerable<WarningResult>> edgeCases, Func<TestResult> run)
    {
        string[] groupNames = set.Select(g => cohort.GroupNames[g]).ToArray();
        ComparisonRow Row(string status, string? reason, TestOutcome? outcome, IReadOnlyList<WarningResult> warnings) =>
            new(variable.Name, variable.Label, variable.Unit, groupNames, status, reason, summaries, outcome, null, warnings);

        string? misfit = CompareMethod.Misfit(variable, test, set.Length);
        if (misfit is not null)
        {
            return Row(ResultStatus.Failed, misfit, null, new[] { StatisticsWarnings.Warning(StatisticsWarnings.TestDoesNotFit, misfit) });
        }

        var warnings = new List<WarningResult>(edgeCases());
        foreach (GroupSummary s in summaries.Where(s => s.Statistic == "geometric_mean_ci" && s.GeometricMean is null && s.N > 0))
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.GeometricMeanUndefined,
                $"'{variable.Name}' in group '{s.Group}': the geometric mean is undefined (a value is zero or negative, or too few values); shown as NA"));
        }

        TestResult result;
        try
        {
            result = run();
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
        {
            string reason = $"the statistics kernel failed: {e.Message}";
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.TestUndefined, reason));
            return Row(ResultStatus.Failed, reason, null, warnings);
        }

        bool undefined = double.IsNaN(result.PValue);
        string code = undefined ? StatisticsWarnings.TestUndefined : StatisticsWarnings.TestCaveat;
        warnings.AddRange(result.Warnings.Where(w => w != ChiSquare.SmallExpectedWarning).Select(w => StatisticsWarnings.Warning(code, w)));
        if (result.Expected is { } expected && SmallExpected(expected) is { } small)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.ChiSquareSmallExpected, small));
        }
        if (undefined && warnings.Count == 0)
        {
            warnings.Add(StatisticsWarnings.Warning(code, "the p-value is undefined for these data"));
        }

        var outcome = new TestOutcome(result.Method, result.StatisticName, result.Statistic, Defined(result.DegreesOfFreedom), result.PValue,
            result.EstimateName, Defined(result.Estimate), Defined(result.ConfidenceLow), Defined(result.ConfidenceHigh), Defined(result.ConfidenceLevel))
        {
            StandardError = Defined(result.StandardError),
            Expected = result.Expected,
            SumsOfSquares = result.SumsOfSquares?.Select(s => new AnovaSourceRow(s.Source, s.DegreesOfFreedom, s.SumOfSquares, s.MeanSquare)).ToArray(),
        };
        return Row(undefined ? ResultStatus.NotComputed : ResultStatus.Ok, undefined ? string.Join("; ", result.Warnings) : null, outcome, warnings);
    }

    private static TestResult RunTest(Variable variable, GroupedNumbers? grouped, TestKind test, int[] set, int[] codes, TestOptions options)
    {
        if (grouped is not null && test is TestKind.MannWhitney or TestKind.KruskalWallis)
        {
            return RankSumComparison.RunSorted(grouped, set, test, options);
        }

        if (test is TestKind.Fisher or TestKind.ChiSquare)
        {
            int[,] table = Contingency(variable, set, codes);
            if (test == TestKind.ChiSquare)
            {
                return ChiSquare.Test(table, yates: options.Correct); // chisq.test(correct = ): Yates only for 2 x 2
            }

            return table.GetLength(0) == 2 && table.GetLength(1) == 2
                ? FisherExact.TwoByTwo(table[0, 0], table[0, 1], table[1, 0], table[1, 1])
                : FisherExact.RxC(table);
        }

        double[][] samples = grouped is not null ? set.Select(grouped.Values).ToArray()
            : set.Select(g => GroupSummaries.NonMissing(GroupSummaries.Numbers(variable), codes, g)).ToArray();
        return test switch
        {
            TestKind.MannWhitney => RankSumComparison.Run(samples[0], samples[1], options),
            TestKind.TTest => TTest.Student(samples[0], samples[1]),
            TestKind.Welch => TTest.Welch(samples[0], samples[1]),
            TestKind.KruskalWallis => KruskalWallis.Test(samples),
            TestKind.Anova => OneWayAnova.Test(samples),
            TestKind.WelchAnova => OneWayAnova.Welch(samples),
            TestKind.Bartlett => VarianceHomogeneity.Bartlett(samples),
            TestKind.Levene => VarianceHomogeneity.Levene(samples, options.CenterMean),
            _ => throw new InvalidOperationException($"Bug: no kernel call for {test}."),
        };
    }

    /// <summary>
    /// The groups × levels table of counts (missing left out): rows in the order of <paramref name="set"/>,
    /// columns true then false for a binary variable (so the 2 × 2 odds ratio is that of "true" in the
    /// first group), or the declared levels of a categorical one.
    /// </summary>
    private static int[,] Contingency(Variable variable, int[] set, int[] codes)
    {
        (int[] values, int levels) = variable switch
        {
            BinaryVariable binary => (binary.CodeArray, 2),
            CategoricalVariable categorical => (categorical.CodeArray, categorical.Levels.Count),
            _ => throw new InvalidOperationException($"Bug: no contingency table for {variable.KindName} '{variable.Name}'."),
        };
        // Sized for both the codes present and the compared groups: a group with no subjects is a
        // valid code that no subject carries (its row of the table is all zeros).
        var row = new int[Math.Max(codes.Length == 0 ? -1 : codes.Max(), set.Length == 0 ? -1 : set.Max()) + 1];
        Array.Fill(row, -1);
        for (int r = 0; r < set.Length; r++)
        {
            row[set[r]] = r;
        }

        var table = new int[set.Length, levels];
        for (int i = 0; i < values.Length; i++)
        {
            int g = codes[i];
            if (g >= 0 && g < row.Length && row[g] >= 0 && values[i] >= 0)
            {
                // Binary codes are 1 = true, 0 = false; column 0 holds "true".
                int column = variable is BinaryVariable ? 1 - values[i] : values[i];
                table[row[g], column]++;
            }
        }

        return table;
    }

    /// <summary>Adjusts the defined p-values of one variable's family together (R's <c>p.adjust</c>).</summary>
    private static IEnumerable<ComparisonRow> AdjustFamily(Variable variable, List<ComparisonRow> family, AdjustMethod adjust, List<WarningResult> warnings)
    {
        if (adjust == AdjustMethod.None)
        {
            return family;
        }

        int[] defined = Enumerable.Range(0, family.Count)
            .Where(i => family[i].Test is { } t && !double.IsNaN(t.PValue))
            .ToArray();
        if (defined.Length < family.Count)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.AdjustmentFamilyReduced, string.Create(CultureInfo.InvariantCulture,
                $"'{variable.Name}': {family.Count - defined.Length} of {family.Count} comparisons have no p-value; the {CompareMethod.AdjustName(adjust)} adjustment used the other {defined.Length}")));
        }

        double[] raw = defined.Select(i => family[i].Test!.PValue).ToArray();
        double[] adjusted = PAdjust.Adjust(raw, adjust);
        var result = family.ToArray();
        for (int k = 0; k < defined.Length; k++)
        {
            result[defined[k]] = result[defined[k]] with { AdjustedPValue = adjusted[k] };
        }

        return result;
    }

    /// <summary>Notes how many subjects of the compared groups have no value and so are left out of the tests.</summary>
    private static void WarnMissing(Variable variable, IReadOnlyList<int[]> sets, Cohort cohort, List<WarningResult> warnings) =>
        WarnMissing(variable, (GroupedNumbers?)null, sets, cohort, warnings);

    private static void WarnMissing(Variable variable, GroupedNumbers? grouped, IReadOnlyList<int[]> sets, Cohort cohort, List<WarningResult> warnings) =>
        WarnMissing(variable, g => grouped?.Missing(g) ?? GroupSummaries.MissingCount(variable, g, cohort.GroupCodeArray), sets, cohort, warnings);

    /// <summary>As above, with each group's missing count from <paramref name="missingOf"/> (an engine run counts them there).</summary>
    private static void WarnMissing(Variable variable, Func<int, int> missingOf, IReadOnlyList<int[]> sets, Cohort cohort, List<WarningResult> warnings)
    {
        var groups = sets.SelectMany(s => s).Distinct().OrderBy(g => g).ToArray();
        var parts = new List<string>();
        int total = 0;
        foreach (int g in groups)
        {
            int missing = missingOf(g);
            if (missing > 0)
            {
                total += missing;
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{cohort.GroupNames[g]} {missing}"));
            }
        }

        if (total > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.MissingValuesLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"'{variable.Name}': {total} subject(s) with a missing value left out ({string.Join(", ", parts)})")));
        }
    }

    /// <summary>R's "Chi-squared approximation may be incorrect", with how many expected counts are below 5 and the smallest.</summary>
    private static string? SmallExpected(IReadOnlyList<IReadOnlyList<double>> expected)
    {
        double[] all = expected.SelectMany(r => r).ToArray();
        int below = all.Count(e => e < ChiSquare.SmallExpectedCount);
        return below == 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"Chi-squared approximation may be incorrect: {below} of {all.Length} expected counts are below 5 (smallest {all.Min():G3}); R's chisq.test warns the same; fisher is exact");
    }

    private static double? Defined(double? value) => value is { } v && double.IsNaN(v) ? null : value;
}
