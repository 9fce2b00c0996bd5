using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// The text of a ClickHouse source's problems (the problem's file is the source as written, <see cref="TableSchema.SourceLabel"/>).
/// A <see cref="ClickHouseException"/>'s message already names the server and database and has the password masked
/// (<see cref="ClickHouseHttp"/>); here it is classified into the PL4054-PL4057 meanings PostgreSQL's problems have.
/// </summary>
internal static class ClickHouseMessages
{
    private const int MaxNames = 20;

    /// <summary>ClickHouse's error codes for a refused login (18.16: 192 unknown user, 193 wrong password, 194 password
    /// required; later servers: 516 authentication failed) and 81, unknown database, which PostgreSQL's messages also count as
    /// a connection that does not fit the server.</summary>
    private static readonly int[] LoginCodes = [192, 193, 194, 516];

    public static string Unresolved(TableSchema table, ConnectionLookup lookup) => $"table '{table.Name}': {lookup.Failure}";

    /// <param name="reason">The parser's own words, which name a key and never a value (<see cref="ClickHouseConnectionInfo.Parse"/>).</param>
    public static string InvalidConnectionString(TableSchema table, ConnectionLookup lookup, string reason) =>
        $"table '{table.Name}': the connection string of '{lookup.Name}' (from {lookup.Origin}) is not a ClickHouse one: {reason}";

    public static string UnknownTable(TableSchema table, ClickHouseSource source, IReadOnlyList<string> tables)
    {
        var message = $"table '{table.Name}': database '{ValueExcerpt.Of(source.Database)}' of the server has no table '{ValueExcerpt.Of(source.Table)}' ({(tables.Count == 0 ? "it has no tables the user can see" : "tables: " + Names(tables))})";
        return NearestName.Find(source.Table, tables) is { } near ? $"{message}; did you mean '{ValueExcerpt.Of(near)}'?" : message;
    }

    /// <summary>The problem code and message of a failed request.</summary>
    public static (string Code, string Message) Classify(TableSchema table, ConnectionLookup lookup, ClickHouseException exception)
    {
        var where = $"table '{table.Name}'";
        return exception.Failure switch
        {
            ClickHouseFailure.Server when exception.ServerCode is { } code && LoginCodes.Contains(code) => (DataProblemCodes.ConnectionFailed,
                string.Create(CultureInfo.InvariantCulture, $"{where}: the server refused the login of connection '{lookup.Name}' (ClickHouse code {code}: wrong user name or password, or no such user); check the connection string in {lookup.Origin}")),
            ClickHouseFailure.Server when exception.ServerCode == 81 => (DataProblemCodes.ConnectionFailed,
                $"{where}: the server has no database of the name connection '{lookup.Name}' gives (ClickHouse code 81); check the connection string in {lookup.Origin}"),
            ClickHouseFailure.Timeout => (DataProblemCodes.ServerTimeout,
                $"{where}: {exception.Message} A larger 'Timeout' (seconds) in the connection string allows more."),
            ClickHouseFailure.Unreachable => (DataProblemCodes.ConnectionFailed,
                $"{where}: {exception.Message}; is the server running, and is the Url of connection '{lookup.Name}' right?"),
            _ => (DataProblemCodes.ServerError, $"{where}: the server reported an error: {exception.Message}"),
        };
    }

    private static string Names(IReadOnlyList<string> names) => names.Count <= MaxNames
        ? string.Join(", ", names.Select(ValueExcerpt.Of))
        : string.Join(", ", names.Take(MaxNames).Select(ValueExcerpt.Of)) + string.Create(CultureInfo.InvariantCulture, $", ... ({names.Count})");
}
