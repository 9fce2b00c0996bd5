using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class TableParsingTests
{
    private const string Source = """
        study S {
          table visits from "data/visits.csv" key visit_id of subjects by id {
            id, visit_id: text key
            group_name: category(NXP2, MDA5, TIF1g) optional label "Antibody"
            ck: number unit "U/L" range 0.. label "CK"
            delta: number range -5..5
            upper: number range ..10
            derive log_ck = log(ck) label "log CK"
            derive plain = ck * 2
          }
        }
        """;

    [Fact]
    public void TableHeaderReadsNameSourceKeyAndParentLink()
    {
        var table = Assert.IsType<TableSyntax>(Assert.Single(ParseClean(Source).Declarations));

        Assert.Equal("visits", table.Name.Name);
        Assert.Equal("data/visits.csv", table.Source.Value);
        Assert.Equal("\"data/visits.csv\"", TextOf(Source, table.Source.Span));
        Assert.Equal("visit_id", table.Key!.Name);
        Assert.Equal("subjects", table.Parent!.Name);
        Assert.Equal("id", table.LinkColumn!.Name);
        Assert.StartsWith("table visits", TextOf(Source, table.Span), System.StringComparison.Ordinal);
        Assert.EndsWith("}", TextOf(Source, table.Span), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnsKeepSharedNamesTypesLevelsAndOptions()
    {
        var table = (TableSyntax)ParseClean(Source).Declarations[0];

        Assert.Equal(5, table.Columns.Length);
        var ids = table.Columns[0];
        Assert.Equal(["id", "visit_id"], ids.Names.Select(n => n.Name));
        Assert.Equal("text", ids.Type.Keyword.Name);
        Assert.IsType<KeyOptionSyntax>(Assert.Single(ids.Options));
        Assert.Equal("id, visit_id: text key", TextOf(Source, ids.Span));

        var category = table.Columns[1];
        Assert.Equal("category", category.Type.Keyword.Name);
        Assert.Equal(["NXP2", "MDA5", "TIF1g"], category.Type.Levels.Select(l => l.Code.Name));
        Assert.Equal("category(NXP2, MDA5, TIF1g)", TextOf(Source, category.Type.Span));
        Assert.IsType<OptionalOptionSyntax>(category.Options[0]);
        Assert.Equal("Antibody", Assert.IsType<LabelOptionSyntax>(category.Options[1]).Label.Value);

        var ck = table.Columns[2];
        Assert.Equal("U/L", Assert.IsType<UnitOptionSyntax>(ck.Options[0]).Unit.Value);
        var range = Assert.IsType<RangeOptionSyntax>(ck.Options[1]);
        Assert.Equal(0, range.Min!.Value);
        Assert.Null(range.Max);
        Assert.Equal("range 0..", TextOf(Source, range.Span));
    }

    [Fact]
    public void RangesMayBeNegativeOrOpenAtEitherEnd()
    {
        var table = (TableSyntax)ParseClean(Source).Declarations[0];

        var delta = Assert.IsType<RangeOptionSyntax>(Assert.Single(table.Columns[3].Options));
        Assert.Equal(-5, delta.Min!.Value);
        Assert.Equal("-5", delta.Min.Text);
        Assert.Equal(5, delta.Max!.Value);
        var upper = Assert.IsType<RangeOptionSyntax>(Assert.Single(table.Columns[4].Options));
        Assert.Null(upper.Min);
        Assert.Equal(10, upper.Max!.Value);
    }

    [Fact]
    public void DerivesInATableAreKeptApartFromColumns()
    {
        var table = (TableSyntax)ParseClean(Source).Declarations[0];

        Assert.Equal(2, table.Derived.Length);
        var logCk = table.Derived[0];
        Assert.Equal("log_ck", logCk.Name.Name);
        Assert.Equal("log CK", logCk.Label!.Value);
        Assert.IsType<CallExpressionSyntax>(logCk.Expression);
        Assert.Equal("derive log_ck = log(ck) label \"log CK\"", TextOf(Source, logCk.Span));
        Assert.Null(table.Derived[1].Label);
    }

    [Fact]
    public void SpansMapToOneBasedLinesAndColumns()
    {
        var source = new SourceText("t.study", Source);
        var table = (TableSyntax)StudyParser.Parse(source).Study!.Declarations[0];

        Assert.Equal("2:3", LineCol(source, table.Span));
        Assert.Equal("3:5", LineCol(source, table.Columns[0].Span));
        Assert.Equal("4:17", LineCol(source, table.Columns[1].Type.Span));
        Assert.Equal("8:5", LineCol(source, table.Derived[0].Span));
    }

    [Fact]
    public void ColumnsNamedLikeKeywordsAreStillColumns()
    {
        var table = Single<TableSyntax>("""
            table t from "t.csv" {
              key: text key
              derive: number
              table: bool
              label: text label "Label"
            }
            """);

        Assert.Equal(["key", "derive", "table", "label"], table.Columns.Select(c => c.Names[0].Name));
        Assert.Empty(table.Derived);
    }

    [Fact]
    public void AColumnErrorDoesNotHideTheOtherColumns()
    {
        var result = Parse(InStudy("""
            table t from "t.csv" {
              a: number unit
              b: number
            }
            """));

        var table = Assert.IsType<TableSyntax>(Assert.Single(result.Study!.Declarations));
        Assert.Equal("b", Assert.Single(table.Columns).Names[0].Name);
        Assert.Equal("PL1001", Assert.Single(result.Diagnostics).Id);
    }
}
