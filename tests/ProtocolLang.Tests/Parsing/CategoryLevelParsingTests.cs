using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

/// <summary><c>category(...)</c> levels: names, number codes and quoted strings, each with an optional label.</summary>
public class CategoryLevelParsingTests
{
    private static CategoryLevelSyntax[] Levels(string type)
    {
        var table = Single<TableSyntax>("table subjects from \"s.csv\" key id {\n  id: text\n  x: " + type + "\n}");
        return table.Columns[1].Type.Levels.ToArray();
    }

    [Fact]
    public void QuotedLevelsKeepTheirTextWithoutQuotes()
    {
        var levels = Levels("category(\"Obs\", \"Lev\", \"Lev+5FU\")");

        Assert.Equal(["Obs", "Lev", "Lev+5FU"], levels.Select(l => l.Code.Name));
        Assert.All(levels, l => Assert.Equal(CategoryLevelForm.String, l.Form));
        Assert.All(levels, l => Assert.Null(l.Label));
    }

    [Fact]
    public void NumberCodesKeepTheirTextAsWrittenWithLabels()
    {
        var levels = Levels("category(1 \"Male\", 2 \"Female\", -1 \"Unknown\")");

        Assert.Equal(["1", "2", "-1"], levels.Select(l => l.Code.Name));
        Assert.Equal(["Male", "Female", "Unknown"], levels.Select(l => l.Label!.Value));
        Assert.All(levels, l => Assert.Equal(CategoryLevelForm.Number, l.Form));
    }

    [Fact]
    public void NamesAndStringsTakeLabelsToo()
    {
        var levels = Levels("category(F \"Female\", M, \"Lev+5FU\" \"Levamisole + 5-FU\")");

        Assert.Equal([CategoryLevelForm.Name, CategoryLevelForm.Name, CategoryLevelForm.String], levels.Select(l => l.Form));
        Assert.Equal(["Female", null, "Levamisole + 5-FU"], levels.Select(l => l.Label?.Value));
    }

    [Fact]
    public void ALevelThatIsNeitherANameNorANumberIsReportedWithAHintToQuoteIt()
    {
        var result = Parse(InStudy("table subjects from \"s.csv\" key id {\n  id: text\n  rx: category(Obs, Lev+5FU)\n}"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL1030", diagnostic.Id);
        Assert.Contains("write it as a quoted string: \"Lev+5FU\"", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedNumberOutsideACategoryIsStillAnInvalidNumber()
    {
        var result = Parse(InStudy("table subjects from \"s.csv\" key id {\n  id: text\n  rx: category(A, B)\n  age: number range 0..5FU\n}"));

        Assert.Equal("PL1006", Assert.Single(result.Diagnostics).Id);
    }
}
