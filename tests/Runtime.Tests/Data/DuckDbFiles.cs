using System.IO;
using DuckDB.NET.Data;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>Writes test inputs with DuckDB itself: CSV text to Parquet, or into tables of a DuckDB database file.</summary>
internal static class DuckDbFiles
{
    /// <summary>The CSV file at <paramref name="csv"/> as a Parquet file at <paramref name="parquet"/> (types as DuckDB detects them).</summary>
    public static void CsvToParquet(string csv, string parquet)
    {
        // COPY ... TO takes no parameter for its target; the path is a test's own temporary file.
        Execute($"COPY (SELECT * FROM read_csv(?, header = true)) TO {Literal(parquet)} (FORMAT parquet)", csv);
    }

    /// <summary>Creates the database <paramref name="database"/> with one table per (name, CSV file); a name may be <c>schema.table</c>.</summary>
    public static void CsvToDatabase(string database, params (string Table, string Csv)[] tables)
    {
        using var connection = new DuckDBConnection("DataSource=" + database);
        connection.Open();
        foreach (var (table, csv) in tables)
        {
            var parts = table.Split('.');
            if (parts.Length == 2)
            {
                Run(connection, $"CREATE SCHEMA IF NOT EXISTS {Quote(parts[0])}");
            }

            var name = parts.Length == 2 ? Quote(parts[0]) + "." + Quote(parts[1]) : Quote(table);
            Run(connection, $"CREATE TABLE {name} AS SELECT * FROM read_csv(?, header = true)", csv);
        }
    }

    public static void Execute(string sql, params object[] parameters)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Run(connection, sql, parameters);
    }

    private static void Run(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter));
        }

        command.ExecuteNonQuery();
    }

    private static string Literal(string path) => "'" + Path.GetFullPath(path).Replace("'", "''", System.StringComparison.Ordinal) + "'";

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";
}
