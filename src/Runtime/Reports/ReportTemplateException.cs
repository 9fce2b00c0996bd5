using System;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// A study's own report template cannot be used: the file is missing (PL5040), does not parse
/// (PL5041) or fails while rendering (PL5042). The message names the file and, where Scriban gives
/// one, the 1-based line and column: <c>my.md.scriban(3,7): error PL5041: ...</c>.
/// </summary>
public sealed class ReportTemplateException : Exception
{
    public const string MissingCode = "PL5040";
    public const string SyntaxCode = "PL5041";
    public const string RenderCode = "PL5042";

    public ReportTemplateException(string code, string file, int? line, int? column, string problem)
        : base(Format(code, file, line, column, problem))
    {
        Code = code;
        File = file;
        Line = line;
        Column = column;
    }

    public ReportTemplateException()
        : this(RenderCode, string.Empty, null, null, "report template error")
    {
    }

    public ReportTemplateException(string message)
        : base(message)
    {
        Code = RenderCode;
        File = string.Empty;
    }

    public ReportTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = RenderCode;
        File = string.Empty;
    }

    public string Code { get; }

    /// <summary>The template as the protocol names it (relative to the <c>.study</c> file's folder).</summary>
    public string File { get; }

    public int? Line { get; }

    public int? Column { get; }

    private static string Format(string code, string file, int? line, int? column, string problem) =>
        line is { } l && column is { } c
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}({l},{c}): error {code}: {problem}")
            : $"{file}: error {code}: {problem}";
}
