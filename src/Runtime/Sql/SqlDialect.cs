using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// What differs between engines' SQL: identifier quoting, how a value is bound, the double type, date differences.
/// Everything else of <see cref="SqlRenderer"/> is standard SQL that DuckDB, PostgreSQL and ClickHouse share.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The engine's name in messages and provenance.</summary>
    public abstract string Name { get; }

    /// <summary>The type a number is computed in: 7 / 2 is 3.5 in every engine, as in the language.</summary>
    public abstract string DoubleType { get; }

    /// <summary>The boolean literals (an engine without a boolean type gives 1 and 0).</summary>
    public virtual string True => "TRUE";

    public virtual string False => "FALSE";

    /// <summary>A condition true only when <paramref name="condition"/> is true: false and NULL are not.</summary>
    public virtual string IsTrue(string condition) => "(" + condition + " IS TRUE)";

    /// <summary>
    /// A function by its standard SQL name (<c>ln</c>, <c>sqrt</c>, <c>exp</c>, <c>abs</c>, <c>least</c>,
    /// <c>greatest</c>, <c>nullif</c>, <c>avg</c>, <c>var_samp</c>), as this engine calls it.
    /// </summary>
    public virtual string Function(string name) => name;

    /// <summary>The 64-bit integer type counts are returned in (DuckDB's SUM would otherwise give a 128-bit HUGEINT).</summary>
    public virtual string IntegerType => "BIGINT";

    /// <summary>An identifier, quoted so that no name can end it (the quote character doubled).</summary>
    public abstract string QuoteIdentifier(string name);

    /// <summary>Binds <paramref name="value"/> and returns the text that stands for it in the query.</summary>
    public abstract string Bind(object value, List<object> parameters);

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>, both dates, as a number.</summary>
    public abstract string DaysBetween(string from, string to);

    /// <summary>A number as a typed literal: invariant and round-trip (a number cannot carry text, so it needs no parameter).</summary>
    public virtual string Number(double value) => "CAST(" + value.ToString("R", CultureInfo.InvariantCulture) + " AS " + DoubleType + ")";
}

/// <summary>DuckDB (embedded): double-quoted identifiers, positional <c>?</c> parameters.</summary>
public sealed class DuckDbDialect : SqlDialect
{
    public static DuckDbDialect Instance { get; } = new();

    public override string Name => "DuckDB";

    public override string DoubleType => "DOUBLE";

    public override string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";

    public override string Bind(object value, List<object> parameters)
    {
        parameters.Add(value);
        return "?";
    }

    public override string DaysBetween(string from, string to) => "CAST(date_diff('day', " + from + ", " + to + ") AS DOUBLE)";
}
