using System.Globalization;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// A warning the compiler gave on the <c>.study</c> file (PL1xxx/PL2xxx, e.g. PL2038 "groups may overlap"), carried
/// in the generated schema so that every run prints it and its report lists it, whoever compiled the code and when.
/// </summary>
/// <param name="File">The <c>.study</c> file name (no directory).</param>
/// <param name="Line">One-based line.</param>
/// <param name="Column">One-based column.</param>
public sealed record StudyDiagnostic(string Code, string File, int Line, int Column, string Message)
{
    /// <summary>As the compiler prints it: <c>nxp2.study(12,5): warning PL2038: ...</c></summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): warning {Code}: {Message}");
}
