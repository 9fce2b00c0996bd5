using System;
using Npgsql;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// The private PostgreSQL server of <c>scripts/engines.sh up</c> (127.0.0.1:55432, the example's tables public.subjects
/// and clinic.visits). A test that needs it fails, rather than skips, when it is not there: CI must run these.
/// </summary>
internal static class PostgresServer
{
    public const string Password = "protocollang-ci";

    public const string ConnectionString =
        "Host=127.0.0.1;Port=55432;Database=protocollang;Username=protocollang;Password=" + Password + ";Timeout=10;Command Timeout=30";

    /// <summary>Fails the test with what to do when the server does not answer.</summary>
    public static void EnsureRunning()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Assert.Fail($"PostgreSQL is not reachable at 127.0.0.1:55432 ({e.GetType().Name}): start the servers with scripts/engines.sh up");
        }
    }

    /// <summary>Runs SQL as the test user (the owner of the database, so it may create schemas and tables for a test).</summary>
    public static void Execute(string sql)
    {
        EnsureRunning();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
