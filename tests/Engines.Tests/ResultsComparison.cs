using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolLang.Engines.Tests;

/// <summary>Compares results.json sections of two runs: equal structure and text, numbers within 1e-9 relative.</summary>
internal static class ResultsComparison
{
    public const double Tolerance = 1e-9;

    public static void AssertSame(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} expected, {actual.ValueKind} found");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.Equal(names, actual.EnumerateObject().Select(p => p.Name).ToArray());
                foreach (var name in names)
                {
                    AssertSame(expected.GetProperty(name), actual.GetProperty(name), path + "." + name);
                }

                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: {expected.GetArrayLength()} items expected, {actual.GetArrayLength()} found");
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSame(expected[i], actual[i], FormattableString.Invariant($"{path}[{i}]"));
                }

                break;
            case JsonValueKind.Number:
                var e = expected.GetDouble();
                var a = actual.GetDouble();
                Assert.True(Math.Abs(e - a) <= Tolerance * Math.Max(Math.Abs(e), Math.Abs(a)), FormattableString.Invariant($"{path}: {e:R} expected, {a:R} found"));
                break;
            default:
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: {expected.GetRawText()} expected, {actual.GetRawText()} found");
                break;
        }
    }

    /// <summary>The flow without its "source" members (each table's source, which differs between the runs on purpose).</summary>
    public static JsonElement WithoutSources(JsonElement flow)
    {
        var node = JsonNode.Parse(flow.GetRawText())!;
        var removed = Strip(node);
        Assert.True(removed > 0, "the flow names no source: the comparison would ignore nothing");
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    private static int Strip(JsonNode? node) => node switch
    {
        JsonObject o => (o.Remove("source") ? 1 : 0) + o.Select(p => p.Value).ToList().Sum(Strip),
        JsonArray a => a.Sum(Strip),
        _ => 0,
    };
}
