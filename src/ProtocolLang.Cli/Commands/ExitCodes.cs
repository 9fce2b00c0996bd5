namespace ProtocolLang.Cli.Commands;

/// <summary>
/// The tool's exit codes, the same for every command (README, "Command line"). 70 is sysexits.h's
/// EX_SOFTWARE; the others are small so scripts can tell a study's problem from the tool's.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The study has errors (check, generate, run), or <c>diff</c> found changes, or <c>status</c> found the report stale.</summary>
    public const int ErrorsOrChanges = 1;

    /// <summary>A source does not match the study (a fatal data problem: a missing file, table or column, a wrong type, a server that cannot be reached).</summary>
    public const int SourceMismatch = 1;

    /// <summary>The study compiled and its sources match it, but rows are invalid (<c>StudyDataException</c> without a fatal problem).</summary>
    public const int DataErrors = 2;

    /// <summary>A file to read was not found, or an argument was invalid.</summary>
    public const int Usage = 3;

    /// <summary>A file or folder could not be written or created: read-only, a file in the way, a full disk.</summary>
    public const int IoError = 4;

    /// <summary>A bug in the tool: an exception nobody expected (the message asks to report it).</summary>
    public const int InternalError = 70;
}
