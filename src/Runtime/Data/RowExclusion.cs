namespace ProtocolLang.Runtime.Data;

/// <summary>A data row that was read but not kept, and why (the message of its first problem).</summary>
/// <param name="SourceRow">1-based data row in the file (header not counted).</param>
public sealed record RowExclusion(int SourceRow, string Reason);
