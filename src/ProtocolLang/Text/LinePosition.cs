namespace ProtocolLang.Text;

/// <summary>A zero-based line and character position, as Roslyn's <c>LinePosition</c>.</summary>
public readonly record struct LinePosition(int Line, int Character)
{
    /// <summary>One-based "line,column" as compilers print it.</summary>
    public string ToDisplayString() => $"{(Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)},{(Character + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>A zero-based start and end position.</summary>
public readonly record struct LinePositionSpan(LinePosition Start, LinePosition End);
