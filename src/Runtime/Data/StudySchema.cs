using System.Collections.Generic;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The declared shape of a study's data, built by generated code from the <c>.study</c> file.
/// <see cref="Tables"/>[0] is the subject table.
/// </summary>
/// <param name="StudyFileName">The <c>.study</c> file name (no directory), for messages and hashes.</param>
/// <param name="StudySha256">SHA-256 (lower-case hex) of the <c>.study</c> text the code was generated from.</param>
public sealed record StudySchema(
    string Name,
    string? Title,
    string? Version,
    string StudyFileName,
    string StudySha256,
    IReadOnlyList<TableSchema> Tables)
{
    /// <summary><c>groups on_overlap</c>: whether a subject in more than one group fails the run (the default) or is excluded and counted.</summary>
    public DataPolicy OnOverlap { get; init; } = DataPolicy.Fail;

    /// <summary>The compiler's warnings on the <c>.study</c> file, in source order.</summary>
    public IReadOnlyList<StudyDiagnostic> Warnings { get; init; } = [];
}

/// <summary>One table: where its rows live and its typed columns.</summary>
/// <param name="Source">The file path in the <c>from</c> clause, relative to the <c>.study</c> file's folder.</param>
/// <param name="Key">The unique key column, if any.</param>
/// <param name="Parent">For a one-to-many child table (<c>of subjects by id</c>): the parent table.</param>
/// <param name="LinkColumn">The column of this table whose values must exist in the parent's key.</param>
public sealed record TableSchema(
    string Name,
    string Source,
    string? Key,
    string? Parent,
    string? LinkColumn,
    IReadOnlyList<ColumnSchema> Columns)
{
    /// <summary><c>on_invalid</c>: whether an invalid row fails the run (the default) or is excluded and counted by reason.</summary>
    public DataPolicy OnInvalid { get; init; } = DataPolicy.Fail;

    /// <summary>What <see cref="Source"/> is: a CSV file (the default), a Parquet file or a DuckDB database file.</summary>
    public DataSourceKind SourceKind { get; init; } = DataSourceKind.Csv;

    /// <summary>For <see cref="DataSourceKind.DuckDb"/>, <see cref="DataSourceKind.Postgres"/> and <see cref="DataSourceKind.ClickHouse"/>:
    /// the table in the database, optionally qualified (<c>main.subjects</c>, <c>public.subjects</c>, <c>protocollang.subjects</c>).</summary>
    public string? SourceTable { get; init; }

    /// <summary>
    /// The source as problems, the flow and reports name it: the path of a file; for a server table the <c>from</c> clause as
    /// written (<c>postgres "hospital" table "public.subjects"</c>), which holds the connection's name and never its settings.
    /// </summary>
    public string SourceLabel => SourceKind switch
    {
        DataSourceKind.Postgres => $"postgres \"{Source}\" table \"{SourceTable}\"",
        DataSourceKind.ClickHouse => $"clickhouse \"{Source}\" table \"{SourceTable}\"",
        _ => Source,
    };
}

/// <summary>Where a table's rows live (<c>from "x.csv"</c>, <c>from parquet "x.parquet"</c>, <c>from duckdb "x.duckdb" table "t"</c>,
/// <c>from postgres "CONNECTION" table "t"</c>, <c>from clickhouse "CONNECTION" table "t"</c>).</summary>
public enum DataSourceKind
{
    /// <summary>A CSV file, read in memory (<see cref="TableLoader"/>).</summary>
    Csv,

    /// <summary>A Parquet file, read through embedded DuckDB.</summary>
    Parquet,

    /// <summary>A table of a DuckDB database file, opened read-only.</summary>
    DuckDb,

    /// <summary>A table or view of a PostgreSQL server; <see cref="TableSchema.Source"/> is the connection's name (see <c>ConnectionResolver</c>).</summary>
    Postgres,

    /// <summary>A table of a ClickHouse server, read over its HTTP interface; <see cref="TableSchema.Source"/> is the connection's name.</summary>
    ClickHouse,
}

public enum ColumnKind
{
    Number,
    Integer,
    Text,
    Bool,
    Category,
    Date,
}

/// <summary>One declared column. <see cref="Min"/>/<see cref="Max"/> are inclusive bounds.</summary>
/// <param name="Levels">A category's levels as the file holds them.</param>
/// <param name="LevelLabels">A category's level labels (same order as <paramref name="Levels"/>), when any level has one:
/// only for messages, so a file holding a label instead of its code is told which code to write.</param>
public sealed record ColumnSchema(
    string Name,
    ColumnKind Kind,
    IReadOnlyList<string>? Levels = null,
    string? Unit = null,
    double? Min = null,
    double? Max = null,
    bool Optional = false,
    string? Label = null,
    IReadOnlyList<string>? LevelLabels = null);
