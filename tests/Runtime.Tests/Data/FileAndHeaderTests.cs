using System;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class FileAndHeaderTests
{
    [Fact]
    public void AMissingFileIsFatalAndItsTableIsEmpty()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01,NXP2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true");

        var data = folder.Load(Nxp2JdmSchema.Both);

        Assert.True(data.HasFatalProblems);
        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4001", "data/visits.csv", 0, (string?)null), (problem.Code, problem.File, problem.Row, problem.Column));
        Assert.StartsWith("data file 'data/visits.csv' of table 'visits' was not found", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, data["visits"].RowCount);
        Assert.Empty(data["visits"].Number("ck"));
        Assert.Equal(["subjects"], data.Files.Select(f => f.Table));
    }

    [Fact]
    public void AMissingDeclaredColumnIsFatalAndSuggestsTheNearestHeaderName()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader.Replace(",age,", ",Age,", StringComparison.Ordinal), "P01,NXP2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true");

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.True(data.HasFatalProblems);
        Assert.Equal([("PL4005", 0, "Age"), ("PL4004", 0, "age")], data.Problems.Select(p => (p.Code, p.Row, p.Column)));
        Assert.EndsWith("did you mean 'Age'? (column names are case-sensitive)", data.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsAreStillCheckedInTheOtherColumnsWhenAColumnIsMissing()
    {
        using var folder = new StudyFolder();
        folder.Write("data/visits.csv", "id,month,ck,cmas,il10", "P01,0,100,,5", "P01,1,-5,,5");

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Visits with { Parent = null, LinkColumn = null }));

        Assert.Equal([("PL4004", 0, "ifng"), ("PL4003", 2, "ck")], data.Problems.Select(p => (p.Code, p.Row, p.Column)));
        Assert.Equal([null], data["visits"].Number("ifng"));
    }

    [Fact]
    public void AnUndeclaredColumnIsAWarningAndIsIgnored()
    {
        using var folder = new StudyFolder();
        folder.Write("data/visits.csv", "id,site,month,ck,cmas,il10,ifng", "P01,Berlin,0,100,,5,6");

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Visits with { Parent = null, LinkColumn = null }));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4005", DataProblemSeverity.Warning, "site"), (problem.Code, problem.Severity, problem.Column));
        Assert.False(data.HasFatalProblems);
        Assert.Equal([0L], data["visits"].Integer("month"));
    }

    [Fact]
    public void ADeclaredColumnNamedTwiceInTheHeaderIsFatal()
    {
        using var folder = new StudyFolder();
        folder.Write("data/visits.csv", "id,month,ck,cmas,il10,ifng,ck", "P01,0,100,,5,6,200");

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Visits with { Parent = null, LinkColumn = null }));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4006", 0, "ck"), (problem.Code, problem.Row, problem.Column));
        Assert.Contains("fields 3 and 7", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFileIsFatal()
    {
        using var folder = new StudyFolder();
        folder.WriteBytes("data/subjects.csv", []);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.True(data.HasFatalProblems);
        Assert.Equal("PL4002", Assert.Single(data.Problems).Code);
    }

    [Fact]
    public void AHeaderWithoutRowsIsOnlyAWarning()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.False(data.HasFatalProblems);
        Assert.Equal("PL4019", Assert.Single(data.Problems).Code);
        Assert.Equal(0, data.Files[0].RowsRead);
    }

    [Fact]
    public void AFileThatIsNotUtf8IsFatalAndNamesTheLine()
    {
        using var folder = new StudyFolder();
        var latin1 = System.Text.Encoding.Latin1.GetBytes("id,month,ck,cmas,il10,ifng\nP01,0,100,,5,6\nM\u00fcller,0,100,,5,6\n");
        folder.WriteBytes("data/visits.csv", latin1);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Visits with { Parent = null, LinkColumn = null }));

        var problem = Assert.Single(data.Problems);
        Assert.Equal("PL4017", problem.Code);
        Assert.Contains("line 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotUtf8KeepsNoneOfTheRowsOrProblemsItsParseFound()
    {
        // The parse runs beside the UTF-8 check: its bad cell (row 1) and its rows must not survive the refusal.
        using var folder = new StudyFolder();
        var latin1 = System.Text.Encoding.Latin1.GetBytes("id,month,ck,cmas,il10,ifng\nP01,zero,100,,5,6\nM\u00fcller,0,100,,5,6\n");
        folder.WriteBytes("data/visits.csv", latin1);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Visits with { Parent = null, LinkColumn = null }));

        Assert.Equal([("PL4017", 0)], data.Problems.Select(p => (p.Code, p.Row)));
        Assert.Equal(1, data.ProblemCount);
        Assert.Equal((0, 0), (data["visits"].RowsRead, data["visits"].RowCount));
        Assert.Equal(0, data.Files[0].RowsRead);
    }
}
