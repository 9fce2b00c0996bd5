namespace ProtocolLang.Runtime.Data;

/// <summary>A data row that was read but not kept, and why: the kind of its first problem, without the value.</summary>
/// <param name="SourceRow">1-based data row in the file (header not counted).</param>
/// <param name="Reason">e.g. "column 'age' is outside its range"; the same for every row excluded for that reason.</param>
public sealed record RowExclusion(int SourceRow, string Reason)
{
    /// <summary>The code of the first problem (PL4xxx); PL4016 (a warning) when only the parent row was invalid; empty when not known.</summary>
    public string Code { get; init; } = string.Empty;
}
