using System;
using System.Collections.Generic;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// Sprache's input over a window <c>[Position, End)</c> of the whole source text, so that one
/// declaration can be parsed on its own while every position stays an absolute offset into the
/// file. This is the one place where Sprache positions meet ours: <see cref="Position"/> is our
/// offset, and Sprache's 1-based <see cref="Line"/>/<see cref="Column"/> are derived from
/// <see cref="SourceText"/> (only Sprache's own messages use them).
/// </summary>
internal sealed class SourceInput : IInput, IEquatable<IInput>
{
    private readonly SourceText _source;
    private IDictionary<object, object>? _memos;

    public SourceInput(SourceText source, int position, int end)
    {
        _source = source;
        Position = position;
        End = end;
    }

    public int End { get; }

    public string Source => _source.Text;

    public char Current => Position < End ? _source.Text[Position] : '\0';

    public bool AtEnd => Position >= End;

    public int Position { get; }

    public int Line => _source.GetLinePosition(Position).Line + 1;

    public int Column => _source.GetLinePosition(Position).Character + 1;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    /// <summary>The span between two Sprache inputs (their absolute positions).</summary>
    public static TextSpan SpanBetween(IInput start, IInput end) => TextSpan.FromBounds(start.Position, end.Position);

    public IInput Advance() =>
        AtEnd ? throw new InvalidOperationException("The input is already at the end of the window.") : At(Position + 1);

    /// <summary>The same window at another absolute position (used by the token parsers to jump over a token).</summary>
    public SourceInput At(int position) => new(_source, position, End);

    /// <summary>The same position in a shorter window ending at <paramref name="end"/> (an analysis clause inside an expression's reach).</summary>
    public SourceInput Until(int end) => new(_source, Position, end < Position ? Position : end);

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(other.Source, Source) && other.Position == Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;

    public override string ToString() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, "Line {0}, Column {1}", Line, Column);
}
