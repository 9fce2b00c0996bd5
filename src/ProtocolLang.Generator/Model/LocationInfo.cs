using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ProtocolLang.Generator.Model;

/// <summary>
/// Where a diagnostic is, as a value. Turned into a Roslyn <see cref="Location"/> only when
/// reported: <see cref="Location.Create(string, TextSpan, LinePositionSpan)"/> works for files that
/// are not C# syntax trees, and the build prints it as <c>file.study(line,col)</c>.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    /// <summary>The start of a file, for problems that concern the file as a whole.</summary>
    public static LocationInfo StartOf(string filePath) =>
        new(filePath, default, new LinePositionSpan(LinePosition.Zero, LinePosition.Zero));

    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}
