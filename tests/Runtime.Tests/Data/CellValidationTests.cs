using System;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class CellValidationTests
{
    private static readonly string[] BadSubjects =
    [
        Nxp2JdmSchema.SubjectsHeader,
        "P01,NXP2,juvenile,9.9,M,11582,38,true,false,false,true,19.7,true",
        "P02,NXP2,juvenile,-3,M,100,38,true,false,false,true,19.7,true",
        "P03,NXP-2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true",
        "P04,MDA5,juvenile,9.9,M,abc,38,true,false,false,true,19.7,true",
        "P05,MDA5,juvenile,9.9,M,100,38,yes,false,false,true,19.7,true",
        "P06,MDA5,juvenile,9.9,,100,38,true,false,false,true,19.7,true",
        "P07,MDA5,juvenile,9.9,M,100",
        "P08,TIF1g,juvenile,9.9,F,100,\"1,5\",true,false,false,true,19.7,true",
        "P09,TIF1g,adult,130,F,-1,60,TRUE,0,1,False,NA,true",
        "P10,TIF1g,juvenile,9.9,F,100,,true,false,false,true,,false",
    ];

    [Fact]
    public void EachBadValueIsReportedWithItsCodeRowAndColumn()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", BadSubjects);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.Equal(
            [
                ("PL4003", 2, "age"),
                ("PL4013", 3, "antibody"),
                ("PL4009", 4, "ck"),
                ("PL4012", 5, "mas"),
                ("PL4008", 6, "sex"),
                ("PL4007", 7, null),
                ("PL4009", 8, "cmas"),
                ("PL4003", 9, "age"),
                ("PL4003", 9, "ck"),
                ("PL4003", 9, "cmas"),
            ],
            data.Problems.Select(p => (p.Code, p.Row, p.Column)));
        Assert.Equal(10, data.ProblemCount);
        Assert.False(data.HasFatalProblems);
    }

    [Fact]
    public void EveryRowReadIsKeptOrExcludedWithTheKindOfItsFirstProblemAsReason()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", BadSubjects);

        var subjects = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects))["subjects"];

        Assert.Equal(10, subjects.RowsRead);
        Assert.Equal(subjects.RowsRead, subjects.RowCount + subjects.ExcludedRows.Count);
        Assert.Equal([1, 10], subjects.SourceRows);
        Assert.Equal(["P01", "P10"], subjects.Text("id").AsEnumerable());
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], subjects.ExcludedRows.Select(e => e.SourceRow));
        Assert.Equal(new RowExclusion(9, "column 'age' is outside its range") { Code = "PL4003" }, subjects.ExcludedRows[^1]);
    }

    [Fact]
    public void MessagesSayWhatWasExpectedAndSuggestTheNearestLevel()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", BadSubjects);

        var messages = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects)).Problems.Select(p => p.Message).ToList();

        Assert.Equal("value '-3' is below the minimum 0 of column 'age'", messages[0]);
        Assert.Equal("value 'NXP-2' in column 'antibody' is not one of its levels (NXP2, MDA5, TIF1g); did you mean 'NXP2'?", messages[1]);
        Assert.Equal("value 'abc' in column 'ck' is not a number", messages[2]);
        Assert.Equal("value 'yes' in column 'mas' is not a bool; expected true/false or 1/0", messages[3]);
        Assert.Equal("column 'sex' is required but the value is missing", messages[4]);
        Assert.Equal("the row has 6 fields but the header has 13", messages[5]);
        Assert.Equal("value '1,5' in column 'cmas' is not a number; use '.' as the decimal separator", messages[6]);
    }

    [Fact]
    public void BoolsAcceptAnyCaseAndOneOrZero()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", BadSubjects[0], "P01,NXP2,juvenile,9.9,M,100,38,TRUE,0,1,False,NA,true");

        var subjects = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects))["subjects"];

        Assert.Equal([true, false, true, false], new[] { "mas", "myocardial", "dysphagia", "calcinosis" }.Select(c => subjects.Bool(c)[0]));
    }

    [Fact]
    public void IntegersAndDatesAreParsedStrictly()
    {
        var table = new TableSchema("events", "events.csv", Key: null, Parent: null, LinkColumn: null, Columns:
        [
            new ColumnSchema("n", ColumnKind.Integer),
            new ColumnSchema("on", ColumnKind.Date),
        ]);
        using var folder = new StudyFolder();
        folder.Write("events.csv", "n,on", "-4,2024-02-29", "3.5,2024-01-01", "7,2023-02-29", "8,31/01/2024");

        var data = folder.Load(Nxp2JdmSchema.Study(table));

        var events = data["events"];
        Assert.Equal([-4L], events.Integer("n"));
        Assert.Equal([new System.DateOnly(2024, 2, 29)], events.Date("on"));
        Assert.Equal([("PL4010", 2, "n"), ("PL4011", 3, "on"), ("PL4011", 4, "on")], data.Problems.Select(p => (p.Code, p.Row, p.Column)));
    }
}
