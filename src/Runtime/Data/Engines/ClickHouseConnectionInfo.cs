using System;
using System.Data.Common;
using System.Globalization;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// Where a ClickHouse server is and who we are to it, parsed from our own connection string form
/// <c>Url=http://127.0.0.1:18123;Database=protocollang;User=default;Password=;Timeout=30</c> (keys in any case and
/// order; a value holding <c>;</c> goes in double quotes, as in any ADO.NET connection string). Only <c>Url</c> is
/// required; <c>Database</c> and <c>User</c> default to <c>default</c>, <c>Password</c> to empty, <c>Timeout</c>
/// (seconds, for one whole query) to 30.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> and every parse error leave the password out: the connection string comes from an
/// environment variable or a local connections file and must never reach a report or a message.
/// </remarks>
internal sealed class ClickHouseConnectionInfo
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private ClickHouseConnectionInfo(Uri url, string database, string user, string password, TimeSpan timeout)
    {
        Url = url;
        Database = database;
        User = user;
        Password = password;
        Timeout = timeout;
    }

    /// <summary>The HTTP interface's base address, e.g. <c>http://127.0.0.1:18123/</c>.</summary>
    public Uri Url { get; }

    public string Database { get; }

    public string User { get; }

    public string Password { get; }

    public TimeSpan Timeout { get; }

    /// <exception cref="FormatException">The text is not of the form above; the message names the key at fault, never a value.</exception>
    public static ClickHouseConnectionInfo Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // DbConnectionStringBuilder's own message is safe today, but it is not ours to promise that.
            throw new FormatException("A ClickHouse connection string is 'Url=...;Database=...;User=...;Password=...' (key=value pairs separated by ';').");
        }

        string? url = null, database = null, user = null, password = null, timeout = null;
        foreach (string key in builder.Keys)
        {
            var value = Convert.ToString(builder[key], CultureInfo.InvariantCulture) ?? "";
            switch (key.ToUpperInvariant())
            {
                case "URL": url = value; break;
                case "DATABASE": database = value; break;
                case "USER": user = value; break;
                case "PASSWORD": password = value; break;
                case "TIMEOUT": timeout = value; break;
                default: throw new FormatException($"Unknown key '{key}' in a ClickHouse connection string; expected Url, Database, User, Password, Timeout.");
            }
        }

        if (string.IsNullOrEmpty(url))
        {
            throw new FormatException("A ClickHouse connection string needs 'Url=http://host:port' (the server's HTTP interface).");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException("'Url' of a ClickHouse connection string must be an absolute http:// or https:// address.");
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            // Credentials travel in headers only (an address is quoted in messages); settings are ours to set.
            throw new FormatException("'Url' of a ClickHouse connection string takes no user, password, query or fragment; use the User and Password keys.");
        }

        var seconds = 0.0;
        if (timeout is not null
            && (!double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || !(seconds > 0) || seconds > 86400))
        {
            throw new FormatException("'Timeout' of a ClickHouse connection string is a number of seconds, more than 0 and at most 86400.");
        }

        return new ClickHouseConnectionInfo(
            uri,
            string.IsNullOrEmpty(database) ? "default" : database,
            string.IsNullOrEmpty(user) ? "default" : user,
            password ?? "",
            timeout is null ? DefaultTimeout : TimeSpan.FromSeconds(seconds));
    }

    /// <summary>A copy with another timeout (a test's short one, a long scan's).</summary>
    public ClickHouseConnectionInfo WithTimeout(TimeSpan timeout) => new(Url, Database, User, Password, timeout);

    /// <summary>The server and database, as messages and provenance name them: no user, no password.</summary>
    public override string ToString() => Url.GetLeftPart(UriPartial.Authority) + " database " + Database;
}
