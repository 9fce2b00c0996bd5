using System;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProtocolLang.Runtime.Results;

/// <summary>Reads and writes <c>results.json</c>: UTF-8, LF line ends, two-space indents, a final newline.</summary>
public static class ResultsJson
{
    private static readonly ResultsJsonContext Context = new(new JsonSerializerOptions(ResultsJsonContext.Default.Options)
    {
        // Labels such as "TIF1γ+ JDM" stay readable; the file is never embedded in HTML unescaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(StudyResults results) =>
        JsonSerializer.Serialize(results, Context.StudyResults) + "\n";

    public static StudyResults Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Context.StudyResults)
        ?? throw new JsonException("results.json holds null.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = new[] { typeof(RoundTripDoubleConverter) })]
[JsonSerializable(typeof(StudyResults))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Doubles as the shortest text that round-trips (as "R"); NaN (undefined) as null; infinities
/// (e.g. the upper limit of an odds ratio's CI) as the strings "Infinity" / "-Infinity".
/// </summary>
internal sealed class RoundTripDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => double.NaN,
            JsonTokenType.String when reader.ValueTextEquals("Infinity") => double.PositiveInfinity,
            JsonTokenType.String when reader.ValueTextEquals("-Infinity") => double.NegativeInfinity,
            JsonTokenType.Number => reader.GetDouble(),
            _ => throw new JsonException($"Expected a number, null or \"Infinity\"; found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsNaN(value))
        {
            writer.WriteNullValue();
        }
        else if (double.IsInfinity(value))
        {
            writer.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
