namespace ProtocolLang.Binding;

/// <summary>
/// The connection name of a server source (<c>postgres "hospital" table "..."</c>, later <c>clickhouse "NAME" table "..."</c>).
/// The name is all a .study file says about a server: the runtime's <c>ConnectionResolver</c> finds the connection string
/// in the environment variable <c>PROTOCOLLANG_CONNECTION_&lt;NAME&gt;</c> or in <c>protocollang.connections.json</c>.
/// </summary>
public static class ConnectionNames
{
    /// <summary>A letter, then letters, digits, <c>_</c>, <c>-</c> or <c>.</c> (ASCII): something an environment variable can be named after.</summary>
    public static bool IsName(string name)
    {
        if (name.Length == 0 || !IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What makes <paramref name="text"/> look like a connection string rather than a name (<c>'='</c>, <c>';'</c>,
    /// <c>'://'</c> or <c>'@'</c>, as in <c>Host=...;Password=...</c> or <c>postgresql://user:pw@host</c>), or null.
    /// </summary>
    public static string? ConnectionStringMark(string text) =>
        text.IndexOf('=') >= 0 ? "'='"
        : text.IndexOf(';') >= 0 ? "';'"
        : text.IndexOf("://", System.StringComparison.Ordinal) >= 0 ? "'://'"
        : text.IndexOf('@') >= 0 ? "'@'"
        : null;

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
