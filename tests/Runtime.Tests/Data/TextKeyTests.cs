using System;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>Text keys and links as the loader stores them (a <see cref="TextDictionary"/> per column, no string per row).</summary>
public sealed class TextKeyTests
{
    private const string Row = ",NXP2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true";

    [Fact]
    public void TextColumnsAskedForFromManyThreadsAtOnceGiveOneArrayWithEveryValue()
    {
        // The strings are made once and the char buffer is then let go: a second maker would find it gone.
        using var folder = new StudyFolder();
        var ids = Enumerable.Range(1, 2000).Select(i => $"P{i:D5}").ToArray();
        folder.Write("data/subjects.csv", [Nxp2JdmSchema.SubjectsHeader, .. ids.Select(id => id + Row)]);
        var subjects = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects))["subjects"];

        var arrays = new string?[16][];
        System.Threading.Tasks.Parallel.For(0, arrays.Length, i => arrays[i] = subjects.Text("id"));

        Assert.All(arrays, a => Assert.Same(arrays[0], a));
        Assert.Equal(ids, arrays[0].AsEnumerable());
    }

    [Fact]
    public void DuplicatesInAnUnsortedFileNameTheirRowAndTheFirstRowOfTheirValue()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P03" + Row, "P01" + Row, "P02" + Row, "P01" + Row, "P03" + Row);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.Equal(
            [
                ("PL4014", 4, "id", "duplicate key: id 'P01' is already used by row 2"),
                ("PL4014", 5, "id", "duplicate key: id 'P03' is already used by row 1"),
            ],
            data.Problems.Select(p => (p.Code, p.Row, p.Column, p.Message)));
        Assert.Equal([1, 2, 3], data["subjects"].SourceRows);
        Assert.Equal(["P03", "P01", "P02"], data["subjects"].Text("id").AsEnumerable());
    }

    [Fact]
    public void ARepeatAfterSortedIdsIsFoundAndLaterIdsStillCompare()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01" + Row, "P02" + Row, "P02" + Row, "P00" + Row, "P00" + Row);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.Equal([(3, "duplicate key: id 'P02' is already used by row 2"), (5, "duplicate key: id 'P00' is already used by row 4")],
            data.Problems.Select(p => (p.Row, p.Message)));
        Assert.Equal(["P01", "P02", "P00"], data["subjects"].Text("id").AsEnumerable());
    }

    [Fact]
    public void NonAsciiIdsKeepTheirTextAndOnlyExactRepeatsAreDuplicates()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "Zoë" + Row, "Zoe" + Row, "P😀" + Row, "Zoe\u0308" + Row, "Zoë" + Row, "P😀" + Row);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.Equal([(5, "duplicate key: id 'Zoë' is already used by row 1"), (6, "duplicate key: id 'P😀' is already used by row 3")],
            data.Problems.Select(p => (p.Row, p.Message)));
        Assert.Equal(["Zoë", "Zoe", "P😀", "Zoe\u0308"], data["subjects"].Text("id").AsEnumerable());
    }

    [Fact]
    public void AnEmptyIdIsAMissingKeyInItsRowAndDoesNotCollideWithAnother()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01" + Row, Row, "\"\"" + Row, "P02" + Row);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        Assert.Equal([("PL4008", 2, "id"), ("PL4008", 3, "id")], data.Problems.Select(p => (p.Code, p.Row, p.Column)));
        Assert.All(data.Problems, p => Assert.Equal("the key column 'id' has no value", p.Message));
        Assert.Equal(["P01", "P02"], data["subjects"].Text("id").AsEnumerable());
    }

    [Fact]
    public void VeryLongIdsThatDifferOnlyInTheirLastCharacterAreDistinctAndAnExactRepeatIsNot()
    {
        var stem = new string('7', 5_000);
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, stem + "b" + Row, stem + "a" + Row, stem + "b" + Row);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4014", 3, "id"), (problem.Code, problem.Row, problem.Column));
        Assert.EndsWith("is already used by row 1", problem.Message, StringComparison.Ordinal);
        Assert.Equal([stem + "b", stem + "a"], data["subjects"].Text("id").AsEnumerable());
    }

    [Fact]
    public void ChildLinksFindTheirParentsWhetherTheParentIdsAreSortedOrNot()
    {
        foreach (var ids in new[] { new[] { "P01", "P02", "P03" }, ["P03", "P01", "P02"] })
        {
            using var folder = new StudyFolder();
            folder.Write("data/subjects.csv", [Nxp2JdmSchema.SubjectsHeader, .. ids.Select(id => id + Row)]);
            folder.Write("data/visits.csv", Nxp2JdmSchema.VisitsHeader, "P02,0,100,,5,6", "P04,0,100,,5,6", "P01,0,100,,5,6", "P02,1,100,,5,6", "P0,0,100,,5,6");

            var data = folder.Load(Nxp2JdmSchema.Both);

            Assert.Equal([(2, "no row with id 'P04' in parent table 'subjects' (data/subjects.csv)"), (5, "no row with id 'P0' in parent table 'subjects' (data/subjects.csv)")],
                data.Problems.Select(p => (p.Row, p.Message)));
            Assert.Equal(["P02", "P01", "P02"], data["visits"].Text("id").AsEnumerable());
        }
    }

    [Fact]
    public void ATextColumnIsMadeIntoStringsOnceAndARepeatedValueIsOneString()
    {
        using var folder = new StudyFolder();
        folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01" + Row);
        folder.Write("data/visits.csv", Nxp2JdmSchema.VisitsHeader, "P01,0,100,,5,6", "P01,1,100,,5,6");

        var visits = folder.Load(Nxp2JdmSchema.Both)["visits"];

        Assert.Same(visits.Text("id"), visits.Text("id"));
        Assert.Same(visits.Text("id")[0], visits.Text("id")[1]);
        Assert.Throws<InvalidOperationException>(() => visits.Number("id"));
    }
}
