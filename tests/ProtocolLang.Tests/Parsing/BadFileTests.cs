using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Parsing;

/// <summary>
/// Every <c>TestFiles/bad/NNN-name.study</c> is compiled and its diagnostics compared with
/// <c>NNN-name.diagnostics.txt</c> beside it: one line per diagnostic, <c>PLxxxx line:col message</c>
/// (1-based). 1NN files are syntax cases (parser only, PL1xxx); 2NN files are binding cases (parse and
/// bind, as the generator does, so a syntax error that drops a declaration shows too). A missing or different file fails; set <c>PROTOCOLLANG_UPDATE_BASELINES=1</c> to
/// rewrite the files in the source tree, then review the diff.
/// </summary>
public class BadFileTests
{
    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ParserTestHelpers.TestFilesDirectory("bad"), "*.study").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFileReportsExactlyTheExpectedDiagnostics(string fileName)
    {
        var path = Path.Combine(ParserTestHelpers.TestFilesDirectory("bad"), fileName);
        var text = File.ReadAllText(path);
        var syntaxCase = fileName.StartsWith("1", StringComparison.Ordinal);
        var diagnostics = syntaxCase
            ? StudyParser.Parse(new SourceText(fileName, text)).Diagnostics
            : StudyCompiler.Compile(fileName, text).Diagnostics;
        var actual = diagnostics.Select(d => FormattableString.Invariant(
            $"{d.Id} {d.Location.LineSpan.Start.Line + 1}:{d.Location.LineSpan.Start.Character + 1} {d.Message}")).ToList();

        var expectedPath = Path.ChangeExtension(path, ".diagnostics.txt");
        if (string.Equals(Environment.GetEnvironmentVariable("PROTOCOLLANG_UPDATE_BASELINES"), "1", StringComparison.Ordinal))
        {
            var sourcePath = Path.Combine(ParserTestHelpers.RepositoryRoot(), "tests", "ProtocolLang.Tests", "TestFiles", "bad", Path.GetFileName(expectedPath));
            File.WriteAllText(sourcePath, string.Join("\n", actual) + "\n");
            return;
        }

        Assert.True(File.Exists(expectedPath), "missing " + Path.GetFileName(expectedPath) + "; actual:\n" + string.Join("\n", actual));
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        if (syntaxCase)
        {
            Assert.All(diagnostics, d => Assert.StartsWith("PL1", d.Id, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveryBadFileHasItsExpectedDiagnosticsBesideIt()
    {
        var directory = ParserTestHelpers.TestFilesDirectory("bad");
        var studies = Directory.GetFiles(directory, "*.study").Select(Path.GetFileNameWithoutExtension).ToList();
        var baselines = Directory.GetFiles(directory, "*.diagnostics.txt")
            .Select(f => Path.GetFileName(f).Replace(".diagnostics.txt", string.Empty, StringComparison.Ordinal)).ToList();

        Assert.True(studies.Count(s => s!.StartsWith("1", StringComparison.Ordinal)) >= 10, "at least ten syntax bad files");
        Assert.Equal(studies.OrderBy(s => s, StringComparer.Ordinal), baselines.OrderBy(s => s, StringComparer.Ordinal));
    }
}
