namespace ProtocolLang.Cli.Commands;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The study has errors (check, generate, run), or <c>diff</c> found changes.</summary>
    public const int ErrorsOrChanges = 1;

    /// <summary>The study compiled but its data cannot be analysed (<c>StudyDataException</c>).</summary>
    public const int DataErrors = 2;

    /// <summary>A file to read was not found, or an argument was invalid.</summary>
    public const int Usage = 3;
}
