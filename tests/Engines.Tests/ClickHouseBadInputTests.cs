using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Engines.Tests;
using ProtocolLang.Cli.Commands;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// What a study reading ClickHouse says when the table, a column, the login or the server is wrong: a fatal PL4xxx problem
/// naming the source as written, exit code 1 (a source that does not match or cannot be reached), within a bound, and never the password; and hostile text in
/// the data stays data. Extra tables are the test's own (<c>s11_ch_*</c>, on shard 1 only) and are dropped afterwards.
/// </summary>
public sealed class ClickHouseBadInputTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly EngineStudies _studies = new();
    private readonly string _table = "s11_ch_" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose()
    {
        _studies.Dispose();
        try
        {
            using var http = ClickHouseCluster.Http();
            http.Execute($"DROP TABLE IF EXISTS protocollang.{_table}");
        }
        catch (ClickHouseException)
        {
            // The cluster is gone: the test itself has said so already.
        }
    }

    [Fact]
    public void AnUnknownTableIsPL4050NamingTheSourceAndTheNearestTable()
    {
        ClickHouseCluster.Require();
        var run = RunWith("clickhouse \"warehouse\" table \"protocollang.subject\"", ClickHouseCluster.ReaderConnectionString(), "unknown-table");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("clickhouse \"warehouse\" table \"protocollang.subject\": error PL4050: table 'subjects': database 'protocollang' of the server has no table 'subject'", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'subjects'?", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, ClickHouseCluster.ReaderPassword);
    }

    [Fact]
    public void AColumnOfAnIncompatibleTypeIsPL4051AndAMissingColumnPL4004()
    {
        ClickHouseCluster.Require();
        Execute($"""
            CREATE TABLE protocollang.{_table} ENGINE = MergeTree ORDER BY id AS
            SELECT id, antibody, onset, toString(age) AS age, sex, ck, cmas, mas, myocardial, dysphagia, relapse_months, relapsed FROM protocollang.subjects
            """);

        var source = $"clickhouse \"warehouse\" table \"{_table}\"";
        var run = RunWith(source, ClickHouseCluster.ReaderConnectionString(), "wrong-type");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains($"{source}(column 'age'): error PL4051: column 'age' is declared number but is String in {source}; expected an Int*, UInt*, Float32, Float64 or Decimal column", run.Error, StringComparison.Ordinal);
        Assert.Contains($"(column 'calcinosis'): error PL4004: column 'calcinosis' is declared but {source} has no such column", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongPasswordIsALoginRefusalThatNeverQuotesThePassword()
    {
        ClickHouseCluster.Require();
        const string wrong = "Wr0ng-Key-4711";
        var run = RunWith(FourSourceRuns.ClickHouseSubjects, ClickHouseCluster.ReaderConnectionString(password: wrong), "wrong-password");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("clickhouse \"warehouse\" table \"protocollang.subjects\": error PL4054: table 'subjects': the server refused the login of connection 'warehouse' (ClickHouse code 193", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, wrong);
    }

    [Fact]
    public void AClosedPortIsPL4054SaidPromptly()
    {
        var down = FreePort();
        var run = Bounded(() => RunWith(FourSourceRuns.ClickHouseSubjects, ClickHouseCluster.ReaderConnectionString(url: $"http://127.0.0.1:{down}"), "closed-port"));

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains($"clickhouse \"warehouse\" table \"protocollang.subjects\": error PL4054: table 'subjects': Cannot reach ClickHouse at http://127.0.0.1:{down} database protocollang", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, ClickHouseCluster.ReaderPassword);
    }

    [Fact]
    public void AServerThatNeverAnswersIsATimeoutPL4055()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accept = silent.AcceptSocketAsync();   // accepts the connection and never says a word

        var run = Bounded(() => RunWith(FourSourceRuns.ClickHouseSubjects,
            ClickHouseCluster.ReaderConnectionString(url: $"http://127.0.0.1:{port}", extra: ";Timeout=2"), "silent-server"));

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains($"clickhouse \"warehouse\" table \"protocollang.subjects\": error PL4055: table 'subjects': ClickHouse at http://127.0.0.1:{port} database protocollang did not answer within 2 s", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, ClickHouseCluster.ReaderPassword);
        GC.KeepAlive(accept);
    }

    [Fact]
    public void AConnectionStringWithAnUnknownKeyIsPL4056WithoutQuotingIt()
    {
        var run = RunWith(FourSourceRuns.ClickHouseSubjects, "Url=http://127.0.0.1:18123;Pasword=Typo-Secret-99", "bad-string");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("error PL4056: table 'subjects': the connection string of 'warehouse' (from ", run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Contains("Unknown key 'pasword'", StringComparison.Ordinal), run.Error);
        AssertNoSecret(run, "Typo-Secret-99");
    }

    [Fact]
    public void ALevelThatLooksLikeSqlWithAQuoteBackslashAndNewlineStaysData()
    {
        ClickHouseCluster.Require();
        const string hostile = "'; DROP TABLE subjects; --\\ \"x\"\nDROP TABLE visits";
        Execute($"""
            CREATE TABLE protocollang.{_table} ENGINE = MergeTree ORDER BY id AS
            SELECT id, antibody, onset, age, if(id = 'P002', {ClickHouseSql.Literal(hostile)}, sex) AS sex, ck, cmas, mas, myocardial, dysphagia, calcinosis, relapse_months, relapsed
            FROM protocollang.subjects
            """);

        var run = RunWith($"clickhouse \"warehouse\" table \"{_table}\"", ClickHouseCluster.ReaderConnectionString(), "hostile-level");

        Assert.Equal(ExitCodes.DataErrors, run.Exit);
        Assert.Contains("error PL4013: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("'; DROP TABLE subjects; --", run.Error, StringComparison.Ordinal);
        Assert.Equal("1", Execute($"SELECT count() FROM protocollang.{_table} WHERE sex = {ClickHouseSql.Literal(hostile)}").Trim());
        Assert.Equal("67", Execute("SELECT count() FROM protocollang.subjects").Trim());
        Assert.Equal("332", Execute("SELECT count() FROM protocollang.visits").Trim());
    }

    private static string Execute(string sql)
    {
        using var http = ClickHouseCluster.Http();
        return http.Execute(sql);
    }

    /// <summary>The run, which must return within <see cref="Guard"/> (a generous bound: the point is that it returns).</summary>
    private static RunRecord Bounded(Func<RunRecord> run)
    {
        var task = Task.Run(run);
        Assert.True(task.Wait(Guard), "the run did not return within 30 s");
        return task.Result;
    }

    private static void AssertNoSecret(RunRecord run, string secret)
    {
        var written = run.EverythingWritten();
        Assert.True(written.Length > 0, "the run wrote nothing to look in");
        Assert.DoesNotContain(secret, written, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", written, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The example with its subjects from <paramref name="subjects"/> and visits from the cluster's table, connection 'warehouse'.</summary>
    private RunRecord RunWith(string subjects, string connectionString, string name)
    {
        var study = _studies.ExampleFrom(name, subjects, FourSourceRuns.ClickHouseVisits, EngineStudies.ConnectionsFile("warehouse", connectionString));
        return _studies.Run(study, name);
    }
}
