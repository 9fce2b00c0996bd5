using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Studies.Nxp2Jdm;
using static ProtocolLang.Examples.Tests.RReference;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The example study's analyses, run once through the code the generator writes for the .study file,
/// against R on the same data: tests/Runtime.Tests/Reference/example_analyses.expected.json, written by
/// tests/Reference/r/example_analyses.R (t.test(var.equal = TRUE), fisher.test, lmerTest::lmer REML with
/// type III Satterthwaite anova, survfit / survdiff with p.adjust("holm"), coxph with concordance and
/// cox.zph). Every number at 1e-6 relative; p-values below 1e-10 on the log scale; absolute 1e-6 only
/// where R's value is 0.
/// </summary>
public sealed class Nxp2JdmAnalysesAgainstRTests : IClassFixture<Nxp2JdmAnalysesAgainstRTests.ExampleRun>
{
    private readonly StudyResults _results;
    private readonly Dictionary<string, JsonElement> _cases;

    public Nxp2JdmAnalysesAgainstRTests(ExampleRun run)
    {
        _results = run.Results;
        _cases = run.Cases;
    }

    [Fact]
    public void CmasTTestsEqualStudentTTestInR()
    {
        CompareResult compare = Analysis("compare CMAS: NXP2_JDM vs (MDA5_JDM, TIF1g_JDM) using t_test").Compare!;
        Assert.Equal(2, compare.Rows.Count);
        foreach (ComparisonRow row in compare.Rows)
        {
            JsonElement r = _cases["cmas_t_test_" + row.Groups[1]];
            Assert.Equal("NXP2_JDM", row.Groups[0]);
            TestOutcome t = row.Test!;
            string at = " " + row.Groups[1];
            Assert.Equal((int)Number(r, "n_x"), row.Summaries[0].N);
            Assert.Equal((int)Number(r, "n_y"), row.Summaries[1].N);
            Close(Number(r, "statistic"), t.Statistic, "t" + at);
            Close(Number(r, "df"), t.DegreesOfFreedom!.Value, "df" + at);
            P(Number(r, "p_value"), t.PValue, "p" + at);
            Close(Number(r, "estimate"), t.Estimate!.Value, "difference" + at);
            Close(Number(r, "conf_low"), t.ConfidenceLow!.Value, "low" + at);
            Close(Number(r, "conf_high"), t.ConfidenceHigh!.Value, "high" + at);
        }
    }

    [Fact]
    public void FisherTwoByTwoEqualsFisherTestInR()
    {
        CompareResult compare = Analysis("compare MAS, myocardial, dysphagia, calcinosis: NXP2_JDM vs each using fisher").Compare!;
        Assert.Equal(12, compare.Rows.Count);
        foreach (ComparisonRow row in compare.Rows)
        {
            JsonElement r = _cases["fisher_" + row.Variable + "_" + row.Groups[1]];
            Assert.Equal("NXP2_JDM", row.Groups[0]);
            TestOutcome t = row.Test!;
            string at = $" {row.Variable} {row.Groups[1]}";
            Assert.Equal(Number(r, "a"), t.Statistic);
            P(Number(r, "p_value"), t.PValue, "p" + at);
            Close(Number(r, "estimate"), t.Estimate!.Value, "odds ratio" + at);
            Close(Number(r, "conf_low"), t.ConfidenceLow!.Value, "low" + at);
            Close(Number(r, "conf_high"), t.ConfidenceHigh!.Value, "high" + at);

            // fisher.test as shipped: same p; its uniroot (default tol) stops within 1.3e-4 of the
            // root on its search scale (psi if psi <= 1, 1/psi otherwise), as in docs/validation.md.
            P(Number(r, "default_p_value"), t.PValue, "shipped p" + at);
            Shipped(Number(r, "default_estimate"), t.Estimate!.Value, "shipped odds ratio" + at);
            Shipped(Number(r, "default_conf_low"), t.ConfidenceLow!.Value, "shipped low" + at);
            Shipped(Number(r, "default_conf_high"), t.ConfidenceHigh!.Value, "shipped high" + at);
        }
    }

    private static void Shipped(double expected, double actual, string quantity)
    {
        static double Scale(double psi) => psi <= 1 ? psi : 1 / psi;
        Assert.True(Math.Abs(Scale(actual) - Scale(expected)) <= 1.3e-4,
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: fisher.test as shipped gives {expected:R}, got {actual:R}"));
    }

    [Fact]
    public void FisherAcrossGroupsEqualsFisherTestInR()
    {
        CompareResult compare = Analysis("compare MAS, myocardial, dysphagia, calcinosis across groups using fisher").Compare!;
        Assert.Equal(4, compare.Rows.Count);
        foreach (ComparisonRow row in compare.Rows)
        {
            JsonElement r = _cases["fisher_across_" + row.Variable];
            Assert.Equal(new[] { "NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM" }, row.Groups);
            P(Number(r, "p_value"), row.Test!.PValue, "p " + row.Variable);
            Close(Number(r, "observed_table_probability"), row.Test.Statistic, "P(observed table) " + row.Variable);
        }
    }

    [Theory]
    [InlineData("mixed_log_ck")]
    [InlineData("mixed_cmas")]
    [InlineData("mixed_log_cytokine")]
    public void MixedModelsEqualLmerTestInR(string name)
    {
        JsonElement r = _cases[name];
        MixedModelResult mixed = Analysis(r.GetProperty("source").GetString()!).Mixed!;
        Assert.Equal((int)Number(r, "n_obs"), mixed.Observations);
        Assert.Equal((int)Number(r, "n_subjects"), mixed.Subjects);
        Assert.Equal(Strings(r, "group_levels"), mixed.GroupLevels);

        JsonElement co = r.GetProperty("coefficients");
        string[] names = Strings(co, "names");
        Assert.Equal(names, mixed.FixedEffects.Select(f => f.Term).ToArray());
        double[] estimate = Numbers(co, "estimate"), se = Numbers(co, "se"), df = Numbers(co, "df"), t = Numbers(co, "t"), p = Numbers(co, "p");
        for (int i = 0; i < names.Length; i++)
        {
            FixedEffectRow f = mixed.FixedEffects[i];
            string at = $" {name} {names[i]}";
            Close(estimate[i], f.Estimate, "estimate" + at);
            Close(se[i], f.StandardError, "SE" + at);
            Close(df[i], f.DegreesOfFreedom, "df" + at);
            Close(t[i], f.T, "t" + at);
            P(p[i], f.PValue, "p" + at);
        }

        JsonElement aov = r.GetProperty("anova");
        string[] terms = Strings(aov, "terms");
        Assert.Equal(terms, mixed.TypeIII.Select(a => a.Term).ToArray());
        double[] numDf = Numbers(aov, "num_df"), denDf = Numbers(aov, "den_df"), fValue = Numbers(aov, "f"), pValue = Numbers(aov, "p");
        for (int i = 0; i < terms.Length; i++)
        {
            TermTestRow a = mixed.TypeIII[i];
            string at = $" {name} {terms[i]}";
            Assert.Equal(numDf[i], a.NumeratorDf);
            Close(denDf[i], a.DenominatorDf, "DenDF" + at);
            Close(fValue[i], a.F, "F" + at);
            P(pValue[i], a.PValue, "p" + at);
        }

        Close(Number(r, "criterion"), mixed.Fit.Criterion, "REML criterion " + name);
        Close(Number(r, "sigma"), mixed.Fit.Sigma, "sigma " + name);
        Close(Numbers(r, "theta")[0], mixed.Fit.Theta[0], "theta " + name);
    }

    [Fact]
    public void KaplanMeierEqualsSurvfitInR()
    {
        KaplanMeierResult km = Analysis("model kaplan_meier Relapse by group at 12, 24, 36").KaplanMeier!;
        Assert.Equal(36, km.Horizon);
        Assert.Equal("log", km.ConfidenceType);
        Assert.Equal(4, km.Groups.Count);
        foreach (KaplanMeierGroup g in km.Groups)
        {
            JsonElement r = _cases["km_" + g.Group];
            Assert.Equal((int)Number(r, "n"), g.N);
            Assert.Equal((int)Number(r, "events"), g.Events);
            double[] times = Numbers(r, "times"), nRisk = Numbers(r, "n_risk"), surv = Numbers(r, "surv"), se = Numbers(r, "std_err"),
                lower = Numbers(r, "lower"), upper = Numbers(r, "upper");
            Assert.Equal(times, g.AtTimes.Select(a => a.Time).ToArray());
            for (int i = 0; i < times.Length; i++)
            {
                SurvivalEstimate a = g.AtTimes[i];
                string at = $" {g.Group} at {times[i]}";
                Assert.True(a.Estimable, "estimable" + at);
                Assert.Equal(nRisk[i], a.NRisk);
                Close(surv[i], a.Survival, "survival" + at);
                Close(se[i], a.StdErr, "std.err" + at);
                Close(lower[i], a.Lower, "lower" + at);
                Close(upper[i], a.Upper, "upper" + at);
            }

            Close(Number(r, "median"), g.Median, "median " + g.Group);
            Close(Number(r, "median_lower"), g.MedianLower, "median lower " + g.Group);
            Close(Number(r, "median_upper"), g.MedianUpper, "median upper " + g.Group);
        }
    }

    [Fact]
    public void PairwiseLogRankEqualsSurvdiffWithHolmInR()
    {
        LogRankOutcome lr = Analysis("test logrank Relapse by group pairwise adjust holm").LogRank!;
        JsonElement r = _cases["logrank"];
        double[] observed = Numbers(r, "observed"), expected = Numbers(r, "expected");
        for (int i = 0; i < lr.Groups.Count; i++)
        {
            Close(observed[i], lr.Groups[i].Observed, "observed " + lr.Groups[i].Group);
            Close(expected[i], lr.Groups[i].Expected, "expected " + lr.Groups[i].Group);
        }

        Close(Number(r, "chisq"), lr.ChiSquare, "chisq");
        Assert.Equal(Number(r, "df"), lr.DegreesOfFreedom);
        P(Number(r, "p_value"), lr.PValue, "p");

        Assert.Equal("holm", lr.PairwiseAdjust);
        string[] a = Strings(r, "pair_a"), b = Strings(r, "pair_b");
        double[] chisq = Numbers(r, "pair_chisq"), p = Numbers(r, "pair_p"), holm = Numbers(r, "pair_holm");
        Assert.Equal(a.Length, lr.Pairs!.Count);
        for (int i = 0; i < a.Length; i++)
        {
            LogRankPair pair = lr.Pairs[i];
            string at = $" {a[i]} vs {b[i]}";
            Assert.Equal(a[i], pair.GroupA);
            Assert.Equal(b[i], pair.GroupB);
            Close(chisq[i], pair.ChiSquare, "chisq" + at);
            P(p[i], pair.PValue, "p" + at);
            P(holm[i], pair.AdjustedPValue, "holm p" + at);
        }
    }

    [Fact]
    public void CoxModelEqualsCoxphInR()
    {
        CoxResult cox = Analysis("model cox Relapse ~ group + age + sex reference group = NXP2_ADM, sex = F ties efron").Cox!;
        JsonElement r = _cases["cox"];
        Assert.Equal((int)Number(r, "n"), cox.N);
        Assert.Equal((int)Number(r, "nevent"), cox.Events);
        string[] terms = Strings(r, "terms");
        Assert.Equal(terms, cox.Terms.Select(t => t.Term).ToArray());
        double[] coef = Numbers(r, "coef"), hr = Numbers(r, "hr"), se = Numbers(r, "se"), z = Numbers(r, "z"), p = Numbers(r, "p"),
            low = Numbers(r, "hr_low"), high = Numbers(r, "hr_high");
        for (int i = 0; i < terms.Length; i++)
        {
            CoxTermResult t = cox.Terms[i];
            string at = " " + terms[i];
            Close(coef[i], t.Coefficient, "coef" + at);
            Close(hr[i], t.HazardRatio, "HR" + at);
            Close(se[i], t.StandardError, "SE" + at);
            Close(z[i], t.Z, "z" + at);
            P(p[i], t.PValue, "p" + at);
            Close(low[i], t.HazardRatioLow, "HR low" + at);
            Close(high[i], t.HazardRatioHigh, "HR high" + at);
        }

        double[] loglik = Numbers(r, "loglik");
        Close(loglik[0], cox.LogLikelihoodNull, "null loglik");
        Close(loglik[1], cox.LogLikelihood, "loglik");
        Test(r.GetProperty("lr"), cox.LikelihoodRatio, "LR");
        Test(r.GetProperty("wald"), cox.Wald, "Wald");
        Test(r.GetProperty("score"), cox.Score, "score");
        Close(Number(r, "concordance"), cox.Concordance, "concordance");
        Close(Number(r, "concordance_se"), cox.ConcordanceStandardError, "concordance SE");

        JsonElement zph = r.GetProperty("zph");
        string[] zphTerms = Strings(zph, "terms");
        double[] zChisq = Numbers(zph, "chisq"), zDf = Numbers(zph, "df"), zP = Numbers(zph, "p");
        Assert.Equal("km", cox.ProportionalHazards!.Transform);
        Assert.Equal(zphTerms, cox.ProportionalHazards!.Tests.Select(t => t.Term).ToArray());
        for (int i = 0; i < zphTerms.Length; i++)
        {
            CoxProportionalHazardsTerm t = cox.ProportionalHazards!.Tests[i];
            Close(zChisq[i], t.ChiSquare, "zph chisq " + zphTerms[i]);
            Assert.Equal(zDf[i], t.DegreesOfFreedom);
            P(zP[i], t.PValue, "zph p " + zphTerms[i]);
        }
    }

    private AnalysisResult Analysis(string source)
    {
        AnalysisResult analysis = _results.Analyses.Single(a => a.Source == source);
        Assert.Equal(ResultStatus.Ok, analysis.Status);
        return analysis;
    }

    private static void Test(JsonElement r, CoxTestResult test, string quantity)
    {
        Close(Number(r, "statistic"), test.Statistic, quantity + " statistic");
        Assert.Equal(Number(r, "df"), test.DegreesOfFreedom);
        P(Number(r, "p"), test.PValue, quantity + " p");
    }

    /// <summary>Runs the generated example code once and loads the R fixture.</summary>
    public sealed class ExampleRun : IDisposable
    {
        private readonly string _output = Path.Combine(Path.GetTempPath(), "pl-nxp2-analyses-r-" + Guid.NewGuid().ToString("N"));
        private readonly JsonDocument _fixture;

        public ExampleRun()
        {
            Results = Nxp2JdmStudy.Run(new StudyRunOptions
            {
                StudyDirectory = RepositoryPaths.Combine("examples", "Nxp2Jdm"),
                OutputDirectory = _output,
                Formats = new[] { ReportFormat.Json },
            });
            _fixture = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "example_analyses.expected.json")));
            Cases = _fixture.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, StringComparer.Ordinal);
        }

        public StudyResults Results { get; }

        public Dictionary<string, JsonElement> Cases { get; }

        public void Dispose()
        {
            _fixture.Dispose();
            if (Directory.Exists(_output))
            {
                Directory.Delete(_output, recursive: true);
            }
        }
    }
}
