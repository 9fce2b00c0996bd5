using System;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class KeyAndLinkTests
{
    private const string Row = ",NXP2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true";

    [Fact]
    public void ADuplicateKeyExcludesTheLaterRowAndNamesTheFirst()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01" + Row, "P02" + Row, "P01" + Row);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4014", 3, "id"), (problem.Code, problem.Row, problem.Column));
        Assert.Equal("duplicate key: id 'P01' is already used by row 1", problem.Message);
        Assert.Equal([1, 2], data["subjects"].SourceRows);
    }

    [Fact]
    public void AMissingKeyIsAnErrorEvenWhenNotDeclaredRequired()
    {
        var subjects = Nxp2JdmSchema.Subjects with
        {
            Columns = [new ColumnSchema("id", ColumnKind.Text, Optional: true), .. Nxp2JdmSchema.Subjects.Columns.Skip(1)],
        };
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "NA" + Row);

        var problem = Assert.Single(folder.Load(Nxp2JdmSchema.Study(subjects)).Problems);

        Assert.Equal(("PL4008", "the key column 'id' has no value"), (problem.Code, problem.Message));
    }

    [Fact]
    public void AChildRowWithoutAParentIsExcluded()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01" + Row);
        folder.Write("data/visits.csv", Nxp2JdmSchema.VisitsHeader, "P01,0,100,,5,6", "P999,0,100,,5,6");

        var data = folder.Load(Nxp2JdmSchema.Both);

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4015", "data/visits.csv", 2, "id"), (problem.Code, problem.File, problem.Row, problem.Column));
        Assert.Equal("no row with id 'P999' in parent table 'subjects' (data/subjects.csv)", problem.Message);
        Assert.Equal([1], data["visits"].SourceRows);
        Assert.Equal(new RowExclusion(2, "no parent row in table 'subjects'") { Code = "PL4015" }, Assert.Single(data["visits"].ExcludedRows));
    }

    [Fact]
    public void AChildOfAnExcludedParentIsExcludedWithTheParentsReason()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01" + Row, "P02" + Row.Replace("9.9", "-1", StringComparison.Ordinal));
        folder.Write("data/visits.csv", Nxp2JdmSchema.VisitsHeader, "P01,0,100,,5,6", "P02,0,100,,5,6");

        var data = folder.Load(Nxp2JdmSchema.Both);

        Assert.Equal([("PL4003", "data/subjects.csv", 2), ("PL4016", "data/visits.csv", 2)], data.Problems.Select(p => (p.Code, p.File, p.Row)));
        Assert.Equal(DataProblemSeverity.Warning, data.Problems[1].Severity);
        Assert.Equal(
            "the parent row with id 'P02' (row 2 of data/subjects.csv) was excluded: column 'age' is outside its range",
            data.Problems[1].Message);
        Assert.Equal(
            new RowExclusion(2, "its parent row in table 'subjects' was excluded") { Code = "PL4016" },
            data["visits"].ExcludedRows.Single());
    }

    [Fact]
    public void ParentsLoadFirstWhateverTheSchemaOrderButResultsKeepSchemaOrder()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01" + Row, "P01" + Row);
        folder.Write("data/visits.csv", Nxp2JdmSchema.VisitsHeader, "P01,0,100,,5,6", "P03,0,100,,5,6");

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Visits, Nxp2JdmSchema.Subjects));

        Assert.Equal(["visits", "subjects"], data.Tables.Select(t => t.Name));
        Assert.Equal([("data/visits.csv", 2, "PL4015"), ("data/subjects.csv", 2, "PL4014")], data.Problems.Select(p => (p.File, p.Row, p.Code)));
    }

    [Fact]
    public void LinksAreNotCheckedAgainstAParentThatFailedToLoad()
    {
        using var folder = new StudyFolder();
        folder.Write("data/visits.csv", Nxp2JdmSchema.VisitsHeader, "P01,0,100,,5,6");

        var data = folder.Load(Nxp2JdmSchema.Both);

        Assert.Equal(["PL4001"], data.Problems.Select(p => p.Code));
        Assert.Equal(1, data["visits"].RowCount);
    }
}
