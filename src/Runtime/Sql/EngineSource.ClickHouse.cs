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
            () => ClickHouseColumns(table, source, Translate), Translate);
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
