using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class ExampleDataTests
{
    private static readonly string ExampleDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm");

    [Fact]
    public void TheExampleCohortLoadsAllSubjectsAndVisitsWithoutProblems()
    {
        var data = DataLoader.Load(Nxp2JdmSchema.Both, ExampleDirectory);

        Assert.Empty(data.Problems);
        Assert.Equal(0, data.ProblemCount);
        Assert.False(data.HasFatalProblems);
        Assert.Equal(67, data["subjects"].RowCount);
        Assert.Equal(67, data["subjects"].RowsRead);
        Assert.Equal(332, data["visits"].RowCount);
        Assert.Empty(data["visits"].ExcludedRows);
        Assert.Equal(["subjects", "visits"], data.Tables.Select(t => t.Name));
        Assert.Equal(Enumerable.Range(1, 67), data["subjects"].SourceRows);
    }

    [Fact]
    public void TheExampleValuesArriveTypedInTheirColumns()
    {
        var subjects = DataLoader.Load(Nxp2JdmSchema.Both, ExampleDirectory)["subjects"];

        // P001,NXP2,adult,27.7,F,714,,false,false,false,true,6.1,true
        Assert.Equal("P001", subjects.Text("id")[0]);
        Assert.Equal(0, subjects.Category("antibody")[0]);
        Assert.Equal(1, subjects.Category("onset")[0]);
        Assert.Equal(27.7, subjects.Number("age")[0]);
        Assert.Null(subjects.Number("cmas")[0]);
        Assert.Equal([false, false, false, true], new[] { "mas", "myocardial", "dysphagia", "calcinosis" }.Select(c => subjects.Bool(c)[0]));
        Assert.Equal(6.1, subjects.Number("relapse_months")[0]);

        // P015 has no antibody result.
        Assert.Null(subjects.Category("antibody")[Array.IndexOf(subjects.Text("id"), "P015")]);
    }

    [Fact]
    public void EachFileIsListedWithTheSha256OfItsBytes()
    {
        var data = DataLoader.Load(Nxp2JdmSchema.Both, ExampleDirectory);

        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(ExampleDirectory, "data", "visits.csv"))));
        var visits = Assert.Single(data.Files, f => f.Table == "visits");
        Assert.Equal(new DataFileInfo("visits", "data/visits.csv", expected, 332), visits);
        Assert.Equal(["subjects", "visits"], data.Files.Select(f => f.Table));
    }
}
