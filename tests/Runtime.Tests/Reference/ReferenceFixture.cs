using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ProtocolLang.Runtime.Tests.Reference;

/// <summary>
/// One R reference fixture, <c>Reference/NAME.expected.json</c>, written by
/// <c>tests/Reference/r/NAME.R</c>: the inputs of each case and R's results for them.
/// Numbers are decimal with 17 significant digits; non-finite values are the strings
/// "NA", "NaN", "Inf" and "-Inf"; a vector of length 1 may appear as a plain number.
/// </summary>
internal sealed class ReferenceFixture
{
    private readonly Dictionary<string, JsonElement> cases;

    private ReferenceFixture(string name, JsonDocument document)
    {
        Name = name;
        RVersion = document.RootElement.GetProperty("r_version").GetString() ?? "";
        cases = document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string RVersion { get; }

    public IEnumerable<string> CaseNames => cases.Keys;

    public static ReferenceFixture Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", name + ".expected.json");
        return new ReferenceFixture(name, JsonDocument.Parse(File.ReadAllText(path)));
    }

    /// <summary>Case names of a fixture, as xunit member data.</summary>
    public static TheoryData<string> CaseNamesOf(string name)
    {
        var data = new TheoryData<string>();
        foreach (string caseName in Load(name).CaseNames)
        {
            data.Add(caseName);
        }

        return data;
    }

    public JsonElement Case(string caseName) => cases[caseName];

    public static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NA" or "NaN" => double.NaN,
            "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },
        _ => throw new InvalidDataException($"expected a number, found {element.ValueKind}"),
    };

    public static double Number(JsonElement element, string property) => Number(element.GetProperty(property));

    public static double[] Numbers(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().Select(Number).ToArray()
        : [Number(element)];

    public static double[] Numbers(JsonElement element, string property) => Numbers(element.GetProperty(property));

    public static int[] Integers(JsonElement element, string property) =>
        Numbers(element, property).Select(v => checked((int)v)).ToArray();

    /// <summary>
    /// Asserts |actual - expected| &lt;= relativeTolerance * |expected|; when expected is 0 the
    /// tolerance is absolute. NaN matches only NaN and an infinity only the same infinity.
    /// </summary>
    public static void AssertClose(double expected, double actual, double relativeTolerance, string quantity)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(actual), $"{quantity}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }

        double allowed = expected == 0 ? relativeTolerance : relativeTolerance * Math.Abs(expected);
        double error = Math.Abs(actual - expected);
        Assert.True(
            error <= allowed,
            $"{quantity}: expected {Show(expected)}, got {Show(actual)} (relative error {Show(error / Math.Abs(expected))}, tolerance {Show(relativeTolerance)})");
    }

    /// <summary>
    /// Like <see cref="AssertClose"/>, but p-values below 1e-10 are compared on the log scale,
    /// where the relative tolerance applies to log(p).
    /// </summary>
    public static void AssertPValue(double expected, double actual, double relativeTolerance, string quantity)
    {
        if (expected > 0 && expected < 1e-10)
        {
            Assert.True(actual > 0, $"{quantity}: expected {Show(expected)}, got {Show(actual)}");
            AssertClose(Math.Log(expected), Math.Log(actual), relativeTolerance, "log " + quantity);
            return;
        }

        AssertClose(expected, actual, relativeTolerance, quantity);
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
