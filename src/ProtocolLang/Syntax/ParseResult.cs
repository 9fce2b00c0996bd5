using System.Collections.Immutable;
using ProtocolLang.Diagnostics;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary>
/// What the parser gives back: the tree (null only when not even the <c>study</c> header could be
/// read) and every syntax diagnostic in the file. Declarations that failed to parse are left out of
/// <see cref="StudySyntax.Declarations"/> and reported.
/// </summary>
public sealed record ParseResult(SourceText Source, StudySyntax? Study, ImmutableArray<Diagnostic> Diagnostics);
