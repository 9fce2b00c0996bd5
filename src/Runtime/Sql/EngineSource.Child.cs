using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// A child table in its subject table's engine: the same DuckDB connection (a CSV or Parquet file beside the subject
/// table's, or a table of the same DuckDB file), the same PostgreSQL connection, the same ClickHouse server, so its rows
/// can be joined to the subjects in one query (<see cref="SqlChildRows"/>). Checked as a subject table is: the catalog
/// (missing column, type: PL4004, PL4051, an unknown ClickHouse table PL4050), the values (ranges, levels, missing,
/// non-finite: <see cref="EngineDataCheck.Values"/>, without a key of its own), and that every row's link names a
/// subject (PL4015, <see cref="SqlChildCheck"/>); every query is recorded with the run's others.
/// </summary>
internal sealed partial class EngineSource
{
    /// <summary>The child table's rows and their subjects, and the problems of the checks (empty: the child table may be analysed).</summary>
    /// <param name="path">For a file source: the child's resolved path (inside the study's allowed places).</param>
    /// <exception cref="ArgumentException">The child table's source is not in this engine (the study must keep a child table in its subject table's engine).</exception>
    public (SqlChildSource Rows, List<DataProblem> Problems) OpenChild(TableSchema subjects, TableSchema child, string? path)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(child);
        string link = child.LinkColumn ?? throw new ArgumentException($"Table '{child.Name}' is not a child table (it has no link column).", nameof(child));
        string key = subjects.Key ?? throw new ArgumentException($"Table '{subjects.Name}' has no key for its child tables to link to.", nameof(subjects));
        if (ChildRefusal(subjects, child) is { } refusal)
        {
            throw new ArgumentException($"Table '{child.Name}': {refusal}.", nameof(child));
        }

        Func<SqlRenderer, string> from;
        IReadOnlyList<(string Name, string Type)> columns;
        if (EngineName == "clickhouse")
        {
            var connection = ((ClickHouseSource)_connection).Connection;
            using var source = ClickHouseSource.Open(new ClickHouseHttp(connection), child.SourceTable!);
            columns = source.Columns();
            if (columns.Count == 0)
            {
                return (new SqlChildSource(_ => "", link, From, key),
                    [new DataProblem(DataProblemCodes.UnknownSourceTable, child.SourceLabel, 0, null, ClickHouseMessages.UnknownTable(child, source, source.TableNames()))]);
            }

            string name = ClickHouseSql.QualifiedName(source.Database, source.Table);
            from = _ => name;
        }
        else
        {
            from = ChildFrom(child, path);
            try
            {
                columns = ColumnsOf(from);
            }
            catch (DbException e) when (EngineName == "duckdb")
            {
                // As the subject table's (StudyRun.EngineCohort): DuckDB's own message (read_csv refuses a declared column the file lacks).
                return (new SqlChildSource(from, link, From, key),
                    [new DataProblem(DataProblemCodes.ServerError, child.SourceLabel, 0, null, $"table '{child.Name}': the engine could not read the source: {e.Message}")]);
            }
        }

        var rows = new SqlChildSource(from, link, From, key);
        List<DataProblem> problems = EngineDataCheck.Catalog(child, columns, EngineName);
        if (problems.Count == 0)
        {
            problems = EngineDataCheck.Values(Engine, child with { Key = null }, from);
        }

        if (problems.Count == 0)
        {
            problems = SqlChildCheck.UnknownParents(Engine, rows, child.Name, child.SourceLabel, subjects.Name);
        }

        return (rows, problems);
    }

    /// <summary>Why <paramref name="child"/> cannot be read in the subject table's engine (null: it can): the engine, and for a server the connection, must be the same.</summary>
    internal static string? ChildRefusal(TableSchema subjects, TableSchema child)
    {
        static bool DuckDbRun(DataSourceKind kind) => kind is DataSourceKind.Csv or DataSourceKind.Parquet or DataSourceKind.DuckDb;
        return (subjects.SourceKind, child.SourceKind) switch
        {
            (DataSourceKind.DuckDb, DataSourceKind.DuckDb) when !string.Equals(subjects.Source, child.Source, StringComparison.Ordinal) =>
                $"its DuckDB file '{child.Source}' is not the subject table's '{subjects.Source}'",
            var (s, c) when DuckDbRun(s) && (c is DataSourceKind.Csv or DataSourceKind.Parquet || (s == DataSourceKind.DuckDb && c == DataSourceKind.DuckDb)) => null,
            (DataSourceKind.Postgres, DataSourceKind.Postgres) or (DataSourceKind.ClickHouse, DataSourceKind.ClickHouse)
                when string.Equals(subjects.Source, child.Source, StringComparison.Ordinal) => null,
            (DataSourceKind.Postgres, DataSourceKind.Postgres) or (DataSourceKind.ClickHouse, DataSourceKind.ClickHouse) =>
                $"its connection '{child.Source}' is not the subject table's '{subjects.Source}'; an engine joins a child table to its subjects on one connection",
            _ => $"its source ({child.SourceKind}) is not in the subject table's engine ({subjects.SourceKind}); an engine joins a child table to its subjects in one query",
        };
    }

    /// <summary>The child's source in this DuckDB or PostgreSQL connection, as <see cref="Open"/> writes a subject table's.</summary>
    private static Func<SqlRenderer, string> ChildFrom(TableSchema child, string? path)
    {
        switch (child.SourceKind)
        {
            case DataSourceKind.Csv:
                return r => "read_csv(" + r.Dialect.Bind(path!, r.Parameters) + ", header = true, nullstr = ['', 'NA'], types = " + CsvTypes(child) + ")";
            case DataSourceKind.Parquet:
                return r => "read_parquet(" + r.Dialect.Bind(path!, r.Parameters) + ")";
            case DataSourceKind.DuckDb:
                var (schema, name) = DuckDbSource.SplitTableName(child.SourceTable!);
                return r => r.Dialect.QuoteIdentifier(schema) + "." + r.Dialect.QuoteIdentifier(name);
            default:
                var (pgSchema, pgName) = PostgresSource.SplitTableName(child.SourceTable!);
                return r => r.Dialect.QuoteIdentifier(pgSchema) + "." + r.Dialect.QuoteIdentifier(pgName);
        }
    }

    /// <summary>A DuckDB or PostgreSQL source's columns from the schema of an empty query, as <see cref="Columns"/> reads the subject table's.</summary>
    private IReadOnlyList<(string Name, string Type)> ColumnsOf(Func<SqlRenderer, string> from)
    {
        var renderer = new SqlRenderer(Engine.Dialect);
        using var command = SqlCommands.Create((DbConnection)_connection, "SELECT * FROM " + from(renderer) + " LIMIT 0", renderer.Parameters);
        using var reader = command.ExecuteReader(CommandBehavior.SchemaOnly);
        return Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToList();
    }
}
