using System.IO;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// A <c>.study</c> file as read from disk: the path as the user gave it (diagnostics show that, so
/// terminals and editors can follow it), its full path, and its text: the bytes decoded as UTF-8
/// only (a BOM removed), bytes that are not UTF-8 as U+FFFD, which the compiler reports as PL1016
/// with their line and column (<see cref="ProtocolLang.Text.Utf8Text"/>).
/// </summary>
internal sealed record StudyFile(string DisplayPath, string FullPath, string Text)
{
    public string Directory => Path.GetDirectoryName(FullPath) ?? ".";

    public string FileName => Path.GetFileName(FullPath);

    public static StudyFile Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return new StudyFile(path.Replace('\\', '/'), fullPath, ProtocolLang.Text.Utf8Text.Decode(File.ReadAllBytes(fullPath)));
    }
}
