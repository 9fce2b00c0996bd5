using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Issue 12 item 7 through the language: expressions where a variable is accepted (a <c>by</c>/<c>within</c> factor,
/// a stratum, a Cox term, an inline <c>time_to_event</c> head, mixed-model terms over the child rows and over the
/// subjects), written in small .study files over survival::lung and lme4::sleepstudy, run by the CLI, and results.json
/// compared with R (tests/Reference/r/expression_terms.R → tests/Runtime.Tests/Reference/expression_terms.expected.json)
/// at 1e-6 relative.
/// </summary>
public sealed class ExpressionTermsRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string LungStudy = """
        study LungExpressions {
          table lung from "lung.csv" {
            inst: integer optional
            time: number unit "days"
            status: integer
            age: number unit "years"
            sex: category(1 "Male", 2 "Female")
            ph_ecog: number optional
            ph_karno: number optional
            pat_karno: number optional
            meal_cal: number optional
            wt_loss: number optional
          }
          outcome Death "Death": time_to_event(time, status == 2)
          test logrank Death by age >= 65 as logrank_age65
          test logrank Death by sex strata ph_ecog >= 2 as logrank_sex_strata
          model cox Death ~ age + log(meal_cal) strata ph_ecog >= 2 as cox_strata
          model kaplan_meier time_to_event(time / 30.44, status == 2) by sex at 6, 12 as km_months
          model cox Death ~ age within ph_ecog >= 2 as cox_within
        }

        """;

    private const string SleepStudy = """
        study Sleep {
          table subjects from "sleepstudy_subjects.csv" key Subject {
            Subject: text
            baseline: number unit "ms"
          }
          table sleep from "sleepstudy.csv" of subjects by Subject {
            Reaction: number unit "ms"
            Days: integer
            Subject: text
          }
          outcome RT "Reaction time": repeated sleep.Reaction over Days
          model mixed RT ~ log(Days + 1) + log(baseline) + (1 | Subject) overall as log_days
          model mixed RT ~ Days / 7 * (baseline > 250) + (Days | Subject) overall as days_over_7
        }

        """;

    private static readonly Lazy<Dictionary<string, JsonElement>> Fixture = new(LoadFixture);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("logrank_age65", "lung_logrank_age65")]
    [InlineData("logrank_sex_strata", "lung_logrank_sex_strata_ecog")]
    public void ALogRankByOrStratifiedByAnExpressionMatchesSurvdiff(string id, string name)
    {
        JsonElement r = Case(name);
        JsonNode logRank = Analysis(RunLung(), id)["logRank"]!;
        JsonArray groups = logRank["groups"]!.AsArray();
        Assert.Equal(Numbers(r, "n").Select(n => (int)n), groups.Select(g => (int)g!["n"]!));
        AllClose(Numbers(r, "observed"), groups, "observed", id + " observed");
        AllClose(Numbers(r, "expected"), groups, "expected", id + " expected");
        Close(Number(r, "chisq"), logRank["chiSquare"], id + " chi-square");
        Close(Number(r, "p"), logRank["pValue"], id + " p");
        Assert.Equal((int)Number(r, "df"), (int)logRank["degreesOfFreedom"]!);
    }

    [Fact]
    public void ABoolExpressionFactorIsLabelledAsWritten()
    {
        JsonNode analysis = Analysis(RunLung(), "logrank_age65");
        JsonArray groups = analysis["logRank"]!["groups"]!.AsArray();
        Assert.Equal(["false", "true"], groups.Select(g => (string)g!["group"]!));
        Assert.Equal(["age >= 65: false", "age >= 65: true"], groups.Select(g => (string)g!["label"]!));
        Assert.Equal("age >= 65", (string)analysis["scope"]!["by"]![0]!);
    }

    [Fact]
    public void ACoxModelWithAnExpressionTermAndStratumMatchesCoxph()
    {
        JsonElement r = Case("lung_cox_strata_ecog");
        AssertCox(r, Analysis(RunLung(), "cox_strata")["cox"]!, "cox strata");
    }

    [Fact]
    public void ACoxModelWithinAnExpressionMatchesCoxphOnEachSubset()
    {
        JsonNode results = RunLung();
        foreach (JsonElement level in Case("lung_cox_within_ecog2").GetProperty("levels").EnumerateArray())
        {
            string code = level.GetProperty("level").GetString()!;
            JsonNode analysis = Analysis(results, "cox_within." + code);
            Assert.Equal(("ph_ecog >= 2", code), ((string)analysis["scope"]!["within"]!, (string)analysis["scope"]!["level"]!));
            AssertCox(level, analysis["cox"]!, "cox within " + code);
        }
    }

    [Fact]
    public void AnInlineTimeToEventHeadMatchesSurvfitOnTheTransformedTime()
    {
        JsonElement r = Case("lung_km_inline_months");
        JsonNode km = Analysis(RunLung(), "km_months")["kaplanMeier"]!;
        Assert.Equal("time_to_event(time / 30.44, status == 2)", (string)km["variable"]!);
        Assert.Null(km["unit"]); // the time is no longer in the column's days
        JsonArray groups = km["groups"]!.AsArray();
        Assert.Equal(Numbers(r, "n").Select(n => (int)n), groups.Select(g => (int)g!["n"]!));
        Assert.Equal(Numbers(r, "events").Select(n => (int)n), groups.Select(g => (int)g!["events"]!));
        AllClose(Numbers(r, "median"), groups, "median", "median");
        AllClose(Numbers(r, "median_lower"), groups, "medianLower", "median lower");
        AllClose(Numbers(r, "median_upper"), groups, "medianUpper", "median upper");

        // summary(fit, times = c(6, 12)) lists both times per sex, Male first.
        var at = groups.SelectMany(g => g!["atTimes"]!.AsArray()).ToArray();
        var rows = new JsonArray(at.Select(a => a!.DeepClone()).ToArray());
        AllClose(Numbers(r, "time"), rows, "time", "time");
        AllClose(Numbers(r, "surv"), rows, "survival", "survival");
        AllClose(Numbers(r, "std_err"), rows, "stdErr", "se");
        AllClose(Numbers(r, "lower"), rows, "lower", "lower");
        AllClose(Numbers(r, "upper"), rows, "upper", "upper");
    }

    [Theory]
    [InlineData("log_days", "sleep_lmer_log_days", new[] { "(Intercept)", "log(Days + 1)", "log(baseline)" })]
    [InlineData("days_over_7", "sleep_lmer_days_over_7", new[] { "(Intercept)", "Days / 7", "(baseline > 250)TRUE", "Days / 7:(baseline > 250)TRUE" })]
    public void AMixedModelWithRowAndSubjectExpressionTermsMatchesLmer(string id, string name, string[] terms)
    {
        // The terms are named by their text; R needs I() around arithmetic in a formula (I(Days/7)), so the names differ there only.
        JsonElement r = Case(name);
        JsonNode mixed = Analysis(RunSleep(), id)["mixed"]!;
        Assert.Equal((int)Number(r, "n"), (int)mixed["observations"]!);
        JsonElement coefficients = r.GetProperty("coefficients");
        JsonArray fixedEffects = mixed["fixedEffects"]!.AsArray();
        Assert.Equal(terms, fixedEffects.Select(f => (string)f!["term"]!));
        Assert.Equal(Strings(coefficients, "names").Length, fixedEffects.Count);
        AllClose(Numbers(coefficients, "estimate"), fixedEffects, "estimate", id + " estimate");
        AllClose(Numbers(coefficients, "se"), fixedEffects, "standardError", id + " se");
        AllClose(Numbers(coefficients, "df"), fixedEffects, "degreesOfFreedom", id + " df");
        AllClose(Numbers(coefficients, "t"), fixedEffects, "t", id + " t");
        PValuesClose(Numbers(coefficients, "p"), fixedEffects, id + " p");

        JsonElement anova = r.GetProperty("anova");
        JsonArray typeIII = mixed["typeIII"]!.AsArray();
        AllClose(Numbers(anova, "num_df"), typeIII, "numeratorDf", id + " NumDF");
        AllClose(Numbers(anova, "den_df"), typeIII, "denominatorDf", id + " DenDF");
        AllClose(Numbers(anova, "f"), typeIII, "f", id + " F");
        PValuesClose(Numbers(anova, "p"), typeIII, id + " F p");
        Close(Number(r, "sigma"), mixed["fit"]!["sigma"], id + " sigma");
        Close(Number(r, "loglik"), mixed["fit"]!["logLikelihood"], id + " logLik");
    }

    private static void AssertCox(JsonElement r, JsonNode cox, string what)
    {
        Assert.Equal(((int)Number(r, "n"), (int)Number(r, "events")), ((int)cox["n"]!, (int)cox["events"]!));
        JsonArray terms = cox["terms"]!.AsArray();
        Assert.Equal(Strings(r, "terms"), terms.Select(t => (string)t!["term"]!));
        AllClose(Numbers(r, "coef"), terms, "coefficient", what + " coef");
        AllClose(Numbers(r, "se"), terms, "standardError", what + " se");
        AllClose(Numbers(r, "z"), terms, "z", what + " z");
        AllClose(Numbers(r, "p"), terms, "pValue", what + " p");
        double[] loglik = Numbers(r, "loglik");
        Close(loglik[0], cox["logLikelihoodNull"], what + " loglik null");
        Close(loglik[1], cox["logLikelihood"], what + " loglik");
    }

    private JsonNode? _lung;
    private JsonNode? _sleep;

    private JsonNode RunLung() => _lung ??= Run("lung", LungStudy, "lung.csv");

    private JsonNode RunSleep() => _sleep ??= Run("sleep", SleepStudy, "sleepstudy.csv", "sleepstudy_subjects.csv");

    /// <summary>Writes the study and its CSVs (copied from the R fixture's data) into a fresh folder, runs it, returns results.json.</summary>
    private JsonNode Run(string name, string study, params string[] csvs)
    {
        string folder = _temp.Combine(name);
        Directory.CreateDirectory(folder);
        foreach (string csv in csvs)
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, name + ".study"), study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, name + ".study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Output);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static JsonNode Analysis(JsonNode results, string id)
    {
        JsonNode? found = results["analyses"]!.AsArray().SingleOrDefault(a => (string)a!["id"]! == id);
        Assert.True(found is not null, $"no analysis {id}; ids: {string.Join(", ", results["analyses"]!.AsArray().Select(a => (string)a!["id"]!))}");
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static Dictionary<string, JsonElement> LoadFixture()
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "expression_terms.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }

    private static JsonElement Case(string name) => Fixture.Value[name];

    /// <summary>A fixture number; fixture_io.R writes NA, NaN and infinities as strings.</summary>
    private static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.NaN,
        },
        JsonValueKind.Array when element.GetArrayLength() == 1 => Number(element[0]),
        _ => throw new InvalidOperationException("not a number: " + element.ValueKind),
    };

    private static double Number(JsonElement parent, string name) => Number(parent.GetProperty(name));

    private static double[] Numbers(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => Number(e)).ToArray() : [Number(value)];
    }

    private static string[] Strings(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => e.GetString()!).ToArray() : [value.GetString()!];
    }

    private static void AllClose(double[] expected, JsonArray rows, string field, string quantity)
    {
        Assert.True(expected.Length == rows.Count, $"{quantity}: R has {expected.Length} values, results.json {rows.Count}");
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], rows[i]![field], $"{quantity}[{i}]");
        }
    }

    /// <summary>
    /// p-values of a mixed model: lmerTest's Satterthwaite df come from a numerical Hessian (numDeriv) of the REML
    /// deviance, good to about 1e-7 relative, and at df ≈ 16 a p-value moves about ten times as much as its df
    /// (log(baseline): df agrees to 1e-7, p to 1.4e-6). So 5e-6 relative here; every estimate, SE, df, t, F stays at 1e-6.
    /// </summary>
    private const double MixedPValueTolerance = 5e-6;

    /// <summary>
    /// p-values of an iterative fit: at <see cref="MixedPValueTolerance"/>, except those below 1e-10, compared on the log scale (1e-6 relative
    /// in log p), as Nxp2JdmAnalysesAgainstRTests does: the t of a p of 5e-22 agrees to 1e-8, and the tail of the t
    /// distribution turns that into 1.5e-6 in p itself.
    /// </summary>
    private static void PValuesClose(double[] expected, JsonArray rows, string quantity)
    {
        Assert.True(expected.Length == rows.Count, $"{quantity}: R has {expected.Length} values, results.json {rows.Count}");
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = (double)rows[i]!["pValue"]!;
            if (expected[i] >= 1e-10)
            {
                Assert.True(Math.Abs(actual - expected[i]) <= MixedPValueTolerance * expected[i],
                    string.Create(CultureInfo.InvariantCulture, $"{quantity}[{i}]: expected {expected[i]:R}, got {actual:R} (relative tolerance {MixedPValueTolerance})"));
                continue;
            }

            Assert.True(Math.Abs(Math.Log(actual) - Math.Log(expected[i])) <= Tolerance * Math.Abs(Math.Log(expected[i])),
                string.Create(CultureInfo.InvariantCulture, $"{quantity}[{i}]: expected {expected[i]:R}, got {actual:R} (1e-6 relative in log p)"));
        }
    }

    /// <summary>Relative difference at most 1e-6 (absolute 1e-300 for an exact zero); a missing R value (NA) must be null in results.json.</summary>
    private static void Close(double expected, JsonNode? actualNode, string quantity)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(actualNode is null, $"{quantity}: R has NA, results.json {actualNode?.ToJsonString()}");
            return;
        }

        Assert.True(actualNode is not null, $"{quantity}: R has {expected.ToString("R", CultureInfo.InvariantCulture)}, results.json null");
        double actual = (double)actualNode;
        double allowed = expected == 0 ? 1e-300 : Tolerance * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= allowed,
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative tolerance {Tolerance})"));
    }
}
