using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;
using ProtocolLang.Runtime.Tests.Reports;
using ProtocolLang.Runtime.Tests.Reports.Nxp2Jdm;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// The compare and describe options reach the right kernel: each statement is run through the
/// plan on the example's data (the calls generated code makes) and its results equal R's
/// (tests/Reference/r/compare_options.R) at 1e-6 relative.
/// </summary>
public sealed class CompareOptionsAnalysisTests
{
    private const double Tolerance = 1e-6;
    private static readonly string ExampleDirectory = System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm");
    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("compare_options");
    private static readonly string[] Others = ["MDA5_JDM", "TIF1g_JDM", "NXP2_ADM"];

    private sealed class ExampleRun : IDisposable
    {
        private readonly TemporaryDirectory _output = new();

        public ExampleRun()
        {
            Run = new StudyRun(Nxp2JdmStudy.Schema, new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = _output.Path },
                new[] { ReportFormat.Json }, "report");
            var subjects = Run.Cohort(Nxp2JdmStudy.ReadSubjects(Run.Table("subjects")), r => r.Id, r => r.SourceRow, Nxp2JdmStudy.Criteria, Nxp2JdmStudy.Groups);
            Age = Variables.Continuous(subjects, "age", "Age at diagnosis", "years", Summary.Median, r => r.Age);
            Ck = Variables.Continuous(subjects, "CK", "Creatine kinase (U/L)", "U/L", Summary.Median, r => r.Ck);
            CkGeometric = Variables.Continuous(subjects, "CK", "Creatine kinase (U/L)", "U/L", Summary.GeometricMean, r => r.Ck);
            Cmas = Variables.Continuous(subjects, "CMAS", "CMAS score", null, Summary.Mean, r => r.Cmas);
            Mas = Variables.Binary(subjects, "MAS", "Macrophage activation syndrome", r => r.Mas);
        }

        public StudyRun Run { get; }

        public Variable Age { get; }

        public Variable Ck { get; }

        public Variable CkGeometric { get; }

        public Variable Cmas { get; }

        public Variable Mas { get; }

        public CompareResult CompareCk(TestOptions options, AdjustMethod adjust = AdjustMethod.None)
        {
            Run.Compare("compare CK: NXP2_JDM vs each using mann_whitney", new[] { Ck }, new Pairing.VsReference("NXP2_JDM", Others),
                TestKind.MannWhitney, adjust, options);
            return Run.Analyses[^1].Compare!;
        }

        public void Dispose() => _output.Dispose();
    }

    private static void AssertWilcox(string caseName, ComparisonRow row, string expectedVariant)
    {
        JsonElement r = Fixture.Case(caseName);
        TestOutcome t = row.Test!;
        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.Equal(new[] { "NXP2_JDM", r.GetProperty("second").GetString()! }, row.Groups);
        Assert.Equal(Number(r, "statistic"), t.Statistic);
        AssertPValue(Number(r, "p_value"), t.PValue, Tolerance, caseName + " p");
        AssertClose(Number(r, "estimate"), t.Estimate!.Value, Tolerance, caseName + " estimate");
        AssertClose(Number(r, "conf_low"), t.ConfidenceLow!.Value, Tolerance, caseName + " conf_low");
        AssertClose(Number(r, "conf_high"), t.ConfidenceHigh!.Value, Tolerance, caseName + " conf_high");
        AssertClose(Number(r, "conf_level"), t.ConfidenceLevel!.Value, Tolerance, caseName + " conf_level");
        Assert.StartsWith("Wilcoxon rank-sum (Mann-Whitney U), " + expectedVariant + ";", t.Method, StringComparison.Ordinal);
        Assert.Equal("location shift (Hodges-Lehmann)", t.EstimateName);
    }

    [Fact]
    public void MannWhitneyByDefaultIsWilcoxTestsDefaultWithTheHodgesLehmannShift()
    {
        using var run = new ExampleRun();
        CompareResult compare = run.CompareCk(TestOptions.Default, AdjustMethod.Holm);

        Assert.Null(compare.TestOptions);
        foreach (ComparisonRow row in compare.Rows)
        {
            string caseName = "ck_default_" + row.Groups[1];
            JsonElement r = Fixture.Case(caseName);

            // R's default: exact when both groups are below 50 and nothing is tied.
            bool exact = r.GetProperty("method").GetString() == "Wilcoxon rank sum exact test";
            Assert.Equal(exact, Number(r, "n_x") < 50 && Number(r, "n_y") < 50 && !r.GetProperty("ties").GetBoolean());
            AssertWilcox(caseName, row, exact ? "exact" : "normal approximation with continuity correction");
        }

        double[] adjusted = Numbers(Fixture.Case("ck_default_holm"), "adjusted");
        for (int i = 0; i < adjusted.Length; i++)
        {
            AssertPValue(adjusted[i], compare.Rows[i].AdjustedPValue!.Value, Tolerance, "holm " + i);
        }
    }

    [Fact]
    public void MannWhitneyExactOptionTakesTheExactPath()
    {
        using var run = new ExampleRun();
        CompareResult compare = run.CompareCk(new TestOptions(ExactMode.Exact));

        Assert.Equal(new[] { "exact" }, compare.TestOptions);
        foreach (ComparisonRow row in compare.Rows)
        {
            AssertWilcox("ck_exact_" + row.Groups[1], row, "exact");
        }

        Assert.Contains("wilcox.test(exact = TRUE, correct = TRUE, conf.int = TRUE)", run.Run.Analyses[^1].Method, StringComparison.Ordinal);
    }

    [Fact]
    public void MannWhitneyApproximateOptionUsesTheNormalApproximationWithContinuityCorrection()
    {
        using var run = new ExampleRun();
        CompareResult compare = run.CompareCk(new TestOptions(ExactMode.Approximate));

        Assert.Equal(new[] { "approximate" }, compare.TestOptions);
        foreach (ComparisonRow row in compare.Rows)
        {
            AssertWilcox("ck_approximate_" + row.Groups[1], row, "normal approximation with continuity correction");
        }
    }

    [Fact]
    public void MannWhitneyNoCorrectDropsTheContinuityCorrectionFromTestAndInterval()
    {
        using var run = new ExampleRun();
        CompareResult compare = run.CompareCk(new TestOptions(ExactMode.Approximate, Correct: false));

        Assert.Equal(new[] { "approximate", "no_correct" }, compare.TestOptions);
        foreach (ComparisonRow row in compare.Rows)
        {
            AssertWilcox("ck_approximate_no_correct_" + row.Groups[1], row, "normal approximation");
            Assert.DoesNotContain("continuity", row.Test!.Method, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MannWhitneyNoConfIntGivesWilcoxTestsWAndPWithoutTheShiftAndValidates()
    {
        using var run = new ExampleRun();
        CompareResult compare = run.CompareCk(new TestOptions(ConfInt: false), AdjustMethod.Holm);

        Assert.Equal(new[] { "no_conf_int" }, compare.TestOptions);
        foreach (ComparisonRow row in compare.Rows)
        {
            // wilcox.test's W and p do not depend on conf.int: the default cases' values hold.
            JsonElement r = Fixture.Case("ck_default_" + row.Groups[1]);
            TestOutcome t = row.Test!;
            Assert.Equal(ResultStatus.Ok, row.Status);
            Assert.Equal(Number(r, "statistic"), t.Statistic);
            AssertPValue(Number(r, "p_value"), t.PValue, Tolerance, row.Groups[1] + " p");
            Assert.Equal((null, null, null, null, null), (t.EstimateName, t.Estimate, t.ConfidenceLow, t.ConfidenceHigh, t.ConfidenceLevel));
            Assert.DoesNotContain("Hodges-Lehmann", t.Method, StringComparison.Ordinal);
        }

        var errors = Schema.ResultsSchema.Validate(ResultsJson.Serialize(run.Run.Complete()));
        Assert.True(errors.Count == 0, "results.json does not match the schema:\n" + string.Join("\n", errors));
    }

    [Theory]
    [InlineData(TestKind.WelchAnova, "age_welch_anova")]
    [InlineData(TestKind.Anova, "age_anova")]
    [InlineData(TestKind.KruskalWallis, "age_kruskal_wallis")]
    public void KSampleTestsAcrossGroupsEqualR(TestKind test, string caseName)
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare age across groups using " + caseName, new[] { run.Age }, new Pairing.AcrossGroups(), test, AdjustMethod.None);
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        JsonElement r = Fixture.Case(caseName);
        Assert.Equal(ResultStatus.Ok, row.Status);
        AssertClose(Number(r, "statistic"), row.Test!.Statistic, Tolerance, caseName + " statistic");
        AssertClose(Numbers(r, "parameter")[0], row.Test.DegreesOfFreedom!.Value, Tolerance, caseName + " df");
        AssertPValue(Number(r, "p_value"), row.Test.PValue, Tolerance, caseName + " p");
        if (test == TestKind.WelchAnova)
        {
            Assert.Contains("oneway.test(var.equal = FALSE)", run.Run.Analyses[^1].Method, StringComparison.Ordinal);
            Assert.Equal("mean_sd", row.Summaries[0].Statistic);
        }
    }

    [Fact]
    public void AGroupWithoutValuesIsReportedNotDroppedAsROnewayTestWouldDropIt()
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare CMAS across groups using welch_anova", new[] { run.Cmas }, new Pairing.AcrossGroups(), TestKind.WelchAnova, AdjustMethod.None);
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        // No adult has a CMAS score: the plan says so instead of testing three of the four groups.
        Assert.Equal(ResultStatus.NotComputed, row.Status);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.TooFewValues && w.Message.StartsWith("group 'NXP2_ADM' has 0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "mas_chi_square_yates")]
    [InlineData(false, "mas_chi_square_no_correct")]
    public void ChiSquareAppliesYatesUnlessNoCorrect(bool correct, string caseName)
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare MAS: NXP2_JDM vs MDA5_JDM using chi_square", new[] { run.Mas }, new Pairing.TwoGroups("NXP2_JDM", "MDA5_JDM"),
            TestKind.ChiSquare, AdjustMethod.None, new TestOptions(Correct: correct));
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        JsonElement r = Fixture.Case(caseName);
        AssertClose(Number(r, "statistic"), row.Test!.Statistic, Tolerance, caseName + " statistic");
        Assert.Equal(Numbers(r, "parameter")[0], row.Test.DegreesOfFreedom);
        AssertPValue(Number(r, "p_value"), row.Test.PValue, Tolerance, caseName + " p");
        Assert.Contains(correct ? "chisq.test(correct = TRUE)" : "chisq.test(correct = FALSE)", run.Run.Analyses[^1].Method, StringComparison.Ordinal);
    }

    [Fact]
    public void ChiSquareAcrossGroupsEqualsR()
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare MAS across groups using chi_square", new[] { run.Mas }, new Pairing.AcrossGroups(), TestKind.ChiSquare, AdjustMethod.None);
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        JsonElement r = Fixture.Case("mas_chi_square_across");
        AssertClose(Number(r, "statistic"), row.Test!.Statistic, Tolerance, "statistic");
        Assert.Equal(Numbers(r, "parameter")[0], row.Test.DegreesOfFreedom);
        AssertPValue(Number(r, "p_value"), row.Test.PValue, Tolerance, "p");
    }

    [Theory]
    [InlineData("mas_chi_square_yates")]
    [InlineData("mas_chi_square_across")]
    public void ChiSquareRecordsRsExpectedCountsAndWarnsWithItsOwnCodeWhenOneIsBelowFive(string caseName)
    {
        using var run = new ExampleRun();
        bool across = caseName.EndsWith("across", StringComparison.Ordinal);
        run.Run.Compare("compare MAS using chi_square", new[] { run.Mas },
            across ? new Pairing.AcrossGroups() : new Pairing.TwoGroups("NXP2_JDM", "MDA5_JDM"), TestKind.ChiSquare, AdjustMethod.None);
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        JsonElement r = Fixture.Case(caseName);
        double[][] expected = r.GetProperty("expected").EnumerateArray().Select(Numbers).ToArray();
        Assert.NotNull(row.Test!.Expected);
        Assert.Equal(expected.Length, row.Test.Expected.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < expected[i].Length; j++)
            {
                AssertClose(expected[i][j], row.Test.Expected[i][j], Tolerance, $"{caseName} expected[{i},{j}]");
            }
        }

        // R warns "Chi-squared approximation may be incorrect"; the plan says it once, as PL5095, with the count of small cells.
        Assert.Contains(r.GetProperty("warnings").EnumerateArray(), w => w.GetString() == "Chi-squared approximation may be incorrect");
        WarningResult small = Assert.Single(row.Warnings, w => w.Code == "PL5095");
        Assert.StartsWith("Chi-squared approximation may be incorrect: " + expected.SelectMany(e => e).Count(e => e < 5) + " of ", small.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(row.Warnings, w => w.Code == StatisticsWarnings.TestCaveat);
    }

    [Fact]
    public void AnovaRecordsRsSumsOfSquaresTable()
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare age across groups using anova", new[] { run.Age }, new Pairing.AcrossGroups(), TestKind.Anova, AdjustMethod.None);
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        JsonElement table = Fixture.Case("age_anova").GetProperty("anova_table");
        Assert.NotNull(row.Test!.SumsOfSquares);
        Assert.Equal(["between", "within"], row.Test.SumsOfSquares.Select(s => s.Source));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(Numbers(table, "df")[i], row.Test.SumsOfSquares[i].DegreesOfFreedom);
            AssertClose(Numbers(table, "sum_sq")[i], row.Test.SumsOfSquares[i].SumOfSquares, Tolerance, $"Sum Sq[{i}]");
            AssertClose(Numbers(table, "mean_sq")[i], row.Test.SumsOfSquares[i].MeanSquare, Tolerance, $"Mean Sq[{i}]");
        }
    }

    [Theory]
    [InlineData(TestKind.Bartlett, false, "age_bartlett")]
    [InlineData(TestKind.Levene, false, "age_levene_median")]
    [InlineData(TestKind.Levene, true, "age_levene_mean")]
    public void VarianceTestsAcrossGroupsEqualR(TestKind test, bool centerMean, string caseName)
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare age across groups using " + caseName, new[] { run.Age }, new Pairing.AcrossGroups(), test, AdjustMethod.None,
            new TestOptions(CenterMean: centerMean));
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        JsonElement r = Fixture.Case(caseName);
        Assert.Equal(ResultStatus.Ok, row.Status);
        bool levene = test == TestKind.Levene;
        AssertClose(Number(r, levene ? "f" : "statistic"), row.Test!.Statistic, Tolerance, caseName + " statistic");
        Assert.Equal(levene ? Number(r, "df1") : Numbers(r, "parameter")[0], row.Test.DegreesOfFreedom);
        AssertPValue(Number(r, levene ? "p" : "p_value"), row.Test.PValue, Tolerance, caseName + " p");
        Assert.Contains(levene ? (centerMean ? "leveneTest(center = mean)" : "leveneTest(center = median)") : "bartlett.test",
            run.Run.Analyses[^1].Method, StringComparison.Ordinal);
        Assert.Equal(centerMean ? new[] { "mean" } : null, run.Run.Analyses[^1].Compare!.TestOptions);
    }

    [Fact]
    public void TukeyAcrossGroupsGivesRsPairsInRsOrderWithFamilyWiseIntervals()
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare age across groups using tukey", new[] { run.Age }, new Pairing.AcrossGroups(), TestKind.Tukey, AdjustMethod.None);
        CompareResult compare = run.Run.Analyses[^1].Compare!;

        JsonElement r = Fixture.Case("age_tukey");
        string[] pairs = r.GetProperty("pairs").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(pairs, compare.Rows.Select(row => string.Join("-", row.Groups)));
        for (int i = 0; i < pairs.Length; i++)
        {
            TestOutcome t = compare.Rows[i].Test!;
            AssertClose(Numbers(r, "diff")[i], t.Estimate!.Value, Tolerance, pairs[i] + " diff");
            AssertClose(Numbers(r, "lwr")[i], t.ConfidenceLow!.Value, Tolerance, pairs[i] + " lwr");
            AssertClose(Numbers(r, "upr")[i], t.ConfidenceHigh!.Value, Tolerance, pairs[i] + " upr");
            // p adj = 1 - ptukey: absolute accuracy (R gives 1.49e-11 for the adult pairs, 1 - P at its precision).
            double expected = Numbers(r, "p_adj")[i];
            Assert.True(Math.Abs(expected - t.PValue) <= Math.Max(Tolerance * expected, 1e-9), $"{pairs[i]} p adj: expected {expected}, got {t.PValue}");
            Assert.Null(compare.Rows[i].AdjustedPValue);
        }

        Assert.Contains("family-wise", run.Run.Analyses[^1].Method, StringComparison.Ordinal);
    }

    [Fact]
    public void TukeyWithAChosenPairingFailsWithAReasonInsteadOfTestingPartOfTheFamily()
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare age: NXP2_JDM vs each using tukey", new[] { run.Age }, new Pairing.VsReference("NXP2_JDM", Others), TestKind.Tukey, AdjustMethod.None);
        ComparisonRow row = Assert.Single(run.Run.Analyses[^1].Compare!.Rows);

        Assert.Equal(ResultStatus.Failed, row.Status);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.TestDoesNotFit);
    }

    [Fact]
    public void TheReportShowsTukeyPairsTheAnovaTableAndTheSeOfADifference()
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare age across groups using tukey", new[] { run.Age }, new Pairing.AcrossGroups(), TestKind.Tukey, AdjustMethod.None);
        run.Run.Compare("compare age across groups using anova", new[] { run.Age }, new Pairing.AcrossGroups(), TestKind.Anova, AdjustMethod.None);
        run.Run.Compare("compare age across groups using levene mean", new[] { run.Age }, new Pairing.AcrossGroups(), TestKind.Levene, AdjustMethod.None,
            new TestOptions(CenterMean: true));

        string markdown = ReportWriter.RenderMarkdown(run.Run.Complete());

        Assert.Contains("| MDA5+ JDM vs NXP2+ JDM |", markdown, StringComparison.Ordinal);
        Assert.Contains("| q = ", markdown, StringComparison.Ordinal);
        Assert.Contains("; SE ", markdown, StringComparison.Ordinal);
        Assert.Contains("| Between groups | 3 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Within groups (residuals) | 58 |", markdown, StringComparison.Ordinal);
        Assert.Contains("car::leveneTest(center = mean)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeDecimalsAreRecordedAndSetTheReportsDecimalsOfEveryContinuousStatistic()
    {
        using var run = new ExampleRun();
        run.Run.Describe("describe age by group", DescribeOptions.Default, run.Age);
        run.Run.Describe("describe age by group decimals 1", new DescribeOptions(Decimals: 1), run.Age);

        Assert.Null(run.Run.Analyses[0].Describe!.Decimals);
        Assert.Equal(1, run.Run.Analyses[1].Describe!.Decimals);
        string markdown = ReportWriter.RenderMarkdown(run.Run.Complete());

        // Age spreads 2.1 to 61.9: gtsummary's default gives 0 decimals; decimals 1 gives one (R: 7.761111, 3.386...).
        Assert.Contains("| Mean (SD) | 8 (3) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Mean (SD) | 7.8 (3.4) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Min, max | 2.1, 14.9 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ADecimalsOfOneVariableOverridesTheTablesDecimals()
    {
        using var run = new ExampleRun();
        run.Run.Describe("describe age, CK by group decimals 1, CK = 0", new DescribeOptions(Decimals: 1, VariableDecimals: [("CK", 0)]), run.Age, run.Ck);

        DescribeResult describe = run.Run.Analyses[0].Describe!;
        Assert.Equal(1, describe.Decimals);
        Assert.Null(describe.Variables.Single(v => v.Name == "age").Decimals);
        Assert.Equal(0, describe.Variables.Single(v => v.Name == "CK").Decimals);
        string markdown = ReportWriter.RenderMarkdown(run.Run.Complete());

        // NXP2+ JDM: age 7.761 (3.386), CK mean 4800.4 (4002.1) in R.
        Assert.Contains("| Mean (SD) | 7.8 (3.4) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Mean (SD) | 4800 (4002) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeDecimalsOutsideZeroToSixAreRejected()
    {
        using var run = new ExampleRun();

        Assert.Throws<ArgumentOutOfRangeException>(() => run.Run.Describe("describe age by group decimals 7", new DescribeOptions(Decimals: 7), run.Age));
    }

    [Fact]
    public void DescribeStatisticsAndQuantileTypeEqualR()
    {
        using var run = new ExampleRun();
        var options = new DescribeOptions(
            new[] { DescribeStatistic.MeanSe, DescribeStatistic.MedianIqr, DescribeStatistic.GeometricMean, DescribeStatistic.PercentCi }, QuantileType: 6);
        run.Run.Describe("describe age, CK, MAS by group statistics mean_se, median_iqr, geometric_mean, percent_ci quantile_type 6",
            options, run.Age, run.Ck, run.Mas);
        AnalysisResult analysis = run.Run.Analyses[^1];
        DescribeResult describe = analysis.Describe!;

        Assert.Equal(6, describe.QuantileType);
        Assert.Equal(new[] { "mean_se", "median_iqr", "geometric_mean", "percent_ci" }, describe.Statistics);
        Assert.Contains("quantile(type = 6)", analysis.Method, StringComparison.Ordinal);
        Assert.Contains("Wilson score 95% CI", analysis.Method, StringComparison.Ordinal);
        var age = describe.Variables.Single(v => v.Name == "age");
        var ck = describe.Variables.Single(v => v.Name == "CK");
        var mas = describe.Variables.Single(v => v.Name == "MAS");
        Assert.Equal(new[] { "mean_se", "median_iqr", "geometric_mean" }, ck.Statistics);
        for (int col = 0; col < describe.Columns.Count; col++)
        {
            string name = describe.Columns[col].Name;
            JsonElement r = Fixture.Case("describe_" + name);
            AssertClose(Number(r, "age_mean"), age.Continuous![col].Mean, Tolerance, name + " age mean");
            AssertClose(Number(r, "age_se"), age.Continuous[col].Se!.Value, Tolerance, name + " age se");
            ContinuousCell c = ck.Continuous![col];
            AssertClose(Number(r, "ck_geometric_mean"), c.GeometricMean!.Value, Tolerance, name + " ck geometric mean");
            AssertClose(Number(r, "ck_geometric_low"), c.GeometricMeanLow!.Value, Tolerance, name + " ck geometric low");
            AssertClose(Number(r, "ck_geometric_high"), c.GeometricMeanHigh!.Value, Tolerance, name + " ck geometric high");
            double[] quartiles = Numbers(r, "ck_quantiles_type6");
            AssertClose(quartiles[0], c.Q1, Tolerance, name + " ck Q1 type 6");
            AssertClose(quartiles[1], c.Median, Tolerance, name + " ck median type 6");
            AssertClose(quartiles[2], c.Q3, Tolerance, name + " ck Q3 type 6");
            CountCell m = mas.Counts![col];
            Assert.Equal((Number(r, "mas_count"), Number(r, "mas_n")), (m.Count, (double)m.NonMissing));
            AssertClose(100 * Number(r, "mas_wilson_low"), m.PercentLow!.Value, Tolerance, name + " MAS Wilson low");
            AssertClose(100 * Number(r, "mas_wilson_high"), m.PercentHigh!.Value, Tolerance, name + " MAS Wilson high");
        }
    }

    [Fact]
    public void GeometricMeanSummaryGivesCompareGroupSummariesEqualToR()
    {
        using var run = new ExampleRun();
        run.Run.Compare("compare CK: NXP2_JDM vs each using mann_whitney", new[] { run.CkGeometric }, new Pairing.VsReference("NXP2_JDM", Others),
            TestKind.MannWhitney, AdjustMethod.None);
        foreach (ComparisonRow row in run.Run.Analyses[^1].Compare!.Rows)
        {
            foreach (GroupSummary s in row.Summaries)
            {
                JsonElement r = Fixture.Case("describe_" + s.Group);
                Assert.Equal("geometric_mean_ci", s.Statistic);
                AssertClose(Number(r, "ck_geometric_mean"), s.GeometricMean!.Value, Tolerance, s.Group + " geometric mean");
                AssertClose(Number(r, "ck_geometric_low"), s.GeometricMeanLow!.Value, Tolerance, s.Group + " low");
                AssertClose(Number(r, "ck_geometric_high"), s.GeometricMeanHigh!.Value, Tolerance, s.Group + " high");
            }
        }
    }
}
