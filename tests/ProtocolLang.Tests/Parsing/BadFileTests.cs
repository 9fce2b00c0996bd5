using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Parsing;

/// <summary>
/// Every <c>TestFiles/bad/1NN-name.study</c> is parsed and its diagnostics compared with
/// <c>1NN-name.diagnostics.txt</c> beside it: one line per diagnostic, <c>PL1xxx line:col message</c>
/// (1-based). A missing or different file fails; set <c>PROTOCOLLANG_UPDATE_BASELINES=1</c> to
/// rewrite the files in the source tree, then review the diff.
/// </summary>
public class BadFileTests
{
    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ParserTestHelpers.TestFilesDirectory("bad"), "1*.study").OrderBy(f => f, StringComparer.Ordinal))
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
        var source = new SourceText(fileName, File.ReadAllText(path));
        var result = StudyParser.Parse(source);
        var actual = result.Diagnostics.Select(d => FormattableString.Invariant(
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
        Assert.All(result.Diagnostics, d => Assert.StartsWith("PL1", d.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryBadFileHasItsExpectedDiagnosticsBesideIt()
    {
        var directory = ParserTestHelpers.TestFilesDirectory("bad");
        var studies = Directory.GetFiles(directory, "1*.study").Select(Path.GetFileNameWithoutExtension).ToList();
        var baselines = Directory.GetFiles(directory, "1*.diagnostics.txt")
            .Select(f => Path.GetFileName(f).Replace(".diagnostics.txt", string.Empty, StringComparison.Ordinal)).ToList();

        Assert.True(studies.Count >= 10, "at least ten bad files");
        Assert.Equal(studies.OrderBy(s => s, StringComparer.Ordinal), baselines.OrderBy(s => s, StringComparer.Ordinal));
    }
}
