using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data.Engines;

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

    /// <summary><c>and</c> with Kleene logic (false and missing is false), as the runtime's <c>Fn.And</c>.</summary>
    public virtual string And(string left, string right) => "(" + left + " AND " + right + ")";

    /// <summary><c>or</c> with Kleene logic (true or missing is true), as the runtime's <c>Fn.Or</c>.</summary>
    public virtual string Or(string left, string right) => "(" + left + " OR " + right + ")";

    /// <summary><c>x in (a, b)</c>, missing when x is (at least one value is given).</summary>
    public virtual string In(string operand, IReadOnlyList<string> values, bool negated)
    {
        ArgumentNullException.ThrowIfNull(values);
        return "(" + operand + (negated ? " NOT IN (" : " IN (") + string.Join(", ", values) + "))";
    }

    /// <summary>How many rows <paramref name="condition"/> is true for, as a 64-bit integer (never NULL).</summary>
    public virtual string CountWhere(string condition) => "CAST(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END) AS " + IntegerType + ")";

    /// <summary>The 64-bit integer type counts are returned in (DuckDB's SUM would otherwise give a 128-bit HUGEINT).</summary>
    public virtual string IntegerType => "BIGINT";

    /// <summary>An identifier, quoted so that no name can end it (the quote character doubled).</summary>
    public abstract string QuoteIdentifier(string name);

    /// <summary>
    /// A name the engine queries give their own columns and subqueries (<c>t</c>, <c>first_group</c>, <c>x3</c>, ...): quoted,
    /// with a <c>#</c> in front, which no study identifier can hold (letters, digits and <c>_</c>). ClickHouse resolves an
    /// alias anywhere in a query, so an unquoted alias <c>x3</c> had made a study column named x3 read the query's own
    /// covariate (PL2287, retired); in this namespace a study column always reads the table's column, on every engine.
    /// </summary>
    public string Alias(string name) => QuoteIdentifier("#" + name);

    /// <summary>Binds <paramref name="value"/> and returns the text that stands for it in the query.</summary>
    public abstract string Bind(object value, List<object> parameters);

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>, both dates, as a number.</summary>
    public abstract string DaysBetween(string from, string to);

    /// <summary>The standard SQL identifier quoting: in double quotes, a double quote doubled.</summary>
    protected static string DoubleQuoted(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary><paramref name="operand"/> (SQL text) converted to the double type.</summary>
    public virtual string ToDouble(string operand) => "CAST(" + operand + " AS " + DoubleType + ")";

    /// <summary>1 where <paramref name="isTrue"/> (a condition from <see cref="IsTrue"/>, never NULL) holds, 0 elsewhere: an integer to add up.</summary>
    public virtual string Indicator(string isTrue) => "(CASE WHEN " + isTrue + " THEN 1 ELSE 0 END)";

    /// <summary>
    /// The index of the first of <paramref name="isTrue"/> (conditions from <see cref="IsTrue"/>, in the text's order) that
    /// holds, -1 for none. Every query reads it only where exactly one holds (matched = 1: the flow counts the others as
    /// unassigned or overlapping, the analyses keep only them), so a dialect may give any value elsewhere.
    /// </summary>
    public virtual string FirstGroup(IReadOnlyList<string> isTrue)
    {
        ArgumentNullException.ThrowIfNull(isTrue);
        return "CASE" + string.Concat(isTrue.Select((c, i) => " WHEN " + c + " THEN " + i.ToString(CultureInfo.InvariantCulture))) + " ELSE -1 END";
    }

    /// <summary>An event status: NULL where <paramref name="event"/> is, else 1 where <paramref name="isTrue"/> (its <see cref="IsTrue"/>) holds, else 0.</summary>
    public virtual string Status(string @event, string isTrue) => "CASE WHEN " + @event + " IS NULL THEN NULL WHEN " + isTrue + " THEN 1 ELSE 0 END";

    /// <summary>A number as a typed literal: invariant and round-trip (a number cannot carry text, so it needs no parameter).</summary>
    public virtual string Number(double value) => "CAST(" + value.ToString("R", CultureInfo.InvariantCulture) + " AS " + DoubleType + ")";
}

/// <summary>DuckDB (embedded): double-quoted identifiers, positional <c>?</c> parameters.</summary>
public sealed class DuckDbDialect : SqlDialect
{
    public static DuckDbDialect Instance { get; } = new();

    public override string Name => "DuckDB";

    public override string DoubleType => "DOUBLE";

    public override string QuoteIdentifier(string name) => DoubleQuoted(name);

    public override string Bind(object value, List<object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(value);
        return "?";
    }

    public override string DaysBetween(string from, string to) => "CAST(date_diff('day', " + from + ", " + to + ") AS DOUBLE)";
}

/// <summary>PostgreSQL: double-quoted identifiers, numbered <c>$n</c> parameters (Npgsql binds them by position).</summary>
public sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Name => "PostgreSQL";

    public override string DoubleType => "DOUBLE PRECISION";

    public override string QuoteIdentifier(string name) => DoubleQuoted(name);

    public override string Bind(object value, List<object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(value);
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The difference of two dates is their days apart, an integer.</summary>
    public override string DaysBetween(string from, string to) => "CAST((" + to + ") - (" + from + ") AS DOUBLE PRECISION)";
}

/// <summary>
/// ClickHouse 18.16 (over HTTP): backtick identifiers and literals through <see cref="ClickHouseSql"/> (no server-side
/// parameters); 1 and 0 for booleans; <c>and</c> and <c>in</c> written out, because 18.16 gives NULL for
/// <c>NULL AND 0</c> (Kleene logic gives false) and 0 for <c>NULL IN (…)</c> (missing in the language).
/// </summary>
public sealed class ClickHouseDialect : SqlDialect
{
    public static ClickHouseDialect Instance { get; } = new();

    public override string Name => "ClickHouse";

    /// <summary>Nullable, since 18.16 refuses to cast NULL to a plain Float64.</summary>
    public override string DoubleType => "Nullable(Float64)";

    public override string IntegerType => "Int64";

    public override string True => "1";

    public override string False => "0";

    public override string QuoteIdentifier(string name) => ClickHouseSql.Identifier(name);

    public override string Bind(object value, List<object> parameters) => value switch
    {
        string text => ClickHouseSql.Literal(text),
        double number => ClickHouseSql.Literal(number),
        long integer => ClickHouseSql.Literal(integer),
        bool flag => ClickHouseSql.Literal(flag),
        DateOnly date => ClickHouseSql.Literal(date),
        _ => throw new ArgumentException($"ClickHouse has no literal for a {value?.GetType().Name ?? "null"}.", nameof(value)),
    };

    public override string IsTrue(string condition) => "(ifNull(" + condition + ", 0) = 1)";

    /// <summary>
    /// <c>toFloat64</c>, which keeps a column's type plain when it is not Nullable: a CAST to <see cref="DoubleType"/> made
    /// every value Nullable, and 18.16's arithmetic and sums over Nullable columns made the Cox evaluation ~25 % slower
    /// (docs/scale.md). A NULL keeps the CAST (<c>toFloat64(NULL)</c> has no number type).
    /// </summary>
    public override string ToDouble(string operand) => operand == "NULL" ? "CAST(NULL AS Nullable(Float64))" : "toFloat64(" + operand + ")";

    /// <summary>A literal Float64 (not Nullable, see <see cref="ToDouble"/>), written so that the server reads it back bit for bit.</summary>
    public override string Number(double value) => "toFloat64(" + ClickHouseSql.Literal(value) + ")";

    /// <summary>One <c>if</c> instead of a CASE (a per-row multiIf): ~45 ms less CPU per 5·10^6 rows in each survival and Cox query.</summary>
    public override string Status(string @event, string isTrue) => "if(isNull(" + @event + "), NULL, " + isTrue + ")";

    /// <summary>The condition itself: <see cref="IsTrue"/> is a comparison, 1 or 0 already, where a CASE is a per-row multiIf.</summary>
    public override string Indicator(string isTrue) => isTrue;

    /// <summary>
    /// Σ i·[condition i] (the 0/1 comparisons of <see cref="IsTrue"/>): the first group's index wherever exactly one holds,
    /// the only rows a query reads it from; 18.16's multiIf of the CASE chain took ~0.15 s of CPU per 5·10^6 rows in
    /// every query. The first condition adds 0 and is left out (ClickHouse binds no parameters, so no value is skipped).
    /// </summary>
    public override string FirstGroup(IReadOnlyList<string> isTrue)
    {
        ArgumentNullException.ThrowIfNull(isTrue);
        return isTrue.Count <= 1 ? "0" : "(" + string.Join(" + ", isTrue.Skip(1).Select((c, i) => c + " * " + (i + 1).ToString(CultureInfo.InvariantCulture))) + ")";
    }

    /// <summary><c>countIf</c>: 18.16 evaluates a CASE per row as a generic multiIf, which made the value check ~2.5 times slower.</summary>
    public override string CountWhere(string condition) => "countIf(" + condition + ")";

    public override string Function(string name) => name switch
    {
        "nullif" => "nullIf",
        "var_samp" => "varSamp",
        _ => name,
    };

    public override string DaysBetween(string from, string to) => "toFloat64(dateDiff('day', " + from + ", " + to + "))";

    public override string And(string left, string right) =>
        "multiIf(ifNull(" + left + ", 1) = 0 OR ifNull(" + right + ", 1) = 0, 0, isNull(" + left + ") OR isNull(" + right + "), NULL, 1)";

    public override string Or(string left, string right) =>
        "multiIf(ifNull(" + left + ", 0) = 1 OR ifNull(" + right + ", 0) = 1, 1, isNull(" + left + ") OR isNull(" + right + "), NULL, 0)";

    public override string In(string operand, IReadOnlyList<string> values, bool negated) =>
        "if(isNull(" + operand + "), NULL, " + base.In(operand, values, negated) + ")";
}
