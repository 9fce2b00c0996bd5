using System.Collections.Generic;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime;

/// <summary>
/// Everything a study run produced, as written to <c>results.json</c> (schema version
/// <see cref="CurrentSchemaVersion"/>). Properties are written in declaration order, camelCase;
/// a property that does not apply is left out; a number that is undefined (NaN) is null.
/// No timestamps, absolute paths or machine names: the same protocol and data give the same bytes (a table read
/// from a database server is the one exception: <see cref="DataSources"/> says when its query ran).
/// </summary>
public sealed record StudyResults(
    string SchemaVersion,
    ToolInfo Tool,
    StudyIdentity Study,
    IReadOnlyList<DataFileResult> DataFiles,
    ProblemsResult Problems,
    FlowResult Flow,
    IReadOnlyList<AnalysisResult> Analyses,
    IReadOnlyList<ReportOutput> Reports)
{
    public const string CurrentSchemaVersion = "1";

    /// <summary>Tables read from database servers (<c>from postgres</c>); absent when every table is a file.</summary>
    public IReadOnlyList<DataSourceResult>? DataSources { get; init; }

    /// <summary>Figure data that no analysis holds (box statistics, per-visit means); absent when there is none.</summary>
    public IReadOnlyList<FigureResult>? Figures { get; init; }

    /// <summary>
    /// The compiler's warnings on the <c>.study</c> file (e.g. PL2038, groups may overlap), in source order; absent
    /// when there are none (results written before this property existed have none). Data warnings are in <see cref="Problems"/>.
    /// </summary>
    public IReadOnlyList<StudyWarningResult>? Warnings { get; init; }

    /// <summary>
    /// For the console only (not in results.json): where each engine-backed table's rows went, e.g. that a Parquet or
    /// PostgreSQL table was read into memory and that <c>compute in engine</c> keeps it there; null when there is nothing to say.
    /// </summary>
    internal IReadOnlyList<string>? SourceNotes { get; init; }
}
