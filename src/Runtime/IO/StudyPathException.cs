using System;

namespace ProtocolLang.Runtime.IO;

/// <summary>
/// A path the protocol declares leaves the study's folder and is not allowed (see <see cref="StudyPaths"/>):
/// the report template (PL4041) or the report folder (PL4042). Nothing was read from or written there.
/// The message is <c>file.study: error PL4042: ...</c> naming the path as the protocol writes it.
/// </summary>
public sealed class StudyPathException : Exception
{
    // Data files use the data problem PL4040 (DataProblemCodes.OutsideStudy) instead, listed with the other data problems.
    public const string TemplateCode = "PL4041";
    public const string ReportCode = "PL4042";

    public StudyPathException()
        : this("a path leaves the study's folder")
    {
    }

    public StudyPathException(string message)
        : base(message)
    {
        Code = ReportCode;
        DeclaredPath = string.Empty;
    }

    public StudyPathException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ReportCode;
        DeclaredPath = string.Empty;
    }

    public StudyPathException(string code, string studyFile, string declaredPath, string refusal)
        : base($"{studyFile}: error {code}: {refusal}")
    {
        Code = code;
        DeclaredPath = declaredPath;
    }

    public string Code { get; }

    /// <summary>The path as the protocol writes it.</summary>
    public string DeclaredPath { get; }
}
