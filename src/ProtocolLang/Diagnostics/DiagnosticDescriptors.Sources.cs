namespace ProtocolLang.Diagnostics;

/// <summary>PL2290-PL2299: a table's data source (<c>from parquet</c>, <c>from duckdb</c>, <c>from postgres</c>, <c>from clickhouse</c>).
/// Each is documented in docs/diagnostics.md; PL2291 (clickhouse not supported yet) is retired.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor UnknownSourceKind { get; } = Error("PL2290", "Unknown data source kind",
        "unknown data source kind '{0}'; expected a CSV path string, or parquet \"path\", duckdb \"path\" table \"name\", postgres \"CONNECTION\" table \"name\" or clickhouse \"CONNECTION\" table \"name\"{1}", Binding);

    public static DiagnosticDescriptor SourceTableMissing { get; } = Error("PL2292", "Database source without a table",
        "table '{0}' reads {1} but does not say which of its tables; write {2} table \"NAME\"", Binding);

    public static DiagnosticDescriptor SourceTableNotAllowed { get; } = Error("PL2293", "Source table for a file source",
        "table '{0}' reads {1} file, which holds one table: 'table \"...\"' only follows a duckdb database or a postgres or clickhouse connection", Binding);

    public static DiagnosticDescriptor InvalidSourceTableName { get; } = Error("PL2294", "Invalid source table name",
        "'{0}' is not a table name; expected \"name\" or \"schema.name\" (\"database.name\" for clickhouse)", Binding);

    // The text is not quoted: it may hold a password, and diagnostics reach build logs.
    public static DiagnosticDescriptor ConnectionStringInStudy { get; } = Error("PL2295", "Connection string in a .study file",
        "the connection of table '{0}' looks like a connection string (it contains {1}); a .study file names a connection and never holds its settings: write {2} \"NAME\" and put the connection string in the environment variable PROTOCOLLANG_CONNECTION_NAME or in protocollang.connections.json beside the .study file", Binding);

    public static DiagnosticDescriptor InvalidConnectionName { get; } = Error("PL2296", "Invalid connection name",
        "'{0}' is not a connection name; expected a letter, then letters, digits, '_', '-' or '.' (e.g. \"hospital\")", Binding);
}
