using System;
using System.IO;
using System.Text.Json;
using ProtocolLang.Cli.Diff;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Cli.Status;

/// <summary>
/// Remembers which files the report a run is about to replace was computed from: at the run's
/// <see cref="StudyProgressStage.Rendering"/> report (nothing written yet) it reads the output folder's
/// results.json, if any. A file that is not valid results is ignored: there is nothing to compare.
/// </summary>
internal sealed class ReplacedReport : IProgress<StudyProgress>
{
    public RecordedFiles? Previous { get; private set; }

    public void Report(StudyProgress value)
    {
        if (value.Stage != StudyProgressStage.Rendering || value.OutputDirectory is null)
        {
            return;
        }

        var file = Path.Combine(value.OutputDirectory, ResultsFiles.FileName);
        try
        {
            Previous = File.Exists(file) ? RecordedFiles.Read(ResultsFiles.Read(file)) : null;
        }
        catch (JsonException)
        {
            Previous = null;
        }
    }

    /// <summary>"Note: replaced a report computed from other inputs: ..." when the new results record other hashes; else null.</summary>
    public string? Notice(Runtime.StudyResults current) =>
        Previous is null ? null : StatusWriter.ReplacedNotice(Staleness.Compare(Previous, RecordedFiles.From(current)));
}
