using ProtocolLang.Runtime.Reports;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class ReportMinusSignTests
{
    [Fact]
    public void ANegativeNumberPrintsATrueMinusInHtml() =>
        Assert.Equal("\u22123.10 (\u22125.40, \u22120.60)", ReportText.ToHtml(ReportViewNumbers.Interval(-3.1, -5.4, -0.6)));

    [Fact]
    public void ANegativeNumberPrintsAHyphenMinusInMarkdown() =>
        Assert.Equal("-3.10 (-5.40, -0.60)", ReportText.ToMarkdown(ReportViewNumbers.Interval(-3.1, -5.4, -0.6), cell: true));

    [Fact]
    public void PlainTextForWordAndFiguresPrintsATrueMinus() =>
        Assert.Equal("\u22121.50", ReportText.ToPlain(ReportViewNumbers.Estimate(-1.5)));

    [Fact]
    public void AHyphenInALabelStaysAHyphenInHtml() =>
        Assert.Equal("P-019 \u22121.50", ReportText.ToHtml("P-019 " + ReportViewNumbers.Estimate(-1.5)));

    [Fact]
    public void AnExponentsMinusIsMarkedToo() =>
        Assert.Equal("1.23e\u221207", ReportText.ToHtml(ReportViewNumbers.Estimate(1.23e-7)));

    [Fact]
    public void ThePolicyItselfPrintsAsciiForFiguresAndTheDiff() =>
        Assert.Equal("-3.10 (-5.40, -0.60)", ReportNumberFormat.Interval(-3.1, -5.4, -0.6));
}
