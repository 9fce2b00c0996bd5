using System;
using System.IO;

namespace ProtocolLang.Runtime.IO;

/// <summary>
/// A file or folder of a run could not be written or created (read-only folder, a file where a folder
/// should be, a full disk). The message is one line naming the path and the system's reason;
/// the command line exits 4 (I/O error) on it.
/// </summary>
public sealed class StudyIoException : IOException
{
    public StudyIoException()
        : this("I/O error")
    {
    }

    public StudyIoException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public StudyIoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    private StudyIoException(string path, string message, Exception innerException)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The file or folder that could not be written.</summary>
    public string Path { get; }

    public static StudyIoException CannotWrite(string path, Exception inner) =>
        new(path, $"cannot write '{path}': {Reason(inner)}", inner);

    public static StudyIoException CannotCreateFolder(string path, Exception inner) =>
        FileInTheWay(path) is { } file
            ? new(path, $"cannot create the folder '{path}': '{file}' is a file, not a folder", inner)
            : new(path, $"cannot create the folder '{path}': {Reason(inner)}", inner);

    /// <summary>The nearest existing ancestor of <paramref name="path"/> (or itself) when it is a regular file.</summary>
    private static string? FileInTheWay(string path)
    {
        for (string? p = path; !string.IsNullOrEmpty(p); p = System.IO.Path.GetDirectoryName(p))
        {
            if (File.Exists(p))
            {
                return p;
            }

            if (Directory.Exists(p))
            {
                return null;
            }
        }

        return null;
    }

    public static StudyIoException CannotRemove(string path, Exception inner) =>
        new(path, $"cannot remove '{path}': {Reason(inner)}", inner);

    /// <summary>The system's message on one line, without the path .NET often repeats in it.</summary>
    private static string Reason(Exception e)
    {
        string message = e.Message.ReplaceLineEndings(" ").Trim();
        return e switch
        {
            UnauthorizedAccessException => "permission denied or read-only (" + message + ")",
            _ when e.HResult == 28 || message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "no space left on the device",
            _ => message,
        };
    }
}
