using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>
/// A loaded CSV stores numbers as doubles with NaN for missing and categories as level indexes with -1 for missing;
/// generated code reads them through NumberValues / CategoryValues, other callers through the nullable arrays.
/// </summary>
public sealed class ColumnValuesTests
{
    private static readonly TableSchema Doses = new("doses", "doses.csv", Key: "id", Parent: null, LinkColumn: null, Columns:
    [
        new ColumnSchema("id", ColumnKind.Text),
        new ColumnSchema("arm", ColumnKind.Category, Levels: ["A", "B"], Optional: true),
        new ColumnSchema("dose", ColumnKind.Number, Optional: true),
    ]);

    [Fact]
    public void MissingNumbersAndCategoriesReadAsNullThroughTheStoredColumns()
    {
        using var folder = new StudyFolder();
        folder.Write("doses.csv", "id,arm,dose", "a,B,-0.5", "b,,NA", "c,A,", "d,NA,12");

        var doses = folder.Load(Nxp2JdmSchema.Study(Doses))["doses"];
        var dose = doses.NumberValues("dose");
        var arm = doses.CategoryValues("arm");

        Assert.Equal([-0.5, null, null, 12.0], Enumerable.Range(0, dose.Length).Select(i => dose[i]));
        Assert.Equal([1, null, 0, null], Enumerable.Range(0, arm.Length).Select(i => arm[i]));
    }

    [Fact]
    public void TheNullableArraysEqualTheStoredColumnsAndAreMadeOnce()
    {
        using var folder = new StudyFolder();
        folder.Write("doses.csv", "id,arm,dose", "a,B,-0.5", "b,,NA", "c,A,3");

        var doses = folder.Load(Nxp2JdmSchema.Study(Doses))["doses"];

        Assert.Equal([-0.5, null, 3.0], doses.Number("dose"));
        Assert.Equal([1, null, 0], doses.Category("arm"));
        Assert.Same(doses.Number("dose"), doses.Number("dose"));
    }

    [Fact]
    public void ATableBuiltFromNullableArraysReadsTheSameThroughTheStoredColumns()
    {
        var table = new DataTable(Doses, 2, [1, 2], new()
        {
            ["arm"] = new int?[] { null, 1 },
            ["dose"] = new double?[] { 2.5, null },
        });

        var dose = table.NumberValues("dose");
        var arm = table.CategoryValues("arm");

        Assert.Equal([2.5, null], [dose[0], dose[1]]);
        Assert.Equal([null, 1], [arm[0], arm[1]]);
    }
}
