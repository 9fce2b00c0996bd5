using System.Linq;
using DocumentFormat.OpenXml.Wordprocessing;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Reports.Docx;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>Word tables and runs from small view tables: when numbers may wrap, and how the inline marks become runs.</summary>
public sealed class DocxTableTests
{
    private static readonly MarkdownTable Medians = new(
        ["Characteristic", "Group A", "Group B"],
        "|---|--:|--:|",
        [["Creatine kinase", "3792 [1626, 6402]", "180 [132, 244]"]]);

    [Fact]
    public void NumericCellsOfATableThatFitsDoNotWrap()
    {
        Table table = DocxTable.Build(Medians, DocxPage.TextWidth);

        TableCell[] body = table.Elements<TableRow>().ElementAt(1).Elements<TableCell>().ToArray();
        Assert.Null(body[0].TableCellProperties!.NoWrap);
        Assert.NotNull(body[1].TableCellProperties!.NoWrap);
        Assert.NotNull(body[2].TableCellProperties!.NoWrap);
        Assert.Equal("3792 [1626, 6402]", body[1].InnerText);
    }

    [Fact]
    public void InANarrowSpaceANumericCellBreaksOnlyBetweenTheEstimateAndItsInterval()
    {
        // Wide enough for "[1626, 6402]" on a line, too narrow for the whole cell.
        Table table = DocxTable.Build(Medians, 4500);

        TableCell cell = table.Elements<TableRow>().ElementAt(1).Elements<TableCell>().ElementAt(1);
        Assert.Null(cell.TableCellProperties!.NoWrap);
        Assert.Equal("3792 [1626,\u00A06402]", cell.InnerText);
        Assert.True(DocxTable.MinimumWidth(Medians) <= 4500);
    }

    [Fact]
    public void CodeSpansTakeTheCodeStyleAndStrongTextIsBold()
    {
        string text = "model " + ReportText.Code("cox") + " is " + ReportText.Strong("significant") + "\u0001";

        Run[] runs = DocxInline.Runs(text).ToArray();

        Assert.Equal(["model ", "cox", " is ", "significant", "\uFFFD"], runs.Select(r => r.InnerText));
        Assert.Equal(DocxStyles.CodeStyle, runs[1].RunProperties!.RunStyle!.Val!.Value);
        Assert.NotNull(runs[3].RunProperties!.Bold);
        Assert.Null(runs[0].RunProperties);
    }
}
