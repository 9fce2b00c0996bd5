using System;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary>Entry point of the parser. (Placeholder until the Sprache grammar lands.)</summary>
public static class StudyParser
{
    public static ParseResult Parse(SourceText source) =>
        throw new NotSupportedException("The .study parser is not implemented yet.");
}
