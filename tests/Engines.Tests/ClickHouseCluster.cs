using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using ProtocolLang.Runtime.Data.Engines;

namespace Engines.Tests;

/// <summary>
/// The two-shard cluster of scripts/clickhouse-cluster.sh: its addresses, and the one check that it is up and loaded.
/// A test that needs it calls <see cref="Require"/> first and fails (not skips) when it is down, so a CI run without
/// the servers cannot pass by running nothing.
/// </summary>
internal static class ClickHouseCluster
{
    public const string Shard1 = "http://127.0.0.1:18123";
    public const string Shard2 = "http://127.0.0.1:18124";
    public const string StartHint = "start the servers with scripts/clickhouse-cluster.sh up --load";

    /// <summary>The password of the cluster's <c>reader</c> user (scripts/clickhouse-cluster.sh's users.xml).</summary>
    public const string ReaderPassword = "reader-secret";

    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>A connection string for the loader: user <c>reader</c> with <paramref name="password"/>, database protocollang.</summary>
    public static string ReaderConnectionString(string url = Shard1, string password = ReaderPassword, string extra = "") =>
        $"Url={url};Database=protocollang;User=reader;Password={password}{extra}";

    /// <summary>A connection string to <paramref name="url"/>, database protocollang, user default.</summary>
    public static string ConnectionString(string url = Shard1, string extra = "") =>
        $"Url={url};Database=protocollang;User=default;Password={extra}";

    public static ClickHouseHttp Http(string url = Shard1, double timeoutSeconds = 30) =>
        new(ClickHouseConnectionInfo.Parse(ConnectionString(url)).WithTimeout(TimeSpan.FromSeconds(timeoutSeconds)));

    public static void Require()
    {
        if (Problem.Value is { } problem)
        {
            Assert.Fail($"The ClickHouse cluster is not reachable ({problem}): {StartHint}.");
        }
    }

    /// <summary>The example's data file, found from the test's output directory up to the repository root.</summary>
    public static string ExampleCsv(string table)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtocolLang.sln")))
            {
                return Path.Combine(dir.FullName, "examples", "Nxp2Jdm", "data", table + ".csv");
            }
        }

        throw new InvalidOperationException("ProtocolLang.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The example CSV as header + rows of raw cells (it has no quoted fields).</summary>
    public static (string[] Header, List<string[]> Rows) ReadCsv(string table)
    {
        var lines = File.ReadAllLines(ExampleCsv(table));
        return (lines[0].Split(','), lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList());
    }

    private static string? Probe()
    {
        foreach (var url in new[] { Shard1, Shard2 })
        {
            try
            {
                using var http = Http(url, 5);
                var tables = http.Execute("SELECT count() FROM system.tables WHERE database = 'protocollang' AND name IN ('subjects', 'visits')").Trim();
                if (tables != "2")
                {
                    return $"{url} has no protocollang.subjects and protocollang.visits";
                }
            }
            catch (Exception e) when (e is ClickHouseException or HttpRequestException)
            {
                return e.Message;
            }
        }

        return null;
    }
}
