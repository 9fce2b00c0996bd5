using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class ProblemReportingTests
{
    private const string GoodRow = "P01,NXP2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true";

    private static string[] SubjectsWithNegativeAges(int count) =>
        [Nxp2JdmSchema.SubjectsHeader, .. Enumerable.Range(1, count).Select(i => $"S{i},NXP2,juvenile,-{i},M,100,38,true,false,false,true,19.7,true")];

    [Fact]
    public void TheProblemLimitCapsTheListButEveryProblemIsCounted()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", SubjectsWithNegativeAges(250));

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects), problemLimit: 10);

        Assert.Equal(Enumerable.Range(1, 10), data.Problems.Select(p => p.Row));
        Assert.Equal(250, data.ProblemCount);
        Assert.Equal(250, data["subjects"].ExcludedRows.Count);
    }

    [Fact]
    public void FatalProblemsAreListedEvenBeyondTheLimit()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", SubjectsWithNegativeAges(20));

        var data = folder.Load(Nxp2JdmSchema.Both, problemLimit: 5);

        Assert.Equal(6, data.Problems.Count);
        Assert.Equal(("PL4001", "data/visits.csv"), (data.Problems[^1].Code, data.Problems[^1].File));
        Assert.Equal(21, data.ProblemCount);
        Assert.True(data.HasFatalProblems);
    }

    [Fact]
    public void AProblemPrintsLikeACompilerDiagnostic()
    {
        Assert.Equal(
            "data/subjects.csv(row 12, column 'age'): error PL4003: value '-3' is below the minimum 0 of column 'age'",
            new DataProblem("PL4003", "data/subjects.csv", 12, "age", "value '-3' is below the minimum 0 of column 'age'").ToString());
        Assert.Equal(
            "data/visits.csv: error PL4001: data file 'data/visits.csv' of table 'visits' was not found",
            new DataProblem("PL4001", "data/visits.csv", 0, null, "data file 'data/visits.csv' of table 'visits' was not found").ToString());
        Assert.Equal(
            "data/visits.csv(column 'site'): warning PL4005: ignored",
            new DataProblem("PL4005", "data/visits.csv", 0, "site", "ignored").ToString());
    }

    [Fact]
    public void TheExceptionListsTheProblemsOnePerLine()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", SubjectsWithNegativeAges(3));

        var data = folder.Load(Nxp2JdmSchema.Both, problemLimit: 2);
        var exception = new StudyDataException(data);

        var lines = exception.Message.Split('\n');
        Assert.Equal("The study data cannot be analysed: 4 problems (1 fatal).", lines[0]);
        Assert.Equal(data.Problems.Select(p => p.ToString()), lines[1..^1]);
        Assert.Equal("... and 1 more problem not listed.", lines[^1]);
        Assert.Equal(4, exception.ProblemCount);
    }

    [Fact]
    public void ADataTableRejectsRowsThatAreNeitherKeptNorExcluded()
    {
        Assert.Throws<ArgumentException>(() =>
            new DataTable(Nxp2JdmSchema.Visits, rowsRead: 3, sourceRows: [1], columns: new(), excludedRows: [new RowExclusion(2, "x")]));
    }

    [Fact]
    public void TheDiagnosticsPageDocumentsExactlyTheDataProblemCodes()
    {
        var codes = typeof(DataProblemCodes).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => ((string)f.GetRawConstantValue()!, DataProblemCodes.SeverityOf((string)f.GetRawConstantValue()!).ToString()))
            .OrderBy(c => c.Item1, StringComparer.Ordinal);

        var page = File.ReadAllText(FindRepositoryFile("docs/diagnostics.md"));
        var section = page[page.IndexOf("## Data (PL4xxx)", StringComparison.Ordinal)..page.IndexOf("## Statistics", StringComparison.Ordinal)];
        var documented = Regex.Matches(section, @"^\| (PL4\d{3}) \| (\w+) \|", RegexOptions.Multiline).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

        Assert.Equal(codes, documented);
    }

    private static string FindRepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relativePath}' not found above {AppContext.BaseDirectory}.");
    }
}
