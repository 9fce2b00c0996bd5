using ProtocolLang.Syntax;
using ProtocolLang.Text;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class PopulationParsingTests
{
    [Fact]
    public void APopulationKeepsItsNameLabelAndWholePredicate()
    {
        var source = InStudy("population PP \"Per protocol\": adherent and not deviated");
        var population = Assert.IsType<PopulationSyntax>(Assert.Single(ParseClean(source).Declarations));

        Assert.Equal("PP", population.Name.Name);
        Assert.Equal("Per protocol", population.Label.Value);
        Assert.Equal(BinaryOperator.And, Assert.IsType<BinaryExpressionSyntax>(population.Condition).Operator);
        Assert.Equal("population PP \"Per protocol\": adherent and not deviated", TextOf(source, population.Span));
    }

    [Fact]
    public void TwoPopulationsOnConsecutiveLinesAreTwoDeclarations()
    {
        var study = ParseClean(InStudy("population ITT \"Intention to treat\": true\npopulation PP \"Per protocol\": adherent"));

        Assert.Equal(2, study.Declarations.Length);
        Assert.IsType<BoolLiteralExpressionSyntax>(Assert.IsType<PopulationSyntax>(study.Declarations[0]).Condition);
        Assert.Equal("PP", Assert.IsType<PopulationSyntax>(study.Declarations[1]).Name.Name);
    }

    [Fact]
    public void APopulationWithoutAColonIsReportedAtTheWordAfterTheLabel()
    {
        var source = new SourceText("s.study", "study T {\n  population PP \"Per protocol\" adherent\n}");
        var diagnostic = Assert.Single(StudyParser.Parse(source).Diagnostics);

        Assert.Equal("PL1001", diagnostic.Id);
        Assert.Equal("2:32", LineCol(source, diagnostic.Location.Span));
    }
}
