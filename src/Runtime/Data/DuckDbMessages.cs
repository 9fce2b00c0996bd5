using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The text of the problems only a Parquet, DuckDB or server source has, or words differently from a CSV header
/// (<see cref="DataMessages"/> has the rest; a PostgreSQL source's connection problems are <c>Engines.PostgresMessages</c>).
/// Each names the source, as the problem's file does not say what kind it is.
/// </summary>
internal static class DuckDbMessages
{
    private const int MaxNames = 20;

    public static string NotADataFile(TableSchema table) =>
        $"'{table.Source}' of table '{table.Name}' is not {Kind(table)} (its first bytes are not {Kind(table)}'s signature)";

    public static string Unreadable(TableSchema table, string reason) =>
        $"{Kind(table)} '{table.Source}' of table '{table.Name}' could not be read by DuckDB: {FirstLine(reason)}";

    public static string UnknownTable(TableSchema table, IReadOnlyList<string> tables)
    {
        var message = $"the DuckDB database '{table.Source}' has no table '{ValueExcerpt.Of(table.SourceTable ?? string.Empty)}' for table '{table.Name}' ({(tables.Count == 0 ? "it has no tables" : "tables: " + Names(tables))})";
        return NearestName.Find(table.SourceTable ?? string.Empty, tables) is { } near ? $"{message}; did you mean '{ValueExcerpt.Of(near)}'?" : message;
    }

    public static string MissingColumn(TableSchema table, ColumnSchema column, IReadOnlyList<string> columns)
    {
        var message = $"column '{column.Name}' is declared but {Source(table)} has no such column ({Names(columns)})";
        return NearestName.Find(column.Name, columns) is { } near
            ? $"{message}; did you mean '{ValueExcerpt.Of(near)}'? (column names are case-sensitive)"
            : message;
    }

    public static string IncompatibleType(TableSchema table, ColumnSchema column, string type, string accepted) =>
        $"column '{column.Name}' is declared {column.Kind.ToString().ToLowerInvariant()} but is {(table.SourceKind is DataSourceKind.Postgres or DataSourceKind.ClickHouse ? type : type.ToUpperInvariant())} in {Source(table)}; expected {accepted}";

    public static string UndeclaredColumn(string name, int field) =>
        string.Create(CultureInfo.InvariantCulture, $"column '{ValueExcerpt.Of(name)}' (column {field} of the source) is not declared in the study and is ignored");

    public static string NoRows(TableSchema table) => $"{Source(table)} has no rows for table '{table.Name}'";

    private static string Kind(TableSchema table) => table.SourceKind == DataSourceKind.Parquet ? "a Parquet file" : "a DuckDB database";

    private static string Source(TableSchema table) => table.SourceKind switch
    {
        DataSourceKind.Parquet => $"the Parquet file '{table.Source}'",
        DataSourceKind.Postgres or DataSourceKind.ClickHouse => table.SourceLabel,
        _ => $"table '{ValueExcerpt.Of(table.SourceTable ?? string.Empty)}' of the DuckDB database '{table.Source}'",
    };

    private static string Names(IReadOnlyList<string> names) => names.Count <= MaxNames
        ? string.Join(", ", names.Select(ValueExcerpt.Of))
        : string.Join(", ", names.Take(MaxNames).Select(ValueExcerpt.Of)) + string.Create(CultureInfo.InvariantCulture, $", ... ({names.Count})");

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', System.StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
