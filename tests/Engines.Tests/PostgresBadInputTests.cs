using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// What a study reading PostgreSQL says when the connection, the server or the table is wrong: a fatal PL4xxx problem
/// naming the source, exit code 2, promptly, and never the password or the connection string in any output.
/// </summary>
public sealed class PostgresBadInputTests : IDisposable
{
    private readonly EngineStudies _studies = new();
    private readonly string _schema = "engines_test_" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose()
    {
        _studies.Dispose();
        try
        {
            PostgresServer.Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
        catch (Xunit.Sdk.FailException)
        {
            // The server is gone: the test itself has said so already.
        }
    }

    [Fact]
    public void AnUnknownConnectionNameSaysWhichVariableAndFileWereLookedFor()
    {
        var study = _studies.ExampleFrom("unknown-connection", "postgres \"nowhere\" table \"public.subjects\"", PostgresRuns.Visits, connections: null);

        var run = _studies.Run(study, "unknown-connection");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("postgres \"nowhere\" table \"public.subjects\": error PL4053: table 'subjects': connection 'nowhere' is not defined: set the environment variable PROTOCOLLANG_CONNECTION_NOWHERE", run.Error, StringComparison.Ordinal);
        Assert.Contains("protocollang.connections.json (which does not exist)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEnvironmentVariableOfAConnectionNameIsRead()
    {
        PostgresServer.EnsureRunning();
        var name = "env" + Guid.NewGuid().ToString("N")[..8];
        var variable = "PROTOCOLLANG_CONNECTION_" + name.ToUpperInvariant();
        var study = _studies.ExampleFrom("from-environment", $"postgres \"{name}\" table \"public.subjects\"", $"postgres \"{name}\" table \"clinic.visits\"",
            EngineStudies.ConnectionsFile(name, "Host=127.0.0.1;Port=1;Username=wrong;Password=wrong"));
        Environment.SetEnvironmentVariable(variable, PostgresServer.ConnectionString);
        try
        {
            var run = _studies.Run(study, "from-environment");

            Assert.True(run.Exit == 0, run.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void AnUnknownTableIsPL4050NamingTheSourceAndTheNearestTable()
    {
        PostgresServer.EnsureRunning();
        var run = RunWith("postgres \"ci\" table \"public.subject\"", PostgresServer.ConnectionString, "unknown-table");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("postgres \"ci\" table \"public.subject\": error PL4050: table 'subjects': the server has no table or view 'public.subject'", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'subjects'?", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, PostgresServer.Password);
    }

    [Fact]
    public void AColumnOfAnIncompatibleTypeIsPL4051AndAMissingColumnPL4004()
    {
        PostgresServer.Execute($"""
            CREATE SCHEMA {_schema};
            CREATE TABLE {_schema}.subjects AS SELECT * FROM public.subjects;
            ALTER TABLE {_schema}.subjects ALTER COLUMN age TYPE text;
            ALTER TABLE {_schema}.subjects DROP COLUMN calcinosis;
            """);

        var run = RunWith($"postgres \"ci\" table \"{_schema}.subjects\"", PostgresServer.ConnectionString, "wrong-type");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains($"(column 'age'): error PL4051: column 'age' is declared number but is text in postgres \"ci\" table \"{_schema}.subjects\"; expected an integer, real, double precision or numeric column", run.Error, StringComparison.Ordinal);
        Assert.Contains($"(column 'calcinosis'): error PL4004: column 'calcinosis' is declared but postgres \"ci\" table \"{_schema}.subjects\" has no such column", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, PostgresServer.Password);
    }

    [Fact]
    public void AWrongPasswordIsALoginRefusalThatNeverQuotesThePassword()
    {
        PostgresServer.EnsureRunning();
        const string wrong = "Wr0ng-Secret-4711";
        var run = RunWith("postgres \"ci\" table \"public.subjects\"", PostgresServer.ConnectionString.Replace(PostgresServer.Password, wrong, StringComparison.Ordinal), "wrong-password");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("postgres \"ci\" table \"public.subjects\": error PL4054: table 'subjects': the server at 127.0.0.1:55432 refused the login of connection 'ci' (SQLSTATE 28P01", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, wrong);
    }

    [Fact]
    public void AServerThatIsDownIsPL4054SaidPromptly()
    {
        var down = FreePort();
        var started = DateTime.UtcNow;
        var run = RunWith("postgres \"ci\" table \"public.subjects\"",
            PostgresServer.ConnectionString.Replace("Port=55432", $"Port={down}", StringComparison.Ordinal), "server-down");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains($"postgres \"ci\" table \"public.subjects\": error PL4054: table 'subjects': the server at 127.0.0.1:{down} could not be reached (ConnectionRefused)", run.Error, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "the run took too long");
        AssertNoSecret(run, PostgresServer.Password);
    }

    [Fact]
    public void AServerThatNeverAnswersIsATimeoutPL4055()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accept = silent.AcceptSocketAsync();   // accepts the connection and never says a word

        var run = RunWith("postgres \"ci\" table \"public.subjects\"",
            PostgresServer.ConnectionString.Replace("Port=55432", $"Port={port}", StringComparison.Ordinal).Replace("Timeout=10", "Timeout=2", StringComparison.Ordinal),
            "silent-server");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains($"postgres \"ci\" table \"public.subjects\": error PL4055: table 'subjects': the server at 127.0.0.1:{port} did not answer within the timeout", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, PostgresServer.Password);
        GC.KeepAlive(accept);
    }

    [Fact]
    public void AQueryLongerThanTheCommandTimeoutIsCancelledAsPL4055()
    {
        PostgresServer.Execute($"""
            CREATE SCHEMA {_schema};
            CREATE VIEW {_schema}.slow_subjects AS SELECT s.* FROM public.subjects s, (SELECT pg_sleep(5)) p;
            """);

        var run = RunWith($"postgres \"ci\" table \"{_schema}.slow_subjects\"",
            PostgresServer.ConnectionString.Replace("Command Timeout=30", "Command Timeout=1", StringComparison.Ordinal), "slow-view");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("error PL4055: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Command Timeout", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, PostgresServer.Password);
    }

    [Fact]
    public void AConnectionStringThatNpgsqlRefusesIsPL4056WithoutQuotingIt()
    {
        var run = RunWith("postgres \"ci\" table \"public.subjects\"", "Host=127.0.0.1;Pasword=Typo-Secret-99;Colour=blue", "bad-string");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("error PL4056: ", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run, "Typo-Secret-99");
    }

    [Fact]
    public void ALevelThatLooksLikeSqlStaysData()
    {
        const string hostile = "'; DROP TABLE subjects; --";
        PostgresServer.Execute($"""
            CREATE SCHEMA {_schema};
            CREATE TABLE {_schema}.subjects AS SELECT * FROM public.subjects;
            UPDATE {_schema}.subjects SET sex = '{hostile.Replace("'", "''", StringComparison.Ordinal)}' WHERE id = 'P002';
            """);

        var run = RunWith($"postgres \"ci\" table \"{_schema}.subjects\"", PostgresServer.ConnectionString, "hostile-level");

        Assert.Equal(ExitCodes.DataErrors, run.Exit);
        Assert.Contains("error PL4013: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(hostile, run.Error, StringComparison.Ordinal);
        PostgresServer.Execute($"SELECT count(*) FROM {_schema}.subjects; SELECT count(*) FROM public.subjects");
    }

    private static void AssertNoSecret(RunRecord run, string secret)
    {
        var written = run.EverythingWritten();
        Assert.True(written.Length > 0, "the run wrote nothing to look in");
        Assert.DoesNotContain(secret, written, StringComparison.Ordinal);
        Assert.DoesNotContain("Username=", written, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The example with its subjects from <paramref name="subjects"/> (visits from the server's own table), connection 'ci' = <paramref name="connectionString"/>.</summary>
    private RunRecord RunWith(string subjects, string connectionString, string name)
    {
        var study = _studies.ExampleFrom(name, subjects, PostgresRuns.Visits, EngineStudies.ConnectionsFile("ci", connectionString));
        return _studies.Run(study, name);
    }
}
