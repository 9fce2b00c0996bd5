namespace ProtocolLang.Diagnostics;

/// <summary>PL2290-PL2299: a table's data source (<c>from parquet</c>, <c>from duckdb</c>). Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor UnknownSourceKind { get; } = Error("PL2290", "Unknown data source kind",
        "unknown data source kind '{0}'; expected a CSV path string, or parquet \"path\" or duckdb \"path\" table \"name\"{1}", Binding);

    public static DiagnosticDescriptor SourceKindNotSupported { get; } = Error("PL2291", "Data source kind not supported yet",
        "'{0}' sources are not supported yet; use a CSV path, parquet \"path\" or duckdb \"path\" table \"name\"", Binding);

    public static DiagnosticDescriptor SourceTableMissing { get; } = Error("PL2292", "DuckDB source without a table",
        "table '{0}' reads the DuckDB database '{1}' but does not say which of its tables; write duckdb \"{1}\" table \"NAME\"", Binding);

    public static DiagnosticDescriptor SourceTableNotAllowed { get; } = Error("PL2293", "Source table for a file source",
        "table '{0}' reads {1} file, which holds one table: 'table \"...\"' only follows a duckdb database", Binding);

    public static DiagnosticDescriptor InvalidSourceTableName { get; } = Error("PL2294", "Invalid source table name",
        "'{0}' is not a table name; expected \"name\" or \"schema.name\"", Binding);
}
