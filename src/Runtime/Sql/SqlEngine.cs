using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// Where a pushed-down query runs: its dialect, and its rows back as values (null for SQL NULL; integers as long,
/// numbers as double, text as string). The statistics read the rows the same way whatever the engine.
/// </summary>
public abstract class SqlEngine
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> bound in order, row by row.</summary>
    public abstract IEnumerable<object?[]> Query(string sql, IReadOnlyList<object> parameters);

    /// <summary>Queries run so far (counted when their rows have been read).</summary>
    public long Queries { get; private set; }

    /// <summary>Rows received so far.</summary>
    public long RowsReceived { get; private set; }

    /// <summary>
    /// What came back so far, in <see cref="ReceivedUnit"/>: for ClickHouse the HTTP body's bytes as they arrived; for an
    /// ADO.NET engine, whose driver does not expose its wire bytes, the values received (rows × columns).
    /// </summary>
    public long Received { get; private set; }

    /// <summary>"bytes" (measured on the wire) or "values" (rows × columns; about 8 bytes each for numbers).</summary>
    public abstract string ReceivedUnit { get; }

    /// <summary>Adds one finished query's rows and what they took.</summary>
    protected void Count(long rows, long received)
    {
        Queries++;
        RowsReceived += rows;
        Received += received;
    }

    /// <summary>A value of a row as an integer (a count, a code).</summary>
    internal static long Integer(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

/// <summary>An ADO.NET connection (DuckDB, PostgreSQL), opened and owned by the caller.</summary>
public sealed class AdoSqlEngine(DbConnection connection, SqlDialect dialect) : SqlEngine
{
    public override SqlDialect Dialect { get; } = dialect;

    public override string ReceivedUnit => "values";

    public override IEnumerable<object?[]> Query(string sql, IReadOnlyList<object> parameters)
    {
        using var command = SqlCommands.Create(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        long rows = 0;
        try
        {
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows++;
                yield return row;
            }
        }
        finally
        {
            Count(rows, rows * reader.FieldCount);
        }
    }
}

/// <summary>
/// A ClickHouse server over HTTP (<see cref="ClickHouseHttp"/>, owned by the caller); 18.16 binds no parameters, so the
/// dialect writes every value as a literal through <see cref="ClickHouseSql"/> and <paramref name="parameters"/> stays empty.
/// </summary>
internal sealed class ClickHouseSqlEngine(ClickHouseHttp http) : SqlEngine
{
    public override SqlDialect Dialect => ClickHouseDialect.Instance;

    public override string ReceivedUnit => "bytes";

    public override IEnumerable<object?[]> Query(string sql, IReadOnlyList<object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count > 0)
        {
            throw new ArgumentException("ClickHouse 18.16 binds no parameters; the dialect writes values as literals.", nameof(parameters));
        }

        using var reader = http.Query(sql);
        try
        {
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsNull(i) ? null : Parse(reader.Types[i], reader.GetSpan(i));
                }

                yield return row;
            }
        }
        finally
        {
            Count(reader.RowCount, reader.BytesRead);
        }
    }

    /// <summary>A field by its ClickHouse type: integers as long, floats as double (round-trip text), the rest as text.</summary>
    private static object Parse(string type, ReadOnlySpan<char> text)
    {
        var bare = type.StartsWith("Nullable(", StringComparison.Ordinal) ? type[9..^1] : type;
        return bare switch
        {
            _ when bare.StartsWith("Int", StringComparison.Ordinal) || bare.StartsWith("UInt", StringComparison.Ordinal) =>
                long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            "Float64" or "Float32" => ParseFloat(text),
            _ => text.ToString(),
        };
    }

    private static double ParseFloat(ReadOnlySpan<char> text) => text switch
    {
        "nan" or "-nan" => double.NaN,
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
