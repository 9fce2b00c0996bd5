using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>How one value differs between the old and the new results.</summary>
internal enum ChangeKind
{
    /// <summary>Present only in the new results.</summary>
    Added,

    /// <summary>Present only in the old results.</summary>
    Removed,

    /// <summary>A number that moved beyond the tolerance.</summary>
    Moved,

    /// <summary>Any other value (text, true/false, null, or a number that became something else).</summary>
    Changed,
}

/// <summary>One difference at a JSON path such as <c>analyses[2].compare.rows[0].test.pValue</c>.</summary>
internal sealed record ValueChange(string Path, ChangeKind Kind, JsonNode? Old, JsonNode? New)
{
    /// <summary>The last property name of the path (<c>pValue</c>), or empty for an array item.</summary>
    public string Name
    {
        get
        {
            var dot = Path.LastIndexOf('.');
            var name = dot < 0 ? Path : Path[(dot + 1)..];
            var bracket = name.IndexOf('[', System.StringComparison.Ordinal);
            return bracket < 0 ? name : name[..bracket];
        }
    }
}
