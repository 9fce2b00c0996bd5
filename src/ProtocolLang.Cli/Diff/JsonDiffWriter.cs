using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProtocolLang.Cli.Diff;

/// <summary>
/// Writes the diff as JSON (shape documented in docs/reports.md, "protocollang diff"): the report's records with camelCase
/// names, estimates as the report prints them (rounded text, not numbers), absent values as null.
/// </summary>
internal static class JsonDiffWriter
{
    /// <summary>Raised when the shape changes incompatibly.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private sealed record Document(string Format, int Version, ResultsDiffReport Diff);

    public static void Write(TextWriter w, ResultsDiffReport report)
    {
        w.Write(JsonSerializer.Serialize(new Document("protocollang-diff", FormatVersion, report), Options));
        w.Write("\n");
    }
}
