using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using DuckDB.NET.Data;
using Npgsql;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// One pushed-down query of a run: its text (values are parameters, never in it), how long it took and what came back, in
/// the engine's <see cref="SqlEngine.ReceivedUnit"/> (ClickHouse: bytes).
/// </summary>
public sealed record EngineQuery(string Text, double Milliseconds, long Received);

/// <summary>
/// The subject table of a <c>compute in engine</c> run, opened where its rows live: a Parquet or CSV file through an
/// in-memory DuckDB (<c>read_parquet</c>, <c>read_csv</c> with the declared column types), a DuckDB database file
/// read-only, a PostgreSQL table through its resolved connection, or a ClickHouse table over HTTP
/// (EngineSource.ClickHouse.cs). Every query goes through <see cref="Engine"/>, which records its text and time for the
/// run's provenance.
/// </summary>
internal sealed partial class EngineSource : IDisposable
{
    private readonly IDisposable _connection;
    private readonly RecordingEngine _engine;
    private readonly Func<IReadOnlyList<(string Name, string Type)>>? _columns;

    private EngineSource(IDisposable connection, SqlEngine engine, Func<SqlRenderer, string> from, string engineName, string connection2, string sourceTable,
        Func<IReadOnlyList<(string Name, string Type)>>? columns = null, Func<Exception, Exception?>? translate = null)
    {
        _connection = connection;
        _columns = columns;
        _engine = new RecordingEngine(engine, translate);
        From = from;
        EngineName = engineName;
        Connection = connection2;
        SourceTable = sourceTable;
    }

    /// <summary>Runs and records every query of the run.</summary>
    public SqlEngine Engine => _engine;

    /// <summary>Writes the rows' source into a query (a quoted table name, or a table function with its path bound).</summary>
    public Func<SqlRenderer, string> From { get; }

    /// <summary>duckdb, postgres or clickhouse.</summary>
    public string EngineName { get; }

    /// <summary>What results name the connection by: a file's path relative to the study, or a connection's name (never its settings).</summary>
    public string Connection { get; }

    public string SourceTable { get; }

    public IReadOnlyList<EngineQuery> Queries => _engine.Recorded;

    /// <summary>
    /// True for a ClickHouse Distributed table whose sharding key is the study's key or a hash of it alone
    /// (EngineSource.ClickHouse.cs): every row of a key then went to the same shard, so a key can repeat only within one.
    /// </summary>
    /// Asked of the server when first read (after the catalog check), so an unreachable server fails where it always has.
    public bool KeysStayOnOneShard => _keysStayOnOneShard?.Value ?? false;

    private Lazy<bool>? _keysStayOnOneShard;

    /// <param name="path">For a file source: its resolved path (inside the study's allowed places).</param>
    /// <exception cref="StudyDataException">The connection name does not resolve.</exception>
    public static EngineSource Open(TableSchema table, string? path, ConnectionResolver connections)
    {
        ArgumentNullException.ThrowIfNull(table);
        switch (table.SourceKind)
        {
            case DataSourceKind.Csv:
                return OpenDuckDb(":memory:", path!, r => "read_csv(" + r.Dialect.Bind(path!, r.Parameters) + ", header = true, nullstr = ['', 'NA'], types = "
                    + CsvTypes(table) + ")", table.Source, "read_csv");
            case DataSourceKind.Parquet:
                return OpenDuckDb(":memory:", path!, r => "read_parquet(" + r.Dialect.Bind(path!, r.Parameters) + ")", table.Source, "read_parquet");
            case DataSourceKind.DuckDb:
                var (schema, name) = DuckDbSource.SplitTableName(table.SourceTable!);
                return OpenDuckDb(path!, path!, r => r.Dialect.QuoteIdentifier(schema) + "." + r.Dialect.QuoteIdentifier(name), table.Source, table.SourceTable!);
            case DataSourceKind.Postgres:
                var lookup = connections.Resolve(table.Source);
                if (!lookup.Found)
                {
                    throw new StudyDataException(null, [new DataProblem(lookup.FailureCode!, table.SourceLabel, 0, null, PostgresMessages.Unresolved(table, lookup))], 1, [], null);
                }

                var connection = new NpgsqlConnection(lookup.ConnectionString);
                connection.Open();
                var (pgSchema, pgName) = PostgresSource.SplitTableName(table.SourceTable!);
                return new EngineSource(connection, new AdoSqlEngine(connection, PostgresDialect.Instance),
                    r => r.Dialect.QuoteIdentifier(pgSchema) + "." + r.Dialect.QuoteIdentifier(pgName), "postgres", table.Source, table.SourceTable!);
            case DataSourceKind.ClickHouse:
                return OpenClickHouse(table, connections);
            default:
                throw new NotSupportedException($"Table '{table.Name}': its source kind {table.SourceKind} is not computed in an engine yet.");
        }
    }

    /// <summary>
    /// DuckDB's memory for one run (<c>memory_limit</c>; override with <c>PROTOCOLLANG_DUCKDB_MEMORY</c>, e.g. <c>2GB</c>). Its
    /// default is 80 % of the machine's RAM, and the duplicate-key check's hash table over 10^7 ids alone took the process
    /// to ~850 MB; at 256 MB DuckDB spills that aggregate instead, and the 10^7 run peaked at ~400 MB (docs/scale.md).
    /// </summary>
    internal const string DefaultMemoryLimit = "256MB";

    /// <param name="dataPath">The data file: DuckDB spills beside it (<c>.protocollang-duckdb.tmp</c>), inside the study's
    /// allowed places, rather than into the process's working folder (its default for an in-memory database).</param>
    private static EngineSource OpenDuckDb(string dataSource, string dataPath, Func<SqlRenderer, string> from, string label, string sourceTable)
    {
        var builder = new DuckDBConnectionStringBuilder { DataSource = dataSource };
        if (dataSource != ":memory:")
        {
            builder["ACCESS_MODE"] = "READ_ONLY";
        }

        builder["memory_limit"] = Environment.GetEnvironmentVariable("PROTOCOLLANG_DUCKDB_MEMORY") is { Length: > 0 } limit ? limit : DefaultMemoryLimit;
        builder["temp_directory"] = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(dataPath)) ?? ".", ".protocollang-duckdb.tmp");

        var connection = new DuckDBConnection(builder.ConnectionString);
        connection.Open();
        return new EngineSource(connection, new AdoSqlEngine(connection, DuckDbDialect.Instance), from, "duckdb", label, sourceTable);
    }

    /// <summary>
    /// The declared types of a CSV file's columns for <c>read_csv</c>, so DuckDB does not guess them from a sample (a
    /// category of digits stays text, a number column with a first value of 1 stays a double). Column names are study
    /// identifiers; each is still written as an escaped SQL string.
    /// </summary>
    private static string CsvTypes(TableSchema table) =>
        "{" + string.Join(", ", table.Columns.Select(c => "'" + c.Name.Replace("'", "''", StringComparison.Ordinal) + "': '" + c.Kind switch
        {
            ColumnKind.Number => "DOUBLE",
            ColumnKind.Integer => "BIGINT",
            ColumnKind.Bool => "BOOLEAN",
            ColumnKind.Date => "DATE",
            _ => "VARCHAR",
        } + "'")) + "}";

    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// The source's columns with the engine's type names (DuckDB's <c>Double</c>, <c>Varchar</c>; PostgreSQL's
    /// <c>double precision</c>, <c>text</c>), from the schema of an empty query: no row is read. ClickHouse: from its
    /// catalog, <c>system.columns</c> (<c>Nullable(Float64)</c>, <c>String</c>).
    /// </summary>
    public IReadOnlyList<(string Name, string Type)> Columns()
    {
        if (_columns is not null)
        {
            return _columns();
        }

        var connection = (DbConnection)_connection;
        var renderer = new SqlRenderer(Engine.Dialect);
        var sql = "SELECT * FROM " + From(renderer) + " LIMIT 0";
        using var command = SqlCommands.Create(connection, sql, renderer.Parameters);
        using var reader = command.ExecuteReader(CommandBehavior.SchemaOnly);
        return Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToList();
    }

    /// <summary>
    /// An engine that records each query's text, the time until its last row was read and what came back; an engine's
    /// own exception that <paramref name="translate"/> maps (ClickHouse's, to the source's data problem) is thrown mapped.
    /// A query whose text and values equal an earlier one of the run is answered with that query's rows, not sent again
    /// (nor recorded): the analyses of a run often need the same statistics (Kaplan-Meier and log-rank the same events per
    /// (group, time), a Mann-Whitney the value counts of Table 1), and the rows do not change during a run. Answers of
    /// more than <see cref="MaxReusedValues"/> values are not kept, so memory stays bounded.
    /// </summary>
    private sealed class RecordingEngine(SqlEngine inner, Func<Exception, Exception?>? translate) : SqlEngine
    {
        /// <summary>
        /// The largest answer kept for reuse (rows × columns; ~6 MB of boxed values): the value and survival counts of the
        /// scale study at 10^7 are below 10^5, a grouped Cox evaluation (never repeated: β changes) ~3·10^5.
        /// </summary>
        internal const long MaxReusedValues = 250_000;

        private readonly Dictionary<string, List<object?[]>> _answers = new(StringComparer.Ordinal);

        public List<EngineQuery> Recorded { get; } = [];

        public override SqlDialect Dialect => inner.Dialect;

        public override string ReceivedUnit => inner.ReceivedUnit;

        public override IEnumerable<object?[]> Query(string sql, IReadOnlyList<object> parameters)
        {
            string key = ReuseKey(sql, parameters);
            if (_answers.TryGetValue(key, out var answer))
            {
                foreach (var row in answer)
                {
                    yield return (object?[])row.Clone();
                }

                yield break;
            }

            var clock = Stopwatch.StartNew();
            long rows = inner.RowsReceived, received = inner.Received;
            var kept = new List<object?[]>();
            long values = 0;
            using (var enumerator = inner.Query(sql, parameters).GetEnumerator())
            {
                while (Next(enumerator, out var row))
                {
                    values += row.Length;
                    if (kept is not null)
                    {
                        if (values <= MaxReusedValues)
                        {
                            kept.Add((object?[])row.Clone());
                        }
                        else
                        {
                            kept = null;
                        }
                    }

                    yield return row;
                }
            }

            Count(inner.RowsReceived - rows, inner.Received - received);
            Recorded.Add(new EngineQuery(sql, Math.Round(clock.Elapsed.TotalMilliseconds, 1, MidpointRounding.AwayFromZero), inner.Received - received));
            if (kept is not null)
            {
                _answers[key] = kept;
            }
        }

        /// <summary>The query's text and its bound values (type and invariant text: a path, a level, a number).</summary>
        private static string ReuseKey(string sql, IReadOnlyList<object> parameters) =>
            parameters.Count == 0 ? sql : sql + "\0" + string.Join("\0", parameters.Select(p => p.GetType().Name + ":" + Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));

        private bool Next(IEnumerator<object?[]> rows, out object?[] row)
        {
            try
            {
                bool more = rows.MoveNext();
                row = more ? rows.Current : [];
                return more;
            }
            catch (Exception e) when (translate?.Invoke(e) is { } mapped)
            {
                throw mapped;
            }
        }
    }
}
