using System.Collections.Generic;

namespace ProtocolLang.Cli.Diff;

/// <summary>A run of text, plain or code (an id, a line of the study, a file path).</summary>
internal sealed record Inline(string Text, bool Code = false);

/// <summary>One block of the diff as read: Markdown and HTML render the same blocks (<see cref="DiffDocumentBuilder"/>).</summary>
internal abstract record Block;

internal sealed record HeadingBlock(int Level, IReadOnlyList<Inline> Text) : Block;

internal sealed record ParagraphBlock(IReadOnlyList<Inline> Text) : Block;

internal sealed record ListBlock(IReadOnlyList<IReadOnlyList<Inline>> Items) : Block;

/// <summary>A table; <see cref="Numeric"/> marks the columns of numbers (right-aligned, never wrapped).</summary>
internal sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<bool> Numeric, IReadOnlyList<IReadOnlyList<Inline>> Rows) : Block;
