using System.IO;
using System.Text;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// A <c>.study</c> file as read from disk: the path as the user gave it (diagnostics show that, so
/// terminals and editors can follow it), its full path, and its text (UTF-8, BOM removed).
/// </summary>
internal sealed record StudyFile(string DisplayPath, string FullPath, string Text)
{
    public string Directory => Path.GetDirectoryName(FullPath) ?? ".";

    public string FileName => Path.GetFileName(FullPath);

    public static StudyFile Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return new StudyFile(path.Replace('\\', '/'), fullPath, File.ReadAllText(fullPath, Encoding.UTF8));
    }
}
