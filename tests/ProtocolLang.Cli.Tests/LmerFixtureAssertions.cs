using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Compares a mixed model in results.json with an lmerTest fit stored by an R reference script (coefficients with
/// Satterthwaite df, type III tests, REML criterion, sigma, theta) at a relative tolerance; and reads the fixture's numbers,
/// which R writes as a plain number for a vector of length 1.
/// </summary>
internal static class LmerFixtureAssertions
{
    public static void AssertFitEqualsR(JsonElement r, JsonNode analysis, string id, double tolerance)
    {
        JsonNode mixed = analysis["mixed"]!;
        Assert.Equal(((int)Number(r, "n_obs"), (int)Number(r, "n_subjects")), ((int)mixed["observations"]!, (int)mixed["subjects"]!));

        if (r.TryGetProperty("week_levels", out _))
        {
            Assert.Equal(Numbers(r, "week_levels"), mixed["timeLevels"]!.AsArray().Select(t => (double)t!));
        }

        JsonElement co = r.GetProperty("coefficients");
        JsonArray fixedEffects = mixed["fixedEffects"]!.AsArray();
        Assert.Equal(Strings(co, "names"), fixedEffects.Select(f => (string)f!["term"]!));
        AllClose(Numbers(co, "estimate"), fixedEffects, "estimate", id + " estimate", tolerance);
        AllClose(Numbers(co, "se"), fixedEffects, "standardError", id + " se", tolerance);
        AllClose(Numbers(co, "df"), fixedEffects, "degreesOfFreedom", id + " df", tolerance);
        AllClose(Numbers(co, "t"), fixedEffects, "t", id + " t", tolerance);
        AllPClose(Numbers(co, "p"), fixedEffects, id + " p", tolerance);

        AssertTermTestsEqualR(r.GetProperty("anova"), mixed["typeIII"]!.AsArray(), id, tolerance);

        JsonNode fit = mixed["fit"]!;
        Close(Number(r, "criterion"), fit["criterion"], id + " REML criterion", tolerance);
        Close(Number(r, "sigma"), fit["sigma"], id + " sigma", tolerance);
        Close(Numbers(r, "theta")[0], fit["theta"]![0], id + " theta", tolerance);
    }

    /// <summary>
    /// An F-test table (lmerTest's anova: terms, NumDF, DenDF, F, p) against results.json's rows, term by term. With
    /// <paramref name="fFloor"/> an F below it is compared on that scale: F ∝ (Lβ)², so for a near-null term the
    /// optimiser's absolute error in β (both fits stop at the θ the criterion's rounding allows) is a large relative one.
    /// </summary>
    public static void AssertTermTestsEqualR(JsonElement aov, JsonArray rows, string id, double tolerance, double fFloor = 0)
    {
        Assert.Equal(Strings(aov, "terms"), rows.Select(t => (string)t!["term"]!));
        AllClose(Numbers(aov, "num_df"), rows, "numeratorDf", id + " num df", tolerance);
        AllClose(Numbers(aov, "den_df"), rows, "denominatorDf", id + " den df", tolerance);
        double[] f = Numbers(aov, "f");
        for (int i = 0; i < f.Length; i++)
        {
            double actual = (double)rows[i]!["f"]!;
            Assert.True(Math.Abs(actual - f[i]) <= tolerance * Math.Max(Math.Abs(f[i]), fFloor),
                string.Create(CultureInfo.InvariantCulture, $"{id} F[{i}]: expected {f[i]:R}, got {actual:R} (relative tolerance {tolerance}, floor {fFloor})"));
        }

        AllPClose(Numbers(aov, "p"), rows, id + " anova p", tolerance);
    }

    public static double Number(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value[0].GetDouble() : value.GetDouble();
    }

    public static double[] Numbers(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [value.GetDouble()];
    }

    public static string[] Strings(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => e.GetString()!).ToArray() : [value.GetString()!];
    }

    private static void AllClose(double[] expected, JsonArray rows, string field, string quantity, double tolerance)
    {
        Assert.True(expected.Length == rows.Count, $"{quantity}: R has {expected.Length} values, results.json {rows.Count}");
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], rows[i]![field], $"{quantity}[{i}]", tolerance);
        }
    }

    /// <summary>
    /// p-values as Examples.Tests' RReference.P: relative on the p scale, on the log scale below 1e-10 (an intercept's
    /// p of 1e-105 moves by 1e-6 relative when t = 43 moves by 1e-9: the p scale amplifies agreement in t).
    /// </summary>
    private static void AllPClose(double[] expected, JsonArray rows, string quantity, double tolerance)
    {
        Assert.True(expected.Length == rows.Count, $"{quantity}: R has {expected.Length} values, results.json {rows.Count}");
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = (double)rows[i]!["pValue"]!;
            if (expected[i] < 1e-10)
            {
                Close(Math.Log(expected[i]), Math.Log(actual), $"log {quantity}[{i}]", tolerance);
            }
            else
            {
                Close(expected[i], actual, $"{quantity}[{i}]", tolerance);
            }
        }
    }

    private static void Close(double expected, double actual, string quantity, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative tolerance {tolerance})"));

    private static void Close(double expected, JsonNode? actualNode, string quantity, double tolerance)
    {
        Assert.True(actualNode is not null, $"{quantity}: R has {expected.ToString("R", CultureInfo.InvariantCulture)}, results.json null");
        double actual = (double)actualNode;
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative tolerance {tolerance})"));
    }
}
