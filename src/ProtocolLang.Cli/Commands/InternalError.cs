using System;
using System.IO;

namespace ProtocolLang.Cli.Commands;

/// <summary>
/// What the tool says when it fails for a reason that is nobody's but its own: one short message
/// asking for a report, with the exception's type and message, and exit 70. The stack trace, which
/// means nothing to a study designer, is printed only when <c>PROTOCOLLANG_DEBUG=1</c>.
/// </summary>
internal static class InternalError
{
    public const string DebugVariable = "PROTOCOLLANG_DEBUG";

    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var debug = Environment.GetEnvironmentVariable(DebugVariable) == "1";
        var message = exception.Message.ReplaceLineEndings("\n").TrimEnd();
        error.Write($"protocollang: internal error, please report it as a ProtocolLang bug: {exception.GetType().FullName}: {message}\n");
        error.Write(debug
            ? exception + "\n"
            : $"(set {DebugVariable}=1 for the stack trace)\n");
        return ExitCodes.InternalError;
    }

    /// <summary>A file system failure outside our own writers (which throw <see cref="Runtime.IO.StudyIoException"/>): one line, exit 4.</summary>
    public static int ReportIo(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        error.Write("protocollang: " + exception.Message.ReplaceLineEndings(" ").Trim() + "\n");
        return ExitCodes.IoError;
    }
}
