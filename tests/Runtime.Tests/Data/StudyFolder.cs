using System;
using System.IO;
using System.Text;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>A temporary study folder: write data files into it, load them, and delete it afterwards.</summary>
internal sealed class StudyFolder : IDisposable
{
    public StudyFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "protocollang-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="lines"/> joined by '\n', with a final newline, as UTF-8 without a BOM.</summary>
    public string Write(string relativePath, params string[] lines) =>
        WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(string.Join('\n', lines) + "\n"));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public LoadedData Load(StudySchema schema, int problemLimit = 100) => DataLoader.Load(schema, Path, problemLimit);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
