using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    /// <summary>
    /// The longest name a study may declare (study, table, column, derive, level, group, outcome).
    /// Every declared name becomes part of C# identifiers; the full metadata name of a generated type
    /// (<c>ProtocolLang.Studies.NAME.NAMEStudy</c>) must stay under 1,024 bytes (CS7013), and 128
    /// characters keeps it far below that while no sensible protocol comes near it.
    /// </summary>
    public const int MaxNameLength = 128;

    /// <summary>The characters of a too-long name that the message quotes.</summary>
    private const int QuotedNameLength = 32;

    /// <summary>PL2080 on every declared name longer than <see cref="MaxNameLength"/>; references are checked where they resolve.</summary>
    private void CheckNameLengths()
    {
        foreach (var (kind, name) in DeclaredNames())
        {
            if (name.Name.Length > MaxNameLength)
            {
                var quoted = name.Name.Substring(0, QuotedNameLength) + "...";
                _diagnostics.Add(DiagnosticDescriptors.NameTooLong, name.Span, kind, quoted,
                    name.Name.Length.ToString(CultureInfo.InvariantCulture), MaxNameLength.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private IEnumerable<(string Kind, IdentifierSyntax Name)> DeclaredNames()
    {
        yield return ("study", _study.Name);
        foreach (var declaration in _study.Declarations)
        {
            switch (declaration)
            {
                case TableSyntax table:
                    yield return ("table", table.Name);
                    foreach (var column in table.Columns)
                    {
                        foreach (var name in column.Names)
                        {
                            yield return ("column", name);
                        }

                        foreach (var level in column.Type.Levels)
                        {
                            yield return ("level", level.Code);
                        }
                    }

                    foreach (var derive in table.Derived)
                    {
                        yield return ("derived variable", derive.Name);
                    }

                    break;
                case DeriveSyntax derive:
                    yield return ("derived variable", derive.Name);
                    break;
                case GroupsSyntax groups:
                    foreach (var group in groups.Groups.Select(g => g.Name))
                    {
                        yield return ("group", group);
                    }

                    break;
                case OutcomeSyntax outcome:
                    yield return ("outcome", outcome.Name);
                    break;
            }
        }
    }
}
