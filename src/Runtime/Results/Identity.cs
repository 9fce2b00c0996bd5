using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>The program that produced the results.</summary>
public sealed record ToolInfo(string Name, string Version);

/// <summary>The protocol: its name, title, version, file name and the SHA-256 of its text.</summary>
public sealed record StudyIdentity(string Name, string? Title, string? Version, string File, string Sha256);

/// <summary>One data file: its table, path relative to the study folder, SHA-256 and data rows read.</summary>
public sealed record DataFileResult(string Table, string Path, string Sha256, int RowsRead);

/// <summary>
/// One table read from a database server: engine, connection name (never its settings), table, rows read, the query and
/// when it ran (UTC, ISO 8601). The one time in results.json: a server's rows can change between runs, so a reader must
/// see when they were read.
/// </summary>
public sealed record DataSourceResult(string Table, string Engine, string Connection, string SourceTable, int RowsRead, string Query, string ReadAt)
{
    /// <summary><c>compute in engine</c>: the rows stayed in the engine and only sufficient statistics came back; null otherwise.</summary>
    public bool? ComputedInEngine { get; init; }

    /// <summary>With <see cref="ComputedInEngine"/>: every pushed-down query, in the order run, with its time; null otherwise.</summary>
    public IReadOnlyList<EngineQueryResult>? Queries { get; init; }

    /// <summary>With <see cref="ComputedInEngine"/>: the unit of each query's <see cref="EngineQueryResult.Received"/>, "bytes"
    /// (ClickHouse: the HTTP bodies as they arrived) or "values" (rows × columns; an ADO.NET driver does not expose its wire bytes).</summary>
    public string? ReceivedUnit { get; init; }
}

/// <summary>
/// One pushed-down query: its text (values are bound parameters, never in it), the milliseconds until its last row was
/// read and what came back, in the data source's <see cref="DataSourceResult.ReceivedUnit"/>.
/// </summary>
public sealed record EngineQueryResult(string Text, double Milliseconds, long Received);

/// <summary>Data problems found while loading: the total and the first ones listed.</summary>
public sealed record ProblemsResult(int Count, IReadOnlyList<ProblemResult> Listed);

/// <summary>One data problem at a 1-based data row (header not counted) of a file.</summary>
public sealed record ProblemResult(string Code, string File, int Row, string? Column, string Message);

/// <summary>A report output asked for: its format, file name and whether it was written.</summary>
/// <param name="Status">"ok" or "not_implemented".</param>
public sealed record ReportOutput(string Format, string? File, string Status);

/// <summary>A compiler warning on the <c>.study</c> file (PL1xxx/PL2xxx), at a one-based line and column.</summary>
public sealed record StudyWarningResult(string Code, string File, int Line, int Column, string Message);
