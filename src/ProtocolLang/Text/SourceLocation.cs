namespace ProtocolLang.Text;

/// <summary>
/// Where something is in a source file, carried as a value so it can live in the generator's
/// equatable model and become a Roslyn <c>Location</c> only when reported.
/// </summary>
public readonly record struct SourceLocation(string Path, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary><c>path(line,col)</c> with one-based line and column.</summary>
    public override string ToString() => $"{Path}({LineSpan.Start.ToDisplayString()})";
}
