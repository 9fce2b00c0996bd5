using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using Npgsql;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// The text of a PostgreSQL source's problems; the problem's file is the source (<see cref="TableSchema.SourceLabel"/>), so a
/// message starts from the study's table. Npgsql's and the server's own words are never passed on as they are: an
/// exception is classified (unreachable, login refused, timeout, server error) and re-worded here, and the one piece of
/// server text kept (a server error's message) has every value of the connection string removed first, so neither a
/// password nor the connection string reaches a report, results.json, the problems file or the console.
/// </summary>
internal static class PostgresMessages
{
    private const int MaxNames = 20;

    /// <param name="tables">What the user sees, as <see cref="PostgresSource.TableNames"/> lists them (<c>name</c> for schema <c>public</c>).</param>
    public static string UnknownTable(TableSchema table, IReadOnlyList<string> tables)
    {
        var (schema, name) = PostgresSource.SplitTableName(table.SourceTable ?? string.Empty);
        var wanted = string.Equals(schema, "public", StringComparison.Ordinal) ? name : schema + "." + name;
        var message = $"table '{table.Name}': the server has no table or view '{ValueExcerpt.Of(table.SourceTable ?? string.Empty)}' the connection's user can see ({(tables.Count == 0 ? "it sees no tables" : "tables: " + Names(tables))})";
        return NearestName.Find(wanted, tables) is { } near ? $"{message}; did you mean '{ValueExcerpt.Of(near)}'?" : message;
    }

    public static string Unresolved(TableSchema table, ConnectionLookup lookup) => $"table '{table.Name}': {lookup.Failure}";

    public static string InvalidConnectionString(TableSchema table, ConnectionLookup lookup) =>
        $"table '{table.Name}': the connection string of '{lookup.Name}' (from {lookup.Origin}) is not one Npgsql accepts (an unknown keyword or a malformed value; it is not quoted here, as it may hold a password)";

    /// <summary>The problem code and message for an exception of Npgsql or the server; null for anything else (a bug: let it surface).</summary>
    public static (string Code, string Message)? Classify(TableSchema table, ConnectionLookup lookup, Exception exception)
    {
        var where = $"table '{table.Name}'";
        var server = Server(lookup.ConnectionString!);
        switch (exception)
        {
            case PostgresException { SqlState: var state } e when state.StartsWith("28", StringComparison.Ordinal):
                return (DataProblemCodes.ConnectionFailed,
                    $"{where}: the server {server} refused the login of connection '{lookup.Name}' (SQLSTATE {e.SqlState}: wrong user name or password, or no such user); check the connection string in {lookup.Origin}");
            case PostgresException { SqlState: "3D000" }:
                return (DataProblemCodes.ConnectionFailed,
                    $"{where}: the server {server} has no database of the name connection '{lookup.Name}' gives (SQLSTATE 3D000); check the connection string in {lookup.Origin}");
            case PostgresException { SqlState: "57014" }:
                return (DataProblemCodes.ServerTimeout,
                    $"{where}: the query was cancelled after its command timeout (SQLSTATE 57014); a larger 'Command Timeout' (seconds) in the connection string allows more");
            case PostgresException e:
                return (DataProblemCodes.ServerError,
                    $"{where}: the server reported an error (SQLSTATE {e.SqlState}): {Scrub(FirstLine(e.MessageText), lookup.ConnectionString!)}");
            case NpgsqlException e when Find<TimeoutException>(e) is not null:
                return (DataProblemCodes.ServerTimeout,
                    $"{where}: the server {server} did not answer within the timeout (connect 'Timeout', or 'Command Timeout' for a query, in seconds in the connection string)");
            case NpgsqlException e when Find<SocketException>(e) is { } socket:
                return (DataProblemCodes.ConnectionFailed,
                    $"{where}: the server {server} could not be reached ({socket.SocketErrorCode}); is it running, and are the host and port of connection '{lookup.Name}' right?");
            case NpgsqlException:
                return (DataProblemCodes.ConnectionFailed,
                    $"{where}: the connection to the server {server} failed or was lost while reading");
            case TimeoutException:
                return (DataProblemCodes.ServerTimeout,
                    $"{where}: the server {server} did not answer within the timeout");
            default:
                return null;
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every value of the connection string (password, user, host, database...) and the whole
    /// string replaced by <c>***</c>: server text can echo a setting back (a user or database name, in the worst case a password).
    /// </summary>
    public static string Scrub(string text, string connectionString)
    {
        var secrets = new List<string> { connectionString };
        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (string key in builder.Keys)
            {
                var value = Convert.ToString(builder[key], CultureInfo.InvariantCulture) ?? string.Empty;
                var isPassword = key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase);

                // Short values (a port, 'true', a timeout) would blank out unrelated words; a password goes whatever its length.
                if (isPassword || value.Length >= 3)
                {
                    secrets.Add(value);
                }
            }
        }
        catch (ArgumentException)
        {
            // Not parseable: the whole string is still removed.
        }

        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary><c>host:port</c> of the connection string (not a credential; the message needs it), or "" when not parseable.</summary>
    private static string Server(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.Create(CultureInfo.InvariantCulture, $"at {builder.Host}:{builder.Port}");
        }
        catch (ArgumentException)
        {
            return string.Empty;
        }
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Names(IReadOnlyList<string> names) => names.Count <= MaxNames
        ? string.Join(", ", names.Select(ValueExcerpt.Of))
        : string.Join(", ", names.Take(MaxNames).Select(ValueExcerpt.Of)) + string.Create(CultureInfo.InvariantCulture, $", ... ({names.Count})");

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
