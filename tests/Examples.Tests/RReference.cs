using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// Reading R fixtures (jsonlite output: numbers, or "NA"/"NaN"/"Inf" strings) and comparing our numbers
/// with R's: 1e-6 relative; absolute 1e-6 only where R's value is 0; p-values below 1e-10 on the log
/// scale, as the first example's R tests do.
/// </summary>
internal static class RReference
{
    public const double Tolerance = 1e-6;

    public static double Parse(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() switch
        {
            "NA" or "NaN" => double.NaN,
            "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },

        // Our results.json writes a value that does not exist (R's NA, e.g. a median not reached) as null.
        JsonValueKind.Null => double.NaN,
        _ => e.GetDouble(),
    };

    public static double Number(JsonElement element, string property) => Parse(element.GetProperty(property));

    public static double[] Numbers(JsonElement element, string property)
    {
        JsonElement e = element.GetProperty(property);
        return e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(Parse).ToArray() : new[] { Parse(e) };
    }

    public static string[] Strings(JsonElement element, string property)
    {
        JsonElement e = element.GetProperty(property);
        string Text(JsonElement x) => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText();
        return e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(Text).ToArray() : new[] { Text(e) };
    }

    /// <summary>p-values: relative on the p scale, or on the log scale below 1e-10.</summary>
    public static void P(double expected, double actual, string quantity)
    {
        if (expected < 1e-10)
        {
            Close(Math.Log(expected), Math.Log(actual), "log " + quantity);
        }
        else
        {
            Close(expected, actual, quantity);
        }
    }

    /// <summary>1e-6 relative; absolute 1e-6 where R's value is 0; R's NA must be NaN here.</summary>
    public static void Close(double expected, double actual, string quantity)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected NA, got {actual:R}"));
            return;
        }

        double bound = expected == 0 ? Tolerance : Tolerance * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= bound,
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R}"));
    }
}
