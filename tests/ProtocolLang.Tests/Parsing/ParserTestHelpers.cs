using System;
using System.IO;
using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Parsing;

/// <summary>Parsing helpers shared by the parser tests.</summary>
internal static class ParserTestHelpers
{
    public static ParseResult Parse(string text, string path = "test.study") =>
        StudyParser.Parse(new SourceText(path, text));

    /// <summary>Parses and asserts there are no diagnostics (printing them if there are).</summary>
    public static StudySyntax ParseClean(string text)
    {
        var result = Parse(text);
        Assert.True(result.Diagnostics.IsEmpty, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.NotNull(result.Study);
        return result.Study!;
    }

    /// <summary>Wraps declarations in a study.</summary>
    public static string InStudy(string declarations) => "study S {\n" + declarations + "\n}\n";

    /// <summary>The single declaration of a study made of <paramref name="declaration"/>.</summary>
    public static T Single<T>(string declaration)
        where T : DeclarationSyntax
    {
        var study = ParseClean(InStudy(declaration));
        return Assert.IsType<T>(Assert.Single(study.Declarations));
    }

    /// <summary>The text a node spans.</summary>
    public static string TextOf(string source, TextSpan span) => source.Substring(span.Start, span.Length);

    /// <summary>One-based "line:col" of a span's start.</summary>
    public static string LineCol(SourceText source, TextSpan span)
    {
        var position = source.GetLinePosition(span.Start);
        return FormattableString.Invariant($"{position.Line + 1}:{position.Character + 1}");
    }

    /// <summary>The repository root, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "language.md")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static string TestFilesDirectory(string kind) => Path.Combine(AppContext.BaseDirectory, "TestFiles", kind);

    public static string Describe(ParseResult result) =>
        string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString()));
}
