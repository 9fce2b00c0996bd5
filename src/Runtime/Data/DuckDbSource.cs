using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DuckDB.NET.Data;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// One Parquet file or one table of a DuckDB database file, read through embedded DuckDB. Owns the connection
/// and every SQL text: a file path is always a parameter (<c>read_parquet(?)</c>) or the connection's own data
/// source (a database file is opened read-only, because DuckDB's <c>ATTACH</c> takes no parameter), and every
/// identifier is quoted, so no text of the study or the data becomes SQL.
/// </summary>
internal sealed class DuckDbSource : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _from;
    private readonly string? _parameter;

    private DuckDbSource(DuckDBConnection connection, string from, string? parameter)
    {
        _connection = connection;
        _from = from;
        _parameter = parameter;
    }

    /// <summary>A Parquet file, queried from an in-memory database.</summary>
    /// <exception cref="DuckDBException">DuckDB cannot start.</exception>
    public static DuckDbSource OpenParquet(string path)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return new DuckDbSource(connection, "read_parquet(?)", path);
    }

    /// <summary>A database file opened read-only; <paramref name="table"/> is <c>name</c> or <c>schema.name</c>.</summary>
    /// <exception cref="DuckDBException">The file cannot be opened as a DuckDB database.</exception>
    public static DuckDbSource OpenDatabase(string path, string table)
    {
        var builder = new DuckDBConnectionStringBuilder { DataSource = path };
        builder["ACCESS_MODE"] = "READ_ONLY";
        var connection = new DuckDBConnection(builder.ConnectionString);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        var (schema, name) = SplitTableName(table);
        return new DuckDbSource(connection, QuoteIdentifier(schema) + "." + QuoteIdentifier(name), null);
    }

    /// <summary><c>t</c> is <c>main.t</c>; <c>s.t</c> is table <c>t</c> of schema <c>s</c> (the binder allows nothing else).</summary>
    public static (string Schema, string Name) SplitTableName(string table)
    {
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? ("main", table) : (table[..dot], table[(dot + 1)..]);
    }

    /// <summary>True when the file starts as <paramref name="kind"/> says: Parquet's <c>PAR1</c>, or DuckDB's <c>DUCK</c> at byte 8.</summary>
    /// <remarks>Checked before DuckDB opens the file, whose own message for a wrong kind of file can mislead
    /// ("Cannot launch in-memory database in read-only mode" for a CSV file given as a database).</remarks>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static bool HasMagic(DataSourceKind kind, string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return kind switch
        {
            DataSourceKind.Parquet => read >= 4 && head[..4].SequenceEqual("PAR1"u8),
            DataSourceKind.DuckDb => read >= 12 && head[8..12].SequenceEqual("DUCK"u8),
            _ => false,
        };
    }

    /// <summary>The database's tables and views as <c>schema.name</c> (<c>name</c> for schema <c>main</c>), sorted.</summary>
    public IReadOnlyList<string> TableNames()
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() " +
            "UNION SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal";
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var schema = reader.GetString(0);
            var name = reader.GetString(1);
            names.Add(string.Equals(schema, "main", StringComparison.Ordinal) ? name : schema + "." + name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>The source's columns in order, with DuckDB's type name (<c>Double</c>, <c>Varchar</c>, <c>BigInt</c>...).</summary>
    public IReadOnlyList<(string Name, string Type)> Columns()
    {
        using var command = Command("SELECT * FROM " + _from + " LIMIT 0");
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToList();
    }

    public long CountRows()
    {
        using var command = Command("SELECT count(*) FROM " + _from);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Streams <paramref name="columns"/> in the source's row order, each cast to DuckDB's text form (<c>true</c>/<c>false</c>,
    /// ISO dates, exact decimals), so the CSV path's cell rules apply unchanged; a floating-point column comes as
    /// DOUBLE instead, for the caller to write as .NET's shortest round-trip text (<c>150</c>, where DuckDB writes <c>150.0</c>),
    /// so a message quotes the value as a CSV file would hold it.
    /// </summary>
    public DuckDBDataReader ReadAsText(IEnumerable<(string Name, bool AsDouble)> columns)
    {
        var select = string.Join(", ", columns.Select(c => "CAST(" + QuoteIdentifier(c.Name) + (c.AsDouble ? " AS DOUBLE)" : " AS VARCHAR)")));
        var command = Command("SELECT " + select + " FROM " + _from);
        command.UseStreamingMode = true;
        return command.ExecuteReader();
    }

    /// <summary>Whether a source column of DuckDB type <paramref name="type"/> can hold values of the declared kind.</summary>
    public static bool Accepts(ColumnKind kind, string type)
    {
        var isInteger = type is "TinyInt" or "SmallInt" or "Integer" or "BigInt" or "HugeInt"
            or "UnsignedTinyInt" or "UnsignedSmallInt" or "UnsignedInteger" or "UnsignedBigInt" or "UnsignedHugeInt";
        return kind switch
        {
            ColumnKind.Number => isInteger || type is "Float" or "Double" or "Decimal",
            ColumnKind.Integer => isInteger,
            ColumnKind.Text => type is "Varchar" or "Enum",
            ColumnKind.Category => isInteger || type is "Varchar" or "Enum",
            ColumnKind.Bool => isInteger || type is "Boolean",
            ColumnKind.Date => type is "Date",
            _ => false,
        };
    }

    /// <summary>A FLOAT or DOUBLE column, read as a double rather than as DuckDB's text (see <see cref="ReadAsText"/>).</summary>
    public static bool IsFloating(string type) => type is "Float" or "Double";

    /// <summary>Which source types a declared kind accepts, for messages.</summary>
    public static string AcceptedTypes(ColumnKind kind) => kind switch
    {
        ColumnKind.Number => "an integer, FLOAT, DOUBLE or DECIMAL column",
        ColumnKind.Integer => "an integer column (TINYINT ... BIGINT)",
        ColumnKind.Text => "a VARCHAR or ENUM column",
        ColumnKind.Category => "a VARCHAR, ENUM or integer column",
        ColumnKind.Bool => "a BOOLEAN (or 0/1 integer) column",
        ColumnKind.Date => "a DATE column",
        _ => "a column of another type",
    };

    /// <summary>An SQL identifier in double quotes, inner quotes doubled (the SQL standard's rule, as DuckDB's).</summary>
    public static string QuoteIdentifier(string name)
    {
        var quoted = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name)
        {
            quoted.Append(c == '"' ? "\"\"" : c.ToString());
        }

        return quoted.Append('"').ToString();
    }

    public void Dispose() => _connection.Dispose();

    private DuckDBCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (_parameter is not null)
        {
            command.Parameters.Add(new DuckDBParameter(_parameter));
        }

        return command;
    }
}
