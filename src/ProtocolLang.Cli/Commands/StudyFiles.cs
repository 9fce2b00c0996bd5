using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using ProtocolLang.Cli.Compilation;

namespace ProtocolLang.Cli.Commands;

/// <summary>Reads the <c>.study</c> argument of a command, or says why not.</summary>
internal static class StudyFiles
{
    public static bool TryRead(string path, CliOutput output, [NotNullWhen(true)] out StudyFile? study)
    {
        study = null;
        if (!File.Exists(path))
        {
            output.Error.Write($"protocollang: no such file: {path}\n");
            return false;
        }

        try
        {
            study = StudyFile.Read(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exists but cannot be read (permissions, a lock, an I/O error): a usage problem, not a crash.
            output.Error.Write($"protocollang: cannot read {path}: {e.Message}\n");
            return false;
        }
    }
}
