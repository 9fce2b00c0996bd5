using System;
using System.Diagnostics;
using ProtocolLang.Runtime.Data.Engines;

namespace Engines.Tests;

/// <summary>The protocol against the real server: credentials in headers, error text, timeouts, an unreachable address.</summary>
public sealed class ClickHouseHttpTests
{
    private const string ReaderPassword = "reader-secret";   // scripts/clickhouse-cluster.sh's users.xml

    private static ClickHouseHttp As(string user, string password, double timeoutSeconds = 10, string url = ClickHouseCluster.Shard1) =>
        new(ClickHouseConnectionInfo.Parse($"Url={url};Database=protocollang;User={user};Password=\"{password}\"").WithTimeout(TimeSpan.FromSeconds(timeoutSeconds)));

    [Fact]
    public void UserAndPasswordTravelInHeadersThatTheServerAccepts()
    {
        ClickHouseCluster.Require();
        using var http = As("reader", ReaderPassword);
        // 18.16 has no currentUser(); system.processes shows the user the server took this query to be from.
        Assert.Equal("reader\tprotocollang", http.Execute("SELECT user, currentDatabase() FROM system.processes WHERE is_initial_query AND query LIKE '%is_initial_query%'").Trim());
    }

    [Fact]
    public void AWrongPasswordIsTheServersErrorWithoutThePassword()
    {
        ClickHouseCluster.Require();
        using var http = As("reader", "not-the-password-42");
        var error = Assert.Throws<ClickHouseException>(() => http.Execute("SELECT 1"));
        Assert.Equal(ClickHouseFailure.Server, error.Failure);
        Assert.Equal(193, error.ServerCode);   // WRONG_PASSWORD
        Assert.Contains("Wrong password for user reader", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AServerErrorThatEchoesThePasswordHasItMasked()
    {
        ClickHouseCluster.Require();
        using var http = As("reader", ReaderPassword);
        var error = Assert.Throws<ClickHouseException>(() => http.Execute($"SELEC '{ReaderPassword}'"));   // the syntax error quotes the query
        Assert.Contains("SELEC '***'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ReaderPassword, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadQueryGivesTheServersExceptionTextNamingTheServer()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        var error = Assert.Throws<ClickHouseException>(() => http.Query("SELEC 1"));
        Assert.Equal(ClickHouseFailure.Server, error.Failure);
        Assert.Equal(62, error.ServerCode);   // SYNTAX_ERROR
        Assert.StartsWith("ClickHouse at http://127.0.0.1:18123 database protocollang: Code: 62, DB::Exception: Syntax error", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("e.what()", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 800, "a syntax error's list of expected tokens is cut");
    }

    [Fact]
    public void AnUnknownTableIsTheServersCode60NamingTheTable()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        var error = Assert.Throws<ClickHouseException>(() => http.Query("SELECT * FROM protocollang.no_such_table"));
        Assert.Equal(60, error.ServerCode);   // UNKNOWN_TABLE
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorAfterRowsHaveStreamedEndsTheReadWithTheServersError()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        var rows = 0L;
        // The status (200) and the first 1.5 million rows are sent before the failing block is computed.
        var error = Assert.Throws<ClickHouseException>(() =>
        {
            using var reader = http.Query("SELECT number, throwIf(number = 1500000) FROM numbers(2000000) SETTINGS max_block_size = 100000");
            while (reader.Read())
            {
                rows++;
            }
        });
        Assert.Equal(ClickHouseFailure.Server, error.Failure);
        Assert.Equal(395, error.ServerCode);   // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO
        Assert.InRange(rows, 1, 1_500_000);
    }

    [Fact]
    public void AQuerySlowerThanTheTimeoutFailsAsATimeoutSoonAfterIt()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http(timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<ClickHouseException>(() => http.Execute("SELECT sleep(3)"));
        Assert.Equal(ClickHouseFailure.Timeout, error.Failure);
        Assert.Contains("did not answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 2.5);
    }

    [Fact]
    public void TheTimeoutCoversAStreamedAnswerToo()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http(timeoutSeconds: 2);
        var clock = Stopwatch.StartNew();
        var rows = 0L;
        // Four blocks of 500 000 rows, one a second: the first block's rows (and the headers) arrive after
        // ~1 s, so the deadline passes while the body streams, not while waiting for the headers.
        var error = Assert.Throws<ClickHouseException>(() =>
        {
            using var reader = http.Query("SELECT number, sleep(1) FROM numbers(2000000) SETTINGS max_block_size = 500000");
            while (reader.Read())
            {
                rows++;
            }
        });
        Assert.Equal(ClickHouseFailure.Timeout, error.Failure);
        Assert.InRange(rows, 1, 1_999_999);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 3.5);
    }

    [Fact]
    public void AWholeAnswerCutByTheTimeoutIsATimeoutNotAShortAnswer()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http(timeoutSeconds: 2);
        var error = Assert.Throws<ClickHouseException>(() => http.Execute("SELECT number, sleep(1) FROM numbers(2000000) SETTINGS max_block_size = 500000"));
        Assert.Equal(ClickHouseFailure.Timeout, error.Failure);
    }

    [Fact]
    public void AnAddressWhereNothingListensIsUnreachableAtOnce()
    {
        using var http = As("default", "", timeoutSeconds: 5, url: "http://127.0.0.1:18999");
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<ClickHouseException>(() => http.Execute("SELECT 1"));
        Assert.Equal(ClickHouseFailure.Unreachable, error.Failure);
        Assert.StartsWith("Cannot reach ClickHouse at http://127.0.0.1:18999 database protocollang: ", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed.TotalSeconds < 4);
    }
}
