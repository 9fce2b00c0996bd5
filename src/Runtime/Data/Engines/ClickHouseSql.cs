using System;
using System.Globalization;
using System.Text;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// The only place where a value or a name becomes ClickHouse SQL text. ClickHouse 18.16 (Debian's) has no
/// server-side parameters (<c>{name:Type}</c> with <c>param_name=</c> came in a later release; 18.16 answers
/// "Unknown setting param_x"), so every literal is written here, and every identifier too; nothing else concatenates study or data text
/// into a query. The escapes are those of ClickHouse's lexer (docs "Syntax: String literals": backslash escapes as in
/// C, <c>\'</c> for a quote; identifiers in backticks with <c>\`</c>).
/// </summary>
internal static class ClickHouseSql
{
    /// <summary>
    /// A string literal: single quotes; backslash and quote escaped; control characters written as escapes so a
    /// query is always one readable line and a NUL cannot end it early in any tool that logs it.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds a lone UTF-16 surrogate, which has no UTF-8 form (the server
    /// would store U+FFFD instead, silently).</exception>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sql = new StringBuilder(value.Length + 2).Append('\'');
        AppendEscaped(sql, value, '\'');
        return sql.Append('\'').ToString();
    }

    /// <summary>
    /// A number as the server reads it back bit for bit: shortest round-trip digits, invariant culture; <c>nan</c>,
    /// <c>inf</c>, <c>-inf</c>; <c>-0.0</c> (a bare <c>-0</c> is the integer 0). 18.16's lexer rejects a subnormal
    /// literal (<c>5e-324</c> is a syntax error, and <c>toFloat64('5e-324')</c> is 0), so one is written as a normal
    /// number times 2^-600, a product that is exact because scaling by a power of two is.
    /// </summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0";
        }

        return double.IsSubnormal(value)
            ? "(" + Round(Math.ScaleB(value, 600)) + " * " + Round(Math.ScaleB(1.0, -600)) + ")"
            : Round(value);

        static string Round(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    }

    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>1 or 0: 18.16 has no Bool type; booleans are <c>UInt8</c>.</summary>
    public static string Literal(bool value) => value ? "1" : "0";

    /// <summary>A <c>Date</c> (a bare string literal would compare as a string in some contexts).</summary>
    public static string Literal(DateOnly value) =>
        "toDate(" + Literal(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + ")";

    /// <summary>A column, table or database name in backticks, backslash and backtick escaped.</summary>
    /// <exception cref="ArgumentException">The name is empty or holds a lone surrogate.</exception>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var sql = new StringBuilder(name.Length + 2).Append('`');
        AppendEscaped(sql, name, '`');
        return sql.Append('`').ToString();
    }

    /// <summary><c>`db`.`table`</c>.</summary>
    public static string QualifiedName(string database, string table) => Identifier(database) + "." + Identifier(table);

    private static void AppendEscaped(StringBuilder sql, string text, char quote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sql.Append(c).Append(text[++i]);   // a pair: one character outside the BMP (an emoji)
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"The text holds a lone UTF-16 surrogate at position {i}; it has no UTF-8 form.", nameof(text));
            }

            _ = c switch
            {
                '\\' => sql.Append(@"\\"),
                '\0' => sql.Append(@"\0"),
                '\n' => sql.Append(@"\n"),
                '\r' => sql.Append(@"\r"),
                '\t' => sql.Append(@"\t"),
                '\b' => sql.Append(@"\b"),
                '\f' => sql.Append(@"\f"),
                _ when c == quote => sql.Append('\\').Append(c),
                // \xHH is one byte, so only ASCII controls take this form (U+0080.. go as UTF-8).
                _ when c < ' ' || c == '\x7f' => sql.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => sql.Append(c),
            };
        }
    }
}
