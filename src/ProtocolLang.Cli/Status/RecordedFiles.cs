using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Status;

/// <summary>A file whose SHA-256 a results.json records: the study file, or a data file by its path relative to the study folder.</summary>
internal sealed record RecordedFile(string Path, bool IsStudy, string Sha256)
{
    public string Label => IsStudy ? "study file " + Path : Path;
}

/// <summary>The study and data files a results.json was computed from, with their recorded SHA-256.</summary>
internal sealed record RecordedFiles(RecordedFile Study, IReadOnlyList<RecordedFile> Data)
{
    /// <summary>Tables read from database servers (results.json's <c>dataSources</c>): they have no hash to check.</summary>
    public int ServerTables { get; init; }

    public IEnumerable<RecordedFile> All
    {
        get
        {
            yield return Study;
            foreach (var file in Data)
            {
                yield return file;
            }
        }
    }

    /// <summary>
    /// Reads <c>study.file</c>, <c>study.sha256</c> and <c>dataFiles[].path/sha256</c> only, so any
    /// results.json version that has them can be checked.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON or lacks one of those fields.</exception>
    public static RecordedFiles Read(JsonNode results)
    {
        var study = new RecordedFile(Required(results["study"]?["file"], "study.file"), true, Required(results["study"]?["sha256"], "study.sha256"));
        var data = new List<RecordedFile>();
        var files = results["dataFiles"] as JsonArray ?? throw new JsonException("results.json has no dataFiles list.");
        for (var i = 0; i < files.Count; i++)
        {
            data.Add(new RecordedFile(Required(files[i]?["path"], $"dataFiles[{i}].path"), false, Required(files[i]?["sha256"], $"dataFiles[{i}].sha256")));
        }

        return new RecordedFiles(study, data) { ServerTables = (results["dataSources"] as JsonArray)?.Count ?? 0 };
    }

    public static RecordedFiles From(Runtime.StudyResults results) => new(
        new RecordedFile(results.Study.File, true, results.Study.Sha256),
        results.DataFiles.Select(f => new RecordedFile(f.Path, false, f.Sha256)).ToArray())
    {
        ServerTables = results.DataSources?.Count ?? 0,
    };

    private static string Required(JsonNode? node, string name) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new JsonException("results.json has no " + name + ".");
}
