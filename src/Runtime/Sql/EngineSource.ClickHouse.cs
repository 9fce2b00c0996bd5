using System;
using System.Collections.Generic;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// <c>from clickhouse "CONNECTION" table "[database.]name"</c> in a <c>compute in engine</c> run: the connection name is
/// resolved as for the in-memory load (<see cref="ConnectionResolver"/>), the queries go over HTTP
/// (<see cref="ClickHouseSqlEngine"/>, values as literals since 18.16 binds none), the catalog is <c>system.columns</c>.
/// A Distributed table is queried as any table: the server that receives the query aggregates over the shards, so a
/// GROUP BY of the key counts a key held on both shards as held twice. Every failure is the data problem the in-memory
/// load gives for it (PL4050, PL4054-PL4057, <see cref="ClickHouseMessages"/>), whose text never holds the password.
/// </summary>
internal sealed partial class EngineSource
{
    private static EngineSource OpenClickHouse(TableSchema table, ConnectionResolver connections)
    {
        var lookup = connections.Resolve(table.Source);
        if (!lookup.Found)
        {
            throw Failure(table, lookup.FailureCode!, ClickHouseMessages.Unresolved(table, lookup));
        }

        ClickHouseHttp http;
        try
        {
            http = new ClickHouseHttp(ClickHouseConnectionInfo.Parse(lookup.ConnectionString!));
        }
        catch (FormatException e)
        {
            throw Failure(table, DataProblemCodes.InvalidConnectionSettings, ClickHouseMessages.InvalidConnectionString(table, lookup, e.Message));
        }

        string name = table.SourceTable ?? throw new ArgumentException($"Table '{table.Name}': a ClickHouse source needs the name of its table.");
        var source = ClickHouseSource.Open(http, name);
        Exception? Translate(Exception e) => e is ClickHouseException failure ? Failure(table, ClickHouseMessages.Classify(table, lookup, failure)) : null;
        string from = ClickHouseSql.QualifiedName(source.Database, source.Table);
        return new EngineSource(source, new ClickHouseSqlEngine(http), _ => from, "clickhouse", table.Source, name,
            () => ClickHouseColumns(table, source, Translate), Translate)
        {
            _keysStayOnOneShard = new Lazy<bool>(() => table.Key is { } key && ShardedByKey(http, source, key, Translate)),
        };
    }

    /// <summary>The deterministic hashes a sharding key may apply to the study's key alone (rand() and the like are not).</summary>
    private static readonly HashSet<string> KeyHashes = new(StringComparer.Ordinal)
    {
        "cityHash64", "sipHash64", "farmHash64", "metroHash64", "xxHash32", "xxHash64", "murmurHash2_32", "murmurHash2_64", "murmurHash3_32",
        "murmurHash3_64", "intHash32", "intHash64", "javaHash", "hiveHash", "halfMD5",
    };

    /// <summary>
    /// Whether the table is a Distributed table whose sharding key (the fourth argument of its engine in
    /// <c>system.tables.engine_full</c>, which 18.16 has) is the key column itself or one of <see cref="KeyHashes"/> of it:
    /// then an insert through it sent every row of a key to the same shard. Rows written straight into a shard's table
    /// bypass the sharding key; docs/engines.md says the duplicate check trusts it.
    /// </summary>
    private static bool ShardedByKey(ClickHouseHttp http, ClickHouseSource source, string key, Func<Exception, Exception?> translate)
    {
        string engine;
        try
        {
            using var reader = http.Query("SELECT engine_full FROM system.tables WHERE database = " + ClickHouseSql.Literal(source.Database)
                + " AND name = " + ClickHouseSql.Literal(source.Table) + " AND engine = 'Distributed'");
            if (!reader.Read())
            {
                return false;
            }

            engine = reader.GetString(0);
        }
        catch (ClickHouseException e)
        {
            throw translate(e)!;
        }

        return ShardingKey(engine) is { } sharding && IsKeyOnly(sharding, key);
    }

    /// <summary>The fourth top-level argument of <c>Distributed(cluster, database, table, sharding_key[, policy])</c>; null if none.</summary>
    internal static string? ShardingKey(string engineFull)
    {
        int open = engineFull.IndexOf('(', StringComparison.Ordinal);
        if (!engineFull.StartsWith("Distributed(", StringComparison.Ordinal) || open < 0)
        {
            return null;
        }

        var arguments = new List<string>();
        int depth = 0, start = open + 1;
        char quote = '\0';
        for (int i = start; i < engineFull.Length; i++)
        {
            char c = engineFull[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '`' or '"')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if ((c == ',' && depth == 0) || c == ')')
            {
                arguments.Add(engineFull[start..i].Trim());
                start = i + 1;
                if (c == ')')
                {
                    break;
                }
            }
        }

        return arguments.Count >= 4 ? arguments[3] : null;
    }

    /// <summary>True when <paramref name="sharding"/> is <paramref name="key"/> (bare or quoted) or <c>hash(key)</c> of <see cref="KeyHashes"/>.</summary>
    internal static bool IsKeyOnly(string sharding, string key)
    {
        bool IsKey(string text) => text == key || text == ClickHouseSql.Identifier(key);
        int open = sharding.IndexOf('(', StringComparison.Ordinal);
        return IsKey(sharding) || (open > 0 && sharding.EndsWith(')') && KeyHashes.Contains(sharding[..open].Trim()) && IsKey(sharding[(open + 1)..^1].Trim()));
    }

    /// <summary>The table's columns from <c>system.columns</c>; none listed means no such table (or none the user may see): PL4050.</summary>
    private static IReadOnlyList<(string Name, string Type)> ClickHouseColumns(
        TableSchema table, ClickHouseSource source, Func<Exception, Exception?> translate)
    {
        try
        {
            var columns = source.Columns();
            return columns.Count > 0 ? columns
                : throw Failure(table, DataProblemCodes.UnknownSourceTable, ClickHouseMessages.UnknownTable(table, source, source.TableNames()));
        }
        catch (ClickHouseException e)
        {
            throw translate(e)!;
        }
    }

    private static StudyDataException Failure(TableSchema table, (string Code, string Message) problem) => Failure(table, problem.Code, problem.Message);

    private static StudyDataException Failure(TableSchema table, string code, string message) =>
        new(null, [new DataProblem(code, table.SourceLabel, 0, null, message)], 1, [], null);
}
