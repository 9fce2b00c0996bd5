using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>Finds and reads a <c>results.json</c>: the file itself, or a report folder that holds one.</summary>
internal static class ResultsFiles
{
    public const string FileName = "results.json";

    public static string? Locate(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var inFolder = Path.Combine(path, FileName);
        return Directory.Exists(path) && File.Exists(inFolder) ? inFolder : null;
    }

    public static JsonNode Read(string file) =>
        JsonNode.Parse(File.ReadAllText(file)) ?? throw new JsonException(file + " holds null.");
}
