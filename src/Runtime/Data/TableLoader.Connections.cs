using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Data;

/// <summary>The first step every server table (PostgreSQL, ClickHouse) shares: its connection name resolved.</summary>
internal sealed partial class TableLoader
{
    /// <summary>
    /// The connection of the table's <c>from</c> clause (<see cref="ConnectionResolver"/>); null, with the problem recorded
    /// (an unknown name, an unusable connections file), when it does not resolve.
    /// </summary>
    private ConnectionLookup? ResolveConnection(ConnectionResolver connections)
    {
        var lookup = connections.Resolve(_table.Source);
        if (lookup.Found)
        {
            return lookup;
        }

        _problems.Add(lookup.FailureCode!, 0, null, $"table '{_table.Name}': {lookup.Failure}");
        return null;
    }
}
