using System;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class CsvConventionTests
{
    private static readonly TableSchema Notes = new("notes", "notes.csv", Key: "id", Parent: null, LinkColumn: null, Columns:
    [
        new ColumnSchema("id", ColumnKind.Text),
        new ColumnSchema("note", ColumnKind.Text, Optional: true),
        new ColumnSchema("dose", ColumnKind.Number, Optional: true),
    ]);

    [Fact]
    public void QuotedFieldsMayHoldCommasEscapedQuotesAndLineBreaks()
    {
        using var folder = new StudyFolder();
        folder.Write("notes.csv", "id,note,dose", "a,\"Smith, J. \"\"Jr\"\"\",1", "b,\"two\nlines\",2", "\"c\",plain,3");

        var notes = folder.Load(Nxp2JdmSchema.Study(Notes))["notes"];

        Assert.Equal(["Smith, J. \"Jr\"", "two\nlines", "plain"], notes.Text("note").AsEnumerable());
        Assert.Equal(["a", "b", "c"], notes.Text("id").AsEnumerable());
    }

    [Fact]
    public void EmptyAndNaAreMissingButRequiredColumnsMustHaveAValue()
    {
        using var folder = new StudyFolder();
        folder.Write("notes.csv", "id,note,dose", "a,,NA", "b,NA,", "NA,x,1");

        var data = folder.Load(Nxp2JdmSchema.Study(Notes));

        Assert.Equal([null, null], data["notes"].Text("note").AsEnumerable());
        Assert.Equal([null, null], data["notes"].Number("dose"));
        Assert.Equal([("PL4008", 3, "id")], data.Problems.Select(p => (p.Code, p.Row, p.Column)));
    }

    [Fact]
    public void NumbersAndDatesAreReadTheSameUnderAnyCurrentCulture()
    {
        var table = new TableSchema("t", "t.csv", Key: null, Parent: null, LinkColumn: null, Columns:
        [
            new ColumnSchema("x", ColumnKind.Number),
            new ColumnSchema("d", ColumnKind.Date),
        ]);
        using var folder = new StudyFolder();
        folder.Write("t.csv", "x,d", "1.5,2024-03-01", "-2.5e-3,2024-12-31", "\"1,5\",2024-01-01");
        var saved = CultureInfo.CurrentCulture;
        LoadedData data;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            data = folder.Load(Nxp2JdmSchema.Study(table));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal([1.5, -0.0025], data["t"].Number("x"));
        Assert.Equal([new System.DateOnly(2024, 3, 1), new System.DateOnly(2024, 12, 31)], data["t"].Date("d"));
        Assert.Equal(("PL4009", 3), (data.Problems.Single().Code, data.Problems.Single().Row));
    }

    [Fact]
    public void BlankLinesAreSkippedAndLaterProblemsNameTheirLine()
    {
        using var folder = new StudyFolder();
        folder.Write("notes.csv", "id,note,dose", "a,x,1", "", "b,y,oops", "", "");

        var data = folder.Load(Nxp2JdmSchema.Study(Notes));

        Assert.Equal(2, data["notes"].RowsRead);
        var problem = Assert.Single(data.Problems);
        Assert.Equal((2, "value 'oops' in column 'dose' is not a number (line 4)"), (problem.Row, problem.Message));
    }

    [Fact]
    public void AnUnclosedQuoteIsReportedAsAFieldCountProblemSpanningLines()
    {
        using var folder = new StudyFolder();
        folder.Write("notes.csv", "id,note,dose", "a,\"never closed,1", "b,y,2");

        var data = folder.Load(Nxp2JdmSchema.Study(Notes));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4007", 1), (problem.Code, problem.Row));
        Assert.Contains("spans lines 2 to 3: is a quote left unclosed?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AByteOrderMarkIsNotPartOfTheFirstColumnName()
    {
        using var folder = new StudyFolder();
        folder.WriteBytes("notes.csv", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("id,note,dose\na,x,1\n")]);

        var data = folder.Load(Nxp2JdmSchema.Study(Notes));

        Assert.Empty(data.Problems);
        Assert.Equal(["a"], data["notes"].Text("id").AsEnumerable());
    }
}
