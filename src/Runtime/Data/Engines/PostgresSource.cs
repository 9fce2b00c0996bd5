using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// One table or view of a PostgreSQL server (<c>from postgres "CONNECTION" table "[schema.]name"</c>). Owns the connection
/// and every SQL text: the catalog is asked with parameters (<c>information_schema</c>), identifiers in the row query are
/// quoted, and nothing of the study or the data is concatenated into SQL otherwise. Every command has a timeout (the
/// connection string's <c>Command Timeout</c>, Npgsql's 30 s unless it says otherwise; connecting: <c>Timeout</c>, 15 s).
/// </summary>
internal sealed class PostgresSource : IDisposable
{
    private readonly NpgsqlConnection _connection;

    private PostgresSource(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Opens one unpooled connection (a run reads each table once; a pool would outlive it).</summary>
    /// <exception cref="ArgumentException">Npgsql does not accept the connection string.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached, or refuses the connection or the login.</exception>
    public static PostgresSource Open(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "ProtocolLang";
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new PostgresSource(connection);
    }

    /// <summary><c>t</c> is <c>public.t</c>; <c>s.t</c> is table <c>t</c> of schema <c>s</c> (the binder allows nothing else).</summary>
    public static (string Schema, string Name) SplitTableName(string table)
    {
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? ("public", table) : (table[..dot], table[(dot + 1)..]);
    }

    /// <summary><c>BASE TABLE</c>, <c>VIEW</c>... as <c>information_schema.tables</c> says, or null when the user sees no such table.</summary>
    public string? TableType(string schema, string name)
    {
        using var command = Command("SELECT table_type FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2", schema, name);
        return command.ExecuteScalar() as string;
    }

    /// <summary>The tables and views the user can see outside the system schemas, as <c>schema.name</c> (<c>name</c> for <c>public</c>), sorted.</summary>
    public IReadOnlyList<string> TableNames()
    {
        using var command = Command(
            "SELECT table_schema, table_name FROM information_schema.tables " +
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2");
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var schema = reader.GetString(0);
            var name = reader.GetString(1);
            names.Add(string.Equals(schema, "public", StringComparison.Ordinal) ? name : schema + "." + name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>The table's columns in order, with <c>information_schema</c>'s type name (<c>double precision</c>, <c>text</c>, <c>integer</c>...).</summary>
    public IReadOnlyList<(string Name, string Type)> Columns(string schema, string name)
    {
        using var command = Command(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
            schema, name);
        var columns = new List<(string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    /// <summary>The planner's row estimate (<c>pg_class.reltuples</c>), only to size the columns; 0 when unknown.</summary>
    public long EstimatedRows(string schema, string name)
    {
        using var command = Command("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass($1)", QuoteIdentifier(schema) + "." + QuoteIdentifier(name));
        return command.ExecuteScalar() is long rows ? Math.Max(rows, 0) : 0;
    }

    /// <summary>The text of the row query (<see cref="ReadAsText"/>), for provenance and tests.</summary>
    /// <remarks>
    /// Each value is cast to PostgreSQL's text form (<c>true</c>/<c>false</c>, exact numerics), a date written as ISO
    /// <c>YYYY-MM-DD</c> whatever the server's DateStyle, so the CSV path's cell rules apply unchanged; a floating-point
    /// column comes as <c>double precision</c>, for the caller to write as .NET's shortest round-trip text. A base table
    /// is read in its physical order (<c>ORDER BY ctid</c>), which is the order its rows were loaded in until they are
    /// updated: row numbers in messages are then positions as in the file it was loaded from, and a run reads the same
    /// order every time (a plain scan may start mid-table when another scan of it runs). A view has no such column; its
    /// rows come in the order the server gives.
    /// </remarks>
    public static string RowQuery(string schema, string name, IEnumerable<(string Name, bool AsDouble, bool IsDate)> columns, bool isBaseTable)
    {
        var select = string.Join(", ", columns.Select(c =>
            c.AsDouble ? "CAST(" + QuoteIdentifier(c.Name) + " AS double precision)"
            : c.IsDate ? "to_char(" + QuoteIdentifier(c.Name) + ", 'YYYY-MM-DD')"
            : "CAST(" + QuoteIdentifier(c.Name) + " AS text)"));
        return "SELECT " + select + " FROM " + QuoteIdentifier(schema) + "." + QuoteIdentifier(name) + (isBaseTable ? " ORDER BY ctid" : string.Empty);
    }

    /// <summary>Streams the rows of <see cref="RowQuery"/> (sequential access: one row in memory at a time).</summary>
    public NpgsqlDataReader ReadAsText(string query)
    {
        var command = Command(query);
        return command.ExecuteReader(System.Data.CommandBehavior.SequentialAccess);
    }

    /// <summary>Whether a column of PostgreSQL type <paramref name="type"/> (as <c>information_schema</c> names it) can hold values of the declared kind.</summary>
    public static bool Accepts(ColumnKind kind, string type)
    {
        var isInteger = type is "smallint" or "integer" or "bigint";
        var isText = type is "text" or "character varying" or "character";
        return kind switch
        {
            ColumnKind.Number => isInteger || type is "real" or "double precision" or "numeric",
            ColumnKind.Integer => isInteger,
            ColumnKind.Text => isText,
            ColumnKind.Category => isInteger || isText,
            ColumnKind.Bool => isInteger || type is "boolean",
            ColumnKind.Date => type is "date",
            _ => false,
        };
    }

    /// <summary>A <c>real</c> or <c>double precision</c> column, read as a double rather than as text (see <see cref="RowQuery"/>).</summary>
    public static bool IsFloating(string type) => type is "real" or "double precision";

    /// <summary>Which PostgreSQL types a declared kind accepts, for messages.</summary>
    public static string AcceptedTypes(ColumnKind kind) => kind switch
    {
        ColumnKind.Number => "an integer, real, double precision or numeric column",
        ColumnKind.Integer => "a smallint, integer or bigint column",
        ColumnKind.Text => "a text, varchar or char column",
        ColumnKind.Category => "a text, varchar, char or integer column",
        ColumnKind.Bool => "a boolean (or 0/1 integer) column",
        ColumnKind.Date => "a date column",
        _ => "a column of another type",
    };

    /// <summary>An SQL identifier in double quotes, inner quotes doubled (PostgreSQL's rule, the SQL standard's).</summary>
    public static string QuoteIdentifier(string name) => DuckDbSource.QuoteIdentifier(name);

    public void Dispose() => _connection.Dispose();

    private NpgsqlCommand Command(string sql, params string[] parameters)
    {
        var command = new NpgsqlCommand(sql, _connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
