using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Studies.RandomisedTrial;
using static ProtocolLang.Examples.Tests.RReference;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The second example (examples/RandomisedTrial) run once through the code the generator writes for
/// trial.study, against R on the same data: tests/Examples.Tests/Reference/randomised_trial.expected.json,
/// written by tests/Reference/r/randomised_trial.R (one case per analysis id; within-level results carry
/// `{id}.{code}`). The numbers are read from the run's results.json, i.e. what a reader of the report gets.
/// Every number at 1e-6 relative (RReference); R's NA (a median not reached) must be missing here.
/// </summary>
public sealed class RandomisedTrialAgainstRTests : IClassFixture<RandomisedTrialAgainstRTests.TrialRun>
{
    private readonly TrialRun _run;

    public RandomisedTrialAgainstRTests(TrialRun run) => _run = run;

    [Fact]
    public void EveryFixtureCaseIsChecked()
    {
        // A case added to the R script must get a check here, not be skipped silently.
        string[] checkedCases =
        [
            "subject_derives", "populations", "table1", "table1_overall", "table1_by_sex", "change24_summary",
            "change24_itt", "change24_pp", "ancova_change24", "km_arm", "km_arm_by_sex", "logrank_arm", "cox_arm", "cox_arm_by_sex",
            "cox_arm_pp", "mixed_score", "mmrm_score", "logistic_responder", "responder_rd",
        ];
        Assert.Equal(checkedCases.Order(StringComparer.Ordinal), _run.Cases.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryAnalysisRanAndHasTheFixturesIds()
    {
        string[] ids = _run.Analyses.Keys.ToArray();
        Assert.Equal(
            [
                "table1", "table1_overall", "table1_by_sex.1", "table1_by_sex.2", "change24_summary", "change24_itt", "change24_pp",
                "ancova_change24", "logistic_responder", "responder_rd", "km_arm", "km_arm_by_sex.1", "km_arm_by_sex.2", "logrank_arm", "cox_arm", "cox_arm_by_sex.1", "cox_arm_by_sex.2",
                "cox_arm_pp", "mixed_score", "mmrm_score",
            ],
            ids);
        Assert.All(_run.Analyses.Values, a => Assert.Equal("ok", a.GetProperty("status").GetString()));
    }

    [Fact]
    public void PopulationFlowEqualsR()
    {
        JsonElement[] ours = _run.Results.GetProperty("flow").GetProperty("cohort").GetProperty("populations").EnumerateArray().ToArray();
        JsonElement[] r = _run.Cases["populations"].GetProperty("populations").EnumerateArray().ToArray();
        Assert.Equal(r.Select(p => p.GetProperty("name").GetString()), ours.Select(p => p.GetProperty("name").GetString()));
        for (int i = 0; i < r.Length; i++)
        {
            JsonElement o = ours[i];
            Assert.Equal(r[i].GetProperty("label").GetString(), o.GetProperty("label").GetString());
            Assert.Equal(Number(r[i], "n_in"), Number(o, "n"));
            Assert.Equal(Number(r[i], "n_out"), Number(o, "analysed") - Number(o, "n"));

            // R lists the conditions that take subjects out, in order; ours lists every conjunct (ITT's `true` takes none).
            var outByCondition = o.GetProperty("conditions").EnumerateArray()
                .Select(c => (Text: c.GetProperty("text").GetString(), N: Number(c, "excluded") + Number(c, "excludedMissing")))
                .Where(c => c.N > 0).ToArray();
            var expected = r[i].GetProperty("out_by_condition").EnumerateArray()
                .Select(c => (Text: c.GetProperty("condition").GetString(), N: Number(c, "n"))).ToArray();
            Assert.Equal(expected, outByCondition);
        }
    }

    [Theory]
    [InlineData("table1")]
    [InlineData("table1_overall")]
    [InlineData("change24_summary")]
    public void DescribeEqualsR(string name)
    {
        JsonElement r = _run.Cases[name];
        Describe(r, _run.Analyses[name], r.GetProperty("groups"), name);
    }

    [Fact]
    public void DescribeWithinSexEqualsR()
    {
        JsonElement r = _run.Cases["table1_by_sex"];
        foreach (JsonElement level in r.GetProperty("levels").EnumerateArray())
        {
            string id = level.GetProperty("id").GetString()!;
            JsonElement analysis = _run.Analyses[id];
            JsonElement scope = analysis.GetProperty("scope");
            Assert.Equal("sex", scope.GetProperty("within").GetString());
            Assert.Equal(level.GetProperty("level").GetRawText(), scope.GetProperty("level").GetString());
            Assert.Equal(level.GetProperty("label").GetString(), scope.GetProperty("levelLabel").GetString());
            Assert.Equal(Number(level, "n"), Number(scope, "n"));
            Describe(r, analysis, level.GetProperty("groups"), id);
        }
    }

    [Fact]
    public void SubjectDerivesEqualRForEverySubject()
    {
        // score0 = first(visits.score where week == 0), change24 = last(visits.score where week <= 24) - score0,
        // computed by the generated code (ReadSubjects, ReadVisits, AddAggregates) from the loaded tables.
        JsonElement r = _run.Cases["subject_derives"];
        string directory = Path.Combine(Path.GetTempPath(), "pl-trial-derives-" + Guid.NewGuid().ToString("N"));
        var run = new StudyRun(
            RandomisedTrialStudy.Schema,
            new StudyRunOptions { StudyDirectory = RepositoryPaths.Combine("examples", "RandomisedTrial"), OutputDirectory = directory },
            new[] { ReportFormat.Json },
            "report",
            RandomisedTrialStudy.AnalysisPlan);
        var subjects = RandomisedTrialStudy.AddAggregates(
            RandomisedTrialStudy.ReadSubjects(run.Table("subjects")), RandomisedTrialStudy.ReadVisits(run.Table("visits")));
        Assert.False(Directory.Exists(directory), "loading the data alone must not write a report");

        Assert.Equal(Strings(r, "id"), subjects.Select(s => s.Id));
        double[] score0 = Numbers(r, "score0"), change24 = Numbers(r, "change24");
        for (int i = 0; i < subjects.Count; i++)
        {
            Close(score0[i], subjects[i].Score0 ?? double.NaN, "score0 " + subjects[i].Id);
            Close(change24[i], subjects[i].Change24 ?? double.NaN, "change24 " + subjects[i].Id);
        }

        Assert.Equal(Number(r, "n_score0_missing"), subjects.Count(s => s.Score0 is null));
        Assert.Equal(Number(r, "n_change24_missing"), subjects.Count(s => s.Change24 is null));
    }

    [Fact]
    public void SubjectDerivesSummariesInResultsEqualR()
    {
        // The same aggregates as the report shows them: overall summaries of R's per-subject values.
        JsonElement r = _run.Cases["subject_derives"];
        JsonElement overall = Cells(_run.Analyses["table1_overall"], "score0").Single();
        Assert.Equal(Number(r, "n_score0_missing"), Number(overall, "missing"));
        Continuous(Numbers(r, "score0"), overall, "score0");

        JsonElement[] change = Cells(_run.Analyses["change24_summary"], "change24").ToArray();
        JsonElement changeOverall = change.Single(c => c.GetProperty("column").GetString() == "overall");
        Assert.Equal(Number(r, "n_change24_missing"), Number(changeOverall, "missing"));
        Continuous(Numbers(r, "change24"), changeOverall, "change24");
    }

    [Theory]
    [InlineData("change24_itt")]
    [InlineData("change24_pp")]
    public void ChangeFromBaselineTTestEqualsStudentTTestInR(string name)
    {
        JsonElement r = _run.Cases[name];
        JsonElement analysis = _run.Analyses[name];
        Assert.Equal(r.GetProperty("population").GetString(), analysis.GetProperty("scope").GetProperty("population").GetString());
        JsonElement row = analysis.GetProperty("compare").GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(new[] { r.GetProperty("first").GetString(), r.GetProperty("second").GetString() }, Strings(row, "groups"));
        JsonElement[] summaries = row.GetProperty("summaries").EnumerateArray().ToArray();
        Assert.Equal(Number(r, "n_x"), Number(summaries[0], "n"));
        Assert.Equal(Number(r, "n_y"), Number(summaries[1], "n"));
        Assert.Equal(Number(r, "missing_x"), Number(summaries[0], "missing"));
        Assert.Equal(Number(r, "missing_y"), Number(summaries[1], "missing"));

        // `using t_test` is Student's t-test (var.equal = TRUE); the fixture also has Welch's, for reference only.
        JsonElement student = r.GetProperty("student");
        JsonElement t = row.GetProperty("test");
        string at = " " + name;
        Close(Number(student, "mean_x"), Number(summaries[0], "mean"), "mean treatment" + at);
        Close(Number(student, "mean_y"), Number(summaries[1], "mean"), "mean control" + at);
        Close(Number(student, "t"), Number(t, "statistic"), "t" + at);
        Close(Number(student, "df"), Number(t, "degreesOfFreedom"), "df" + at);
        P(Number(student, "p"), Number(t, "pValue"), "p" + at);
        Close(Number(student, "estimate"), Number(t, "estimate"), "difference" + at);
        Close(Number(student, "conf_low"), Number(t, "confidenceLow"), "low" + at);
        Close(Number(student, "conf_high"), Number(t, "confidenceHigh"), "high" + at);
    }

    [Fact]
    public void KaplanMeierByArmEqualsSurvfitInR()
    {
        JsonElement r = _run.Cases["km_arm"];
        KaplanMeier(r, r.GetProperty("groups"), _run.Analyses["km_arm"], "km_arm");
    }

    [Fact]
    public void KaplanMeierWithinSexEqualsSurvfitInR()
    {
        JsonElement r = _run.Cases["km_arm_by_sex"];
        foreach (JsonElement level in r.GetProperty("levels").EnumerateArray())
        {
            string id = level.GetProperty("id").GetString()!;
            Assert.Equal(Number(level, "n"), Number(_run.Analyses[id].GetProperty("scope"), "n"));
            KaplanMeier(r, level.GetProperty("groups"), _run.Analyses[id], id);
        }
    }

    [Fact]
    public void LogRankByArmEqualsSurvdiffInR()
    {
        JsonElement r = _run.Cases["logrank_arm"];
        JsonElement lr = _run.Analyses["logrank_arm"].GetProperty("logRank");
        JsonElement[] groups = lr.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(Strings(r, "levels"), groups.Select(g => g.GetProperty("group").GetString()!));
        double[] n = Numbers(r, "n"), observed = Numbers(r, "observed"), expected = Numbers(r, "expected");
        for (int i = 0; i < groups.Length; i++)
        {
            Assert.Equal(n[i], Number(groups[i], "n"));
            Close(observed[i], Number(groups[i], "observed"), "observed " + i);
            Close(expected[i], Number(groups[i], "expected"), "expected " + i);
        }

        Close(Number(r, "chisq"), Number(lr, "chiSquare"), "chisq");
        Assert.Equal(Number(r, "df"), Number(lr, "degreesOfFreedom"));
        P(Number(r, "p"), Number(lr, "pValue"), "p");
    }

    [Fact]
    public void AncovaOfTheChangeAdjustedForBaselineEqualsLmAndCarAnovaInR()
    {
        JsonElement r = _run.Cases["ancova_change24"];
        JsonElement linear = _run.Analyses["ancova_change24"].GetProperty("linear");

        Assert.Equal(Number(r, "n"), Number(linear, "n"));
        Assert.Equal(Number(r, "n_excluded"), Number(linear, "excluded"));
        JsonElement[] ours = linear.GetProperty("coefficients").EnumerateArray().ToArray();
        string[] terms = Strings(r, "terms");
        Assert.Equal(terms, ours.Select(t => t.GetProperty("term").GetString()!));
        foreach (var (field, ourField) in new[] { ("coef", "estimate"), ("se", "standardError"), ("t", "t"), ("ci_low", "low"), ("ci_high", "high") })
        {
            double[] expected = Numbers(r, field);
            for (int i = 0; i < terms.Length; i++)
            {
                Close(expected[i], Number(ours[i], ourField), $"{field} {terms[i]}");
            }
        }

        double[] p = Numbers(r, "p");
        for (int i = 0; i < terms.Length; i++)
        {
            P(p[i], Number(ours[i], "pValue"), "p " + terms[i]);
        }

        Close(Number(r, "sigma"), Number(linear, "residualStandardError"), "sigma");
        Assert.Equal(Number(r, "df_residual"), Number(linear, "degreesOfFreedom"));
        Close(Number(r, "r_squared"), Number(linear, "rSquared"), "r.squared");
        Close(Number(r, "adj_r_squared"), Number(linear, "adjustedRSquared"), "adj.r.squared");
        Close(Number(r, "f"), Number(linear.GetProperty("f"), "statistic"), "F");
        Close(Number(r, "aic"), Number(linear, "aic"), "AIC");
        Close(Number(r, "bic"), Number(linear, "bic"), "BIC");

        JsonElement anova = linear.GetProperty("anova");
        Assert.Equal("II", anova.GetProperty("type").GetString());
        JsonElement[] rows = anova.GetProperty("rows").EnumerateArray().Where(row => row.GetProperty("term").GetString() != "Residuals").ToArray();
        JsonElement expectedAnova = r.GetProperty("anova");
        Assert.Equal(Strings(expectedAnova, "terms"), rows.Select(row => row.GetProperty("term").GetString()!));
        double[] ss = Numbers(expectedAnova, "ss"), f = Numbers(expectedAnova, "f"), pf = Numbers(expectedAnova, "p"), df = Numbers(expectedAnova, "df");
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(df[i], Number(rows[i], "degreesOfFreedom"));
            Close(ss[i], Number(rows[i], "sumOfSquares"), "Sum Sq " + i);
            Close(f[i], Number(rows[i], "f"), "F value " + i);
            P(pf[i], Number(rows[i], "pValue"), "Pr(>F) " + i);
        }
    }

    [Fact]
    public void LogisticModelOfRespondersEqualsGlmBinomialWithConfintInR()
    {
        JsonElement r = _run.Cases["logistic_responder"];
        JsonElement glm = _run.Analyses["logistic_responder"].GetProperty("glm");

        Assert.Equal("binomial", glm.GetProperty("family").GetString());
        Assert.Equal(Number(r, "n"), Number(glm, "n"));
        Assert.Equal(Number(r, "n_excluded"), Number(glm, "excluded"));
        JsonElement[] ours = glm.GetProperty("coefficients").EnumerateArray().ToArray();
        string[] terms = Strings(r, "terms");
        Assert.Equal(terms, ours.Select(t => t.GetProperty("term").GetString()!));
        // The profile limits are the kernel's root of the signed likelihood-root, R's confint the spline of
        // profile.glm: both meet at 1e-6 (GlmReferenceTests), so the same tolerance holds here.
        foreach (var (field, ourField) in new[]
                 {
                     ("coef", "estimate"), ("se", "standardError"), ("z", "statistic"), ("wald_low", "waldLow"), ("wald_high", "waldHigh"),
                     ("profile_low", "profileLow"), ("profile_high", "profileHigh"),
                 })
        {
            double[] expected = Numbers(r, field);
            for (int i = 0; i < terms.Length; i++)
            {
                Close(expected[i], Number(ours[i], ourField), $"{field} {terms[i]}");
            }
        }

        double[] p = Numbers(r, "p"), coef = Numbers(r, "coef"), profileLow = Numbers(r, "profile_low");
        for (int i = 0; i < terms.Length; i++)
        {
            P(p[i], Number(ours[i], "pValue"), "p " + terms[i]);
            Close(Math.Exp(coef[i]), Number(ours[i], "ratio"), "odds ratio " + terms[i]);
            Close(Math.Exp(profileLow[i]), Number(ours[i], "ratioProfileLow"), "odds ratio profile low " + terms[i]);
        }

        Close(Number(r, "deviance"), Number(glm, "deviance"), "deviance");
        Close(Number(r, "null_deviance"), Number(glm, "nullDeviance"), "null deviance");
        Assert.Equal(Number(r, "df_residual"), Number(glm, "residualDf"));
        Assert.Equal(Number(r, "df_null"), Number(glm, "nullDf"));
        Close(Number(r, "aic"), Number(glm, "aic"), "AIC");
    }

    [Fact]
    public void RiskDifferenceOfRespondersEqualsNewcombeAndPropTestInR()
    {
        JsonElement r = _run.Cases["responder_rd"];
        JsonElement row = _run.Analyses["responder_rd"].GetProperty("compare").GetProperty("rows")[0];
        JsonElement[] summaries = row.GetProperty("summaries").EnumerateArray().ToArray();
        double[] x = Numbers(r, "x"), n = Numbers(r, "n");
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(x[k], Number(summaries[k], "count"));
            Assert.Equal(n[k], Number(summaries[k], "n"));
        }

        JsonElement test = row.GetProperty("test");
        Close(Number(r, "estimate"), Number(test, "estimate"), "risk difference");
        Close(Number(r, "low"), Number(test, "confidenceLow"), "Newcombe low");
        Close(Number(r, "high"), Number(test, "confidenceHigh"), "Newcombe high");
        Close(Number(r, "chisq"), Number(test, "statistic"), "X-squared");
        P(Number(r, "p"), Number(test, "pValue"), "p");
    }

    [Theory]
    [InlineData("cox_arm")]
    [InlineData("cox_arm_pp")]
    public void CoxByArmEqualsCoxphInR(string name)
    {
        JsonElement r = _run.Cases[name];
        JsonElement analysis = _run.Analyses[name];
        string? population = r.GetProperty("population").ValueKind == JsonValueKind.Null ? null : r.GetProperty("population").GetString();
        string? ours = analysis.TryGetProperty("scope", out JsonElement scope) && scope.TryGetProperty("population", out JsonElement p) ? p.GetString() : null;
        Assert.Equal(population, ours);
        Cox(r, analysis.GetProperty("cox"), name);
    }

    [Fact]
    public void CoxWithinSexEqualsCoxphInR()
    {
        JsonElement r = _run.Cases["cox_arm_by_sex"];
        foreach (JsonElement level in r.GetProperty("levels").EnumerateArray())
        {
            string id = level.GetProperty("id").GetString()!;
            Cox(level, _run.Analyses[id].GetProperty("cox"), id);
        }
    }

    [Fact]
    public void MixedModelOnTreatmentVisitsEqualsLmerTestInR()
    {
        JsonElement r = _run.Cases["mixed_score"];
        JsonElement mixed = _run.Analyses["mixed_score"].GetProperty("mixed");
        Assert.Equal(Number(r, "n_obs"), Number(mixed, "observations"));
        Assert.Equal(Number(r, "n_subjects"), Number(mixed, "subjects"));
        Assert.Equal(Numbers(r, "week_levels"), Numbers(mixed, "timeLevels"));
        Assert.Contains(
            _run.Analyses["mixed_score"].GetProperty("warnings").EnumerateArray(),
            w => w.GetProperty("message").GetString()!.Contains($"{Number(r, "n_left_out_by_where")} row(s) of 'visits' left out", StringComparison.Ordinal));

        JsonElement co = r.GetProperty("coefficients");
        JsonElement[] fixedEffects = mixed.GetProperty("fixedEffects").EnumerateArray().ToArray();
        string[] names = Strings(co, "names");
        Assert.Equal(names, fixedEffects.Select(f => f.GetProperty("term").GetString()!));
        double[] estimate = Numbers(co, "estimate"), se = Numbers(co, "se"), df = Numbers(co, "df"), t = Numbers(co, "t"), p = Numbers(co, "p");
        for (int i = 0; i < names.Length; i++)
        {
            string at = " " + names[i];
            Close(estimate[i], Number(fixedEffects[i], "estimate"), "estimate" + at);
            Close(se[i], Number(fixedEffects[i], "standardError"), "SE" + at);
            Close(df[i], Number(fixedEffects[i], "degreesOfFreedom"), "df" + at);
            Close(t[i], Number(fixedEffects[i], "t"), "t" + at);
            P(p[i], Number(fixedEffects[i], "pValue"), "p" + at);
        }

        JsonElement aov = r.GetProperty("anova");
        JsonElement[] typeIII = mixed.GetProperty("typeIII").EnumerateArray().ToArray();
        string[] terms = Strings(aov, "terms");
        Assert.Equal(terms, typeIII.Select(a => a.GetProperty("term").GetString()!));
        double[] numDf = Numbers(aov, "num_df"), denDf = Numbers(aov, "den_df"), f = Numbers(aov, "f"), pf = Numbers(aov, "p");
        for (int i = 0; i < terms.Length; i++)
        {
            string at = " " + terms[i];
            Assert.Equal(numDf[i], Number(typeIII[i], "numeratorDf"));
            Close(denDf[i], Number(typeIII[i], "denominatorDf"), "DenDF" + at);
            Close(f[i], Number(typeIII[i], "f"), "F" + at);
            P(pf[i], Number(typeIII[i], "pValue"), "p" + at);
        }

        JsonElement fit = mixed.GetProperty("fit");
        Close(Number(r, "criterion"), Number(fit, "criterion"), "REML criterion");
        Close(Number(r, "sigma"), Number(fit, "sigma"), "sigma");
        Close(Numbers(r, "theta")[0], Numbers(fit, "theta")[0], "theta");
    }

    /// <summary>
    /// The MMRM against the R reference (gls polished to the REML optimum, numDeriv Satterthwaite): β and SE at 1e-6,
    /// Σ and the dfs at 1e-5 (the optimum is as sharp as the criterion's rounding lets a numeric gradient see; see
    /// Runtime.Tests' MmrmTests), logLik at 1e-9 (also against gls's), and treatment − control at each visit.
    /// </summary>
    [Fact]
    public void MmrmWithTheArmContrastAtEachVisitEqualsR()
    {
        JsonElement r = _run.Cases["mmrm_score"];
        JsonElement analysis = _run.Analyses["mmrm_score"];
        JsonElement mmrm = analysis.GetProperty("mmrm");
        Assert.Equal(Number(r, "n_obs"), Number(mmrm, "observations"));
        Assert.Equal(Number(r, "n_subjects"), Number(mmrm, "subjects"));
        Assert.Equal(Numbers(r, "weeks").Select(w => w.ToString(CultureInfo.InvariantCulture)), mmrm.GetProperty("visits").EnumerateArray().Select(v => v.GetString()!));
        Assert.Contains(analysis.GetProperty("warnings").EnumerateArray(),
            w => w.GetProperty("message").GetString()!.Contains($"{Number(r, "n_missing_score0")} with a missing score0", StringComparison.Ordinal));

        string[] names = Strings(r, "names");
        JsonElement[] fixedEffects = mmrm.GetProperty("fixedEffects").EnumerateArray().ToArray();
        Assert.Equal(names, fixedEffects.Select(f => f.GetProperty("term").GetString()!));
        double[] beta = Numbers(r, "beta"), se = Numbers(r, "se"), df = Numbers(r, "df");
        for (int i = 0; i < names.Length; i++)
        {
            Near(beta[i], Number(fixedEffects[i], "estimate"), 1e-6, "estimate " + names[i]);
            Near(se[i], Number(fixedEffects[i], "standardError"), 1e-6, "SE " + names[i]);
            Near(df[i], Number(fixedEffects[i], "degreesOfFreedom"), 1e-5, "df " + names[i]);
        }

        double[] sigma = mmrm.GetProperty("sigma").EnumerateArray().SelectMany(row => row.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        double[] rSigma = Numbers(r, "sigma");
        for (int i = 0; i < rSigma.Length; i++)
        {
            Near(rSigma[i], sigma[i], 1e-5, $"Sigma[{i}]");
        }

        JsonElement fit = mmrm.GetProperty("fit");
        Near(Number(r, "log_lik"), Number(fit, "logLikelihood"), 1e-9, "logLik");
        Near(Number(r, "gls_log_lik"), Number(fit, "logLikelihood"), 1e-9, "logLik against gls");
        Near(Number(r, "aic"), Number(fit, "aic"), 1e-9, "AIC");
        Near(Number(r, "bic"), Number(fit, "bic"), 1e-9, "BIC");

        JsonElement contrast = r.GetProperty("contrast");
        JsonElement[] ours = mmrm.GetProperty("contrasts").EnumerateArray().ToArray();
        double[] weeks = Numbers(contrast, "week");
        Assert.Equal(weeks.Length, ours.Length);
        for (int v = 0; v < weeks.Length; v++)
        {
            string at = " at week " + weeks[v].ToString(CultureInfo.InvariantCulture);
            Assert.Equal("treatment - control", ours[v].GetProperty("contrast").GetString());
            Near(Numbers(contrast, "estimate")[v], Number(ours[v], "estimate"), 1e-6, "difference" + at);
            Near(Numbers(contrast, "se")[v], Number(ours[v], "standardError"), 1e-6, "SE" + at);
            Near(Numbers(contrast, "df")[v], Number(ours[v], "df"), 1e-5, "df" + at);
            Near(Numbers(contrast, "lower")[v], Number(ours[v], "lower"), 1e-6, "lower" + at);
            Near(Numbers(contrast, "upper")[v], Number(ours[v], "upper"), 1e-6, "upper" + at);
        }
    }

    private static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R} (relative {Math.Abs(expected - actual) / Math.Abs(expected):G3})");

    private static void Describe(JsonElement r, JsonElement analysis, JsonElement groups, string name)
    {
        JsonElement describe = analysis.GetProperty("describe");
        JsonElement[] columns = describe.GetProperty("columns").EnumerateArray().ToArray();
        string[] variables = Strings(r, "variables");
        Assert.Equal(variables, describe.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("name").GetString()!));
        foreach (JsonElement group in groups.EnumerateArray())
        {
            string level = group.GetProperty("level").GetString()!;
            JsonElement column = columns.Single(c => c.GetProperty("name").GetString() == level);
            Assert.Equal(group.GetProperty("label").GetString(), column.GetProperty("label").GetString());
            Assert.Equal(Number(group, "n"), Number(column, "n"));
            foreach (string variable in variables)
            {
                JsonElement expected = group.GetProperty("variables").GetProperty(variable);
                string at = $" {name} {level} {variable}";
                switch (expected.GetProperty("kind").GetString())
                {
                    case "continuous":
                        JsonElement cell = Cells(analysis, variable).Single(c => c.GetProperty("column").GetString() == level);
                        Assert.Equal(Number(expected, "n"), Number(cell, "n"));
                        Assert.Equal(Number(expected, "missing"), Number(cell, "missing"));
                        foreach (string statistic in new[] { "mean", "sd", "median", "q1", "q3", "min", "max" })
                        {
                            Close(Number(expected, statistic), Number(cell, statistic), statistic + at);
                        }

                        break;
                    case "binary":
                        JsonElement count = Cells(analysis, variable).Single(c => c.GetProperty("column").GetString() == level);
                        Assert.Equal(Number(expected, "n"), Number(count, "nonMissing"));
                        Assert.Equal(Number(expected, "missing"), Number(count, "missing"));
                        Assert.Equal(Number(expected, "n_true"), Number(count, "count"));
                        Close(Number(expected, "percent"), Number(count, "percent"), "percent" + at);
                        break;
                    case "categorical":
                        JsonElement[] levels = Variable(analysis, variable).GetProperty("levels").EnumerateArray().ToArray();
                        Assert.Equal(Strings(expected, "levels"), levels.Select(l => l.GetProperty("level").GetString()!));
                        Assert.Equal(Strings(expected, "labels"), levels.Select(l => l.GetProperty("label").GetString()!));
                        double[] counts = Numbers(expected, "counts"), percent = Numbers(expected, "percent");
                        for (int i = 0; i < levels.Length; i++)
                        {
                            JsonElement c = levels[i].GetProperty("cells").EnumerateArray().Single(x => x.GetProperty("column").GetString() == level);
                            Assert.Equal(Number(expected, "n"), Number(c, "nonMissing"));
                            Assert.Equal(Number(expected, "missing"), Number(c, "missing"));
                            Assert.Equal(counts[i], Number(c, "count"));
                            Close(percent[i], Number(c, "percent"), $"percent level {i}{at}");
                        }

                        break;
                    default:
                        Assert.Fail("unknown kind in the fixture" + at);
                        break;
                }
            }
        }
    }

    /// <summary>Mean, SD (n - 1), median, quartiles (R's type 7), min and max of R's per-subject values.</summary>
    private static void Continuous(double[] values, JsonElement cell, string name)
    {
        double[] x = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        Assert.Equal(x.Length, Number(cell, "n"));
        double mean = x.Average();
        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        double Quantile(double p)
        {
            double h = (x.Length - 1) * p;
            int lo = (int)Math.Floor(h);
            return lo + 1 < x.Length ? x[lo] + ((h - lo) * (x[lo + 1] - x[lo])) : x[lo];
        }

        Close(mean, Number(cell, "mean"), "mean " + name);
        Close(sd, Number(cell, "sd"), "sd " + name);
        Close(Quantile(0.5), Number(cell, "median"), "median " + name);
        Close(Quantile(0.25), Number(cell, "q1"), "q1 " + name);
        Close(Quantile(0.75), Number(cell, "q3"), "q3 " + name);
        Close(x[0], Number(cell, "min"), "min " + name);
        Close(x[^1], Number(cell, "max"), "max " + name);
    }

    private static void KaplanMeier(JsonElement r, JsonElement expectedGroups, JsonElement analysis, string id)
    {
        JsonElement km = analysis.GetProperty("kaplanMeier");
        Assert.Equal(r.GetProperty("conf_type").GetString(), km.GetProperty("confidenceType").GetString());
        Assert.Equal(Numbers(r, "times"), Numbers(km, "times"));
        JsonElement[] groups = km.GetProperty("groups").EnumerateArray().ToArray();
        JsonElement[] expected = expectedGroups.EnumerateArray().ToArray();
        Assert.Equal(expected.Select(g => g.GetProperty("level").GetString()), groups.Select(g => g.GetProperty("group").GetString()));
        for (int k = 0; k < groups.Length; k++)
        {
            JsonElement e = expected[k], g = groups[k];
            string group = $" {id} {e.GetProperty("level").GetString()}";
            Assert.Equal(e.GetProperty("label").GetString(), g.GetProperty("label").GetString());
            Assert.Equal(Number(e, "n"), Number(g, "n"));
            Assert.Equal(Number(e, "events"), Number(g, "events"));
            Close(Number(e, "median"), Number(g, "median"), "median" + group);
            Close(Number(e, "median_lower"), Number(g, "medianLower"), "median lower" + group);
            Close(Number(e, "median_upper"), Number(g, "medianUpper"), "median upper" + group);

            JsonElement at = e.GetProperty("at");
            JsonElement[] atTimes = g.GetProperty("atTimes").EnumerateArray().ToArray();
            double[] times = Numbers(at, "time"), nRisk = Numbers(at, "n_risk"), surv = Numbers(at, "surv"), se = Numbers(at, "std_err"),
                lower = Numbers(at, "lower"), upper = Numbers(at, "upper");
            Assert.Equal(times, atTimes.Select(a => Number(a, "time")));
            for (int i = 0; i < times.Length; i++)
            {
                string when = $"{group} at {times[i]}";
                Assert.True(atTimes[i].GetProperty("estimable").GetBoolean(), "estimable" + when);
                Assert.Equal(nRisk[i], Number(atTimes[i], "nRisk"));
                Close(surv[i], Number(atTimes[i], "survival"), "survival" + when);
                Close(se[i], Number(atTimes[i], "stdErr"), "std.err" + when);
                Close(lower[i], Number(atTimes[i], "lower"), "lower" + when);
                Close(upper[i], Number(atTimes[i], "upper"), "upper" + when);
            }
        }
    }

    private static void Cox(JsonElement r, JsonElement cox, string id)
    {
        Assert.Equal(Number(r, "n"), Number(cox, "n"));
        Assert.Equal(Number(r, "events"), Number(cox, "events"));
        Assert.Equal(Number(r, "iter"), Number(cox, "iterations"));
        JsonElement[] ours = cox.GetProperty("terms").EnumerateArray().ToArray();
        string[] terms = Strings(r, "terms");
        Assert.Equal(terms, ours.Select(t => t.GetProperty("term").GetString()!));
        double[] coef = Numbers(r, "coef"), hr = Numbers(r, "hr"), se = Numbers(r, "se"), z = Numbers(r, "z"), p = Numbers(r, "p"),
            low = Numbers(r, "hr_low"), high = Numbers(r, "hr_high");
        for (int i = 0; i < terms.Length; i++)
        {
            JsonElement t = ours[i];
            string at = $" {id} {terms[i]}";
            Assert.Equal("control", t.GetProperty("referenceLevel").GetString());
            Close(coef[i], Number(t, "coefficient"), "coef" + at);
            Close(hr[i], Number(t, "hazardRatio"), "HR" + at);
            Close(se[i], Number(t, "standardError"), "SE" + at);
            Close(z[i], Number(t, "z"), "z" + at);
            P(p[i], Number(t, "pValue"), "p" + at);
            Close(low[i], Number(t, "hazardRatioLow"), "HR low" + at);
            Close(high[i], Number(t, "hazardRatioHigh"), "HR high" + at);
        }

        double[] loglik = Numbers(r, "loglik");
        Close(loglik[0], Number(cox, "logLikelihoodNull"), "null loglik " + id);
        Close(loglik[1], Number(cox, "logLikelihood"), "loglik " + id);
        foreach ((string rName, string ourName) in new[] { ("lr", "likelihoodRatio"), ("wald", "wald"), ("score", "score") })
        {
            JsonElement e = r.GetProperty(rName), o = cox.GetProperty(ourName);
            Close(Number(e, "statistic"), Number(o, "statistic"), $"{rName} statistic {id}");
            Assert.Equal(Number(e, "df"), Number(o, "degreesOfFreedom"));
            P(Number(e, "p"), Number(o, "pValue"), $"{rName} p {id}");
        }

        Close(Number(r, "concordance"), Number(cox, "concordance"), "concordance " + id);
        Close(Number(r, "concordance_se"), Number(cox, "concordanceStandardError"), "concordance SE " + id);

        JsonElement zph = r.GetProperty("zph");
        JsonElement ph = cox.GetProperty("proportionalHazards");
        Assert.Equal("km", ph.GetProperty("transform").GetString());
        JsonElement[] tests = ph.GetProperty("tests").EnumerateArray().ToArray();
        string[] zphTerms = Strings(zph, "terms");
        Assert.Equal(zphTerms, tests.Select(t => t.GetProperty("term").GetString()!));
        double[] zChisq = Numbers(zph, "chisq"), zDf = Numbers(zph, "df"), zP = Numbers(zph, "p");
        for (int i = 0; i < zphTerms.Length; i++)
        {
            Close(zChisq[i], Number(tests[i], "chiSquare"), $"zph chisq {id} {zphTerms[i]}");
            Assert.Equal(zDf[i], Number(tests[i], "degreesOfFreedom"));
            P(zP[i], Number(tests[i], "pValue"), $"zph p {id} {zphTerms[i]}");
        }
    }

    private static JsonElement Variable(JsonElement analysis, string name) =>
        analysis.GetProperty("describe").GetProperty("variables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    /// <summary>A continuous variable's cells are under "continuous", a binary one's under "counts".</summary>
    private static IEnumerable<JsonElement> Cells(JsonElement analysis, string name)
    {
        JsonElement v = Variable(analysis, name);
        return (v.TryGetProperty("continuous", out JsonElement c) ? c : v.GetProperty("counts")).EnumerateArray();
    }

    /// <summary>Runs the generated study code once (JSON only) and loads the R fixture.</summary>
    public sealed class TrialRun : IDisposable
    {
        private readonly string _output = Path.Combine(Path.GetTempPath(), "pl-trial-r-" + Guid.NewGuid().ToString("N"));
        private readonly JsonDocument _fixture;
        private readonly JsonDocument _results;

        public TrialRun()
        {
            RandomisedTrialStudy.Run(new StudyRunOptions
            {
                StudyDirectory = RepositoryPaths.Combine("examples", "RandomisedTrial"),
                OutputDirectory = _output,
                Formats = new[] { ReportFormat.Json },
            });
            _results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "results.json")));
            Results = _results.RootElement;
            Analyses = Results.GetProperty("analyses").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, StringComparer.Ordinal);
            _fixture = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Examples.Tests", "Reference", "randomised_trial.expected.json")));
            Cases = _fixture.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, StringComparer.Ordinal);
        }

        public JsonElement Results { get; }

        /// <summary>By id, in the order of results.json (a Dictionary keeps insertion order while nothing is removed).</summary>
        public Dictionary<string, JsonElement> Analyses { get; }

        public Dictionary<string, JsonElement> Cases { get; }

        public void Dispose()
        {
            _fixture.Dispose();
            _results.Dispose();
            if (Directory.Exists(_output))
            {
                Directory.Delete(_output, recursive: true);
            }
        }
    }
}
