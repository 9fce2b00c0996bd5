using System.Globalization;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// One problem found while loading study data, located like a compiler diagnostic.
/// </summary>
/// <param name="Code">The stable ID, <c>PL4001</c>..<c>PL4099</c> (see <see cref="DataProblemCodes"/> and <c>docs/diagnostics.md</c>).</param>
/// <param name="File">The data file as declared in the study (relative path).</param>
/// <param name="Row">1-based data row (header not counted, blank lines skipped); 0 = the file or its header as a whole.</param>
/// <param name="Column">The declared column concerned, if any.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record DataProblem(string Code, string File, int Row, string? Column, string Message)
{
    public DataProblemSeverity Severity => DataProblemCodes.SeverityOf(Code);

    /// <summary>True when the problem prevents the analysis (a missing file or column, an unreadable file).</summary>
    public bool IsFatal => Severity == DataProblemSeverity.Fatal;

    /// <summary><c>data/subjects.csv(row 12, column 'age'): error PL4003: value '-3' is below the minimum 0 of column 'age'</c></summary>
    public override string ToString()
    {
        var severity = Severity == DataProblemSeverity.Warning ? "warning" : "error";
        var location = (Row, Column) switch
        {
            ( > 0, not null) => string.Create(CultureInfo.InvariantCulture, $"(row {Row}, column '{Column}')"),
            ( > 0, null) => string.Create(CultureInfo.InvariantCulture, $"(row {Row})"),
            (_, not null) => $"(column '{Column}')",
            _ => string.Empty,
        };
        return $"{File}{location}: {severity} {Code}: {Message}";
    }
}

public enum DataProblemSeverity
{
    /// <summary>
    /// For information: an undeclared column is ignored, a file has no rows, or (PL4016) a child row is excluded
    /// because its parent row was: the cause is the parent's own error, reported there.
    /// </summary>
    Warning,

    /// <summary>
    /// The row is invalid: the run stops (<see cref="StudyDataException"/>) unless its table says <c>on_invalid exclude</c>;
    /// then the row is excluded and counted under the kind of its first problem.
    /// </summary>
    Error,

    /// <summary>The table cannot be used; the study run stops with <see cref="StudyDataException"/>.</summary>
    Fatal,
}
