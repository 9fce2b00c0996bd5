using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ProtocolLang.Runtime.Data.Engines;

namespace Engines.Tests;

/// <summary>
/// The quoting functions, first as text, then against the real 18.16 server: every hostile text the server reads back
/// as exactly that text, in a SELECT and through a table, and the tables it names survive.
/// </summary>
public sealed class ClickHouseSqlTests
{
    /// <summary>Quotes, backslashes, line breaks, NUL, an SQL injection, a value that looks like NULL or like an error line, non-ASCII.</summary>
    public static readonly string[] Hostile =
    [
        "'; DROP TABLE subjects; --",
        "a'b", "''", "\\", "\\'", "'\\", "a\\nb", "line1\nline2", "tab\there", "cr\r\nlf", "nul\0byte",
        "\\N", "N", "NULL", "", " ", "`backtick`", "\"double\"", "\u0001\u007f\b\f",
        "Code: 62, e.displayText() = DB::Exception: not really",
        "é ü ß 中文 🎉", "\u0080\u009f", "x'); DROP TABLE visits; SELECT ('",
    ];

    public static TheoryData<string> HostileTexts() => [.. Hostile];

    [Fact]
    public void AStringLiteralEscapesQuoteBackslashAndControlCharacters()
    {
        Assert.Equal(@"'a\'b\\c\nd\te\0f\x01'", ClickHouseSql.Literal("a'b\\c\nd\te\0f\u0001"));
        Assert.Equal("'é🎉'", ClickHouseSql.Literal("é🎉"));
    }

    [Fact]
    public void AnIdentifierIsBacktickQuotedWithBacktickAndBackslashEscaped()
    {
        Assert.Equal(@"`we\`ird\\name'`", ClickHouseSql.Identifier("we`ird\\name'"));
        Assert.Equal("`db`.`t`", ClickHouseSql.QualifiedName("db", "t"));
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier(""));
    }

    [Fact]
    public void ALoneSurrogateIsRefusedRatherThanSentAsAReplacementCharacter()
    {
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Literal("a\uD800b"));
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier("\uDC00"));
    }

    [Fact]
    public void NumbersAreWrittenInTheInvariantCultureWhateverTheThreadsCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "de-DE", "tr-TR", "ar-SA" })
            {
                Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                Assert.Equal("1.5", ClickHouseSql.Literal(1.5));
                Assert.Equal("-1234567", ClickHouseSql.Literal(-1234567L));
                Assert.Equal("1E-300", ClickHouseSql.Literal(1e-300));
                Assert.Equal("toDate('2020-02-29')", ClickHouseSql.Literal(new DateOnly(2020, 2, 29)));
            }
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }

        Assert.Equal("nan", ClickHouseSql.Literal(double.NaN));
        Assert.Equal("-inf", ClickHouseSql.Literal(double.NegativeInfinity));
        Assert.Equal("-0.0", ClickHouseSql.Literal(-0.0));
        Assert.Equal("1", ClickHouseSql.Literal(true));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void AHostileStringLiteralComesBackFromTheServerAsTheSameText(string text)
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        using var reader = http.Query("SELECT 1 AS n, " + ClickHouseSql.Literal(text) + " AS v, length(v) AS bytes");
        Assert.True(reader.Read());
        Assert.Equal(text, reader.GetString(1));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text).ToString(CultureInfo.InvariantCulture), reader.GetString(2));
        Assert.False(reader.Read());
    }

    [Fact]
    public void DoublesComeBackFromTheServerBitForBitIncludingSubnormalsAndSignedZero()
    {
        ClickHouseCluster.Require();
        double[] values = [0.1, 1.0 / 3, -2.5e-300, 1.7976931348623157e308, 2.2250738585072014e-308, double.Epsilon, -1e-310, -0.0, 714, 1e20, -123456.789];
        using var http = ClickHouseCluster.Http();
        var select = string.Join(", ", values.Select((v, i) => $"toFloat64({ClickHouseSql.Literal(v)}) AS c{i}"));
        using var reader = http.Query("SELECT " + select);
        Assert.True(reader.Read());
        for (var i = 0; i < values.Length; i++)
        {
            var back = double.Parse(reader.GetString(i), CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(back));
        }
    }

    [Fact]
    public void IntegersAndDatesComeBackFromTheServerUnchanged()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        using var reader = http.Query($"SELECT {ClickHouseSql.Literal(long.MinValue)}, {ClickHouseSql.Literal(long.MaxValue)}, {ClickHouseSql.Literal(new DateOnly(2020, 2, 29))}, toTypeName({ClickHouseSql.Literal(new DateOnly(1999, 12, 31))})");
        Assert.True(reader.Read());
        Assert.Equal(["-9223372036854775808", "9223372036854775807", "2020-02-29", "Date"], Enumerable.Range(0, 4).Select(reader.GetString));
    }

    [Fact]
    public void HostileTextsStayDataInATableAndTheTablesTheyNameSurvive()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        var table = ClickHouseSql.QualifiedName("protocollang", "hostile_" + Guid.NewGuid().ToString("N"));
        var subjectsBefore = http.Execute("SELECT count() FROM protocollang.subjects").Trim();
        http.Execute($"CREATE TABLE {table} (n Int32, v Nullable(String)) ENGINE = Memory");
        try
        {
            var rows = Hostile.Select((text, i) => $"({i}, {ClickHouseSql.Literal(text)})").Append($"({Hostile.Length}, NULL)");
            http.Execute($"INSERT INTO {table} VALUES " + string.Join(", ", rows));

            using (var reader = http.Query($"SELECT n, v FROM {table} ORDER BY n"))
            {
                var back = new List<string?>();
                while (reader.Read())
                {
                    back.Add(reader.IsNull(1) ? null : reader.GetString(1));
                }

                Assert.Equal([.. Hostile, null], back);
            }

            // Each text, as a WHERE value, finds exactly its own row.
            for (var i = 0; i < Hostile.Length; i++)
            {
                Assert.Equal(i.ToString(CultureInfo.InvariantCulture), http.Execute($"SELECT n FROM {table} WHERE v = {ClickHouseSql.Literal(Hostile[i])}").Trim());
            }
        }
        finally
        {
            http.Execute($"DROP TABLE IF EXISTS {table}");
        }

        Assert.Equal(subjectsBefore, http.Execute("SELECT count() FROM protocollang.subjects").Trim());
        Assert.Equal("1", http.Execute("EXISTS TABLE protocollang.visits").Trim());
    }

    [Fact]
    public void AHostileColumnNameIsOneIdentifierToTheServer()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        string[] names = ["we`ird", "back\\slash", "quote'd", "sp ace", "x`; DROP TABLE subjects; --", "né"];
        using var reader = http.Query("SELECT " + string.Join(", ", names.Select((n, i) => $"{i} AS {ClickHouseSql.Identifier(n)}")));
        Assert.Equal(names, reader.Names);
        Assert.True(reader.Read());
        Assert.Equal("5", reader.GetString(5));
    }
}
