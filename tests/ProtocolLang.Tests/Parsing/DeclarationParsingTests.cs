using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class DeclarationParsingTests
{
    [Fact]
    public void StudyHeaderTitleAndVersionAreRead()
    {
        const string text = "study Nxp2 {\n  title \"A \\\"quoted\\\" title\"\n  version \"1.0\"\n}";
        var source = new SourceText("s.study", text);
        var study = StudyParser.Parse(source).Study!;

        Assert.Equal("Nxp2", study.Name.Name);
        Assert.Equal("1:7", LineCol(source, study.Name.Span));
        var title = Assert.IsType<TitleSyntax>(study.Declarations[0]);
        Assert.Equal("A \"quoted\" title", title.Value.Value);
        Assert.Equal("2:3", LineCol(source, title.Span));
        Assert.Equal("1.0", Assert.IsType<VersionSyntax>(study.Declarations[1]).Value.Value);
        Assert.Equal(new TextSpan(0, text.Length), study.Span);
    }

    [Fact]
    public void StudyLevelDeriveHasNameExpressionAndLabel()
    {
        var derive = Single<DeriveSyntax>("derive bmi = weight / (height * height) label \"BMI\"");

        Assert.Equal("bmi", derive.Name.Name);
        Assert.IsType<BinaryExpressionSyntax>(derive.Expression);
        Assert.Equal("BMI", derive.Label!.Value);
    }

    [Fact]
    public void IncludeAndExcludeCriteriaKeepKindLabelAndPredicate()
    {
        var study = ParseClean(InStudy("include \"Tested\": antibody is not missing\nexclude \"No follow-up\": months is missing"));

        var include = Assert.IsType<CriterionSyntax>(study.Declarations[0]);
        Assert.Equal(CriterionKind.Include, include.Kind);
        Assert.Equal("Tested", include.Label.Value);
        Assert.True(Assert.IsType<IsMissingExpressionSyntax>(include.Predicate).Negated);
        var exclude = Assert.IsType<CriterionSyntax>(study.Declarations[1]);
        Assert.Equal(CriterionKind.Exclude, exclude.Kind);
        Assert.False(Assert.IsType<IsMissingExpressionSyntax>(exclude.Predicate).Negated);
    }

    [Fact]
    public void GroupsKeepEveryEntryWithItsSpan()
    {
        var source = InStudy("groups {\n  A \"Group A\": x == 1 and y == juvenile\n  B \"Group B\": x == 2\n}");
        var groups = Assert.IsType<GroupsSyntax>(Assert.Single(ParseClean(source).Declarations));

        Assert.Equal(["A", "B"], groups.Groups.Select(g => g.Name.Name));
        Assert.Equal("Group A", groups.Groups[0].Label.Value);
        Assert.Equal(BinaryOperator.And, Assert.IsType<BinaryExpressionSyntax>(groups.Groups[0].Predicate).Operator);
        Assert.Equal("B \"Group B\": x == 2", TextOf(source, groups.Groups[1].Span));
        Assert.StartsWith("groups {", TextOf(source, groups.Span), System.StringComparison.Ordinal);
        Assert.EndsWith("}", TextOf(source, groups.Span), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ContinuousOutcomeHasValueAndSummary()
    {
        var outcome = Single<OutcomeSyntax>("outcome CK \"Creatine kinase\": continuous ck summary median");

        Assert.Equal("CK", outcome.Name.Name);
        Assert.Equal("Creatine kinase", outcome.Label!.Value);
        var kind = Assert.IsType<ContinuousOutcomeSyntax>(outcome.Kind);
        Assert.Equal("ck", Assert.IsType<NameExpressionSyntax>(kind.Value).Name.Name);
        Assert.Equal("median", kind.Summary!.Name);
    }

    [Fact]
    public void OutcomeLabelAndSummaryAreOptional()
    {
        var outcome = Single<OutcomeSyntax>("outcome CK: continuous ck");

        Assert.Null(outcome.Label);
        Assert.Null(Assert.IsType<ContinuousOutcomeSyntax>(outcome.Kind).Summary);
    }

    [Fact]
    public void BinaryCategoricalAndCountOutcomesHoldTheirExpression()
    {
        var study = ParseClean(InStudy("outcome A: binary mas\noutcome B: categorical sex\noutcome C: count n + 1"));

        Assert.IsType<BinaryOutcomeSyntax>(((OutcomeSyntax)study.Declarations[0]).Kind);
        Assert.IsType<CategoricalOutcomeSyntax>(((OutcomeSyntax)study.Declarations[1]).Kind);
        var count = Assert.IsType<CountOutcomeSyntax>(((OutcomeSyntax)study.Declarations[2]).Kind);
        Assert.IsType<BinaryExpressionSyntax>(count.Value);
    }

    [Fact]
    public void TimeToEventOutcomeHasTimeEventAndHorizon()
    {
        var source = InStudy("outcome R \"Relapse\": time_to_event(relapse_months, relapsed) horizon 36");
        var outcome = (OutcomeSyntax)ParseClean(source).Declarations[0];
        var kind = Assert.IsType<TimeToEventOutcomeSyntax>(outcome.Kind);

        Assert.Equal("relapse_months", TextOf(source, kind.Time.Span));
        Assert.Equal("relapsed", TextOf(source, kind.Event.Span));
        Assert.Equal(36, kind.Horizon!.Value);
        Assert.Equal("time_to_event(relapse_months, relapsed) horizon 36", TextOf(source, kind.Span));
    }

    [Fact]
    public void RepeatedOutcomeHasTableColumnAndTime()
    {
        var kind = Assert.IsType<RepeatedOutcomeSyntax>(Single<OutcomeSyntax>("outcome C: repeated visits.ck over month").Kind);

        Assert.Equal("visits", kind.Table.Name);
        Assert.Equal("ck", kind.Column.Name);
        Assert.Equal("month", kind.Time.Name);
    }

    [Fact]
    public void ReportHasDirectoryFormatsAndTemplate()
    {
        var report = Single<ReportSyntax>("report \"out\" formats markdown, json template \"t.scriban\"");

        Assert.Equal("out", report.Directory.Value);
        Assert.Equal(["markdown", "json"], report.Formats.Select(f => f.Name));
        Assert.Equal("t.scriban", report.Template!.Value);
    }

    [Fact]
    public void ReportFormatsAndTemplateAreOptional()
    {
        var report = Single<ReportSyntax>("report \"out\"");

        Assert.Empty(report.Formats);
        Assert.Null(report.Template);
    }

    [Fact]
    public void CommentsMayStandBetweenAnyTokens()
    {
        var study = ParseClean("/* a */ study /* b */ S // c\n{ // d\n title /* e */ \"t\" /* f */ }");

        Assert.Single(study.Declarations);
    }

    [Fact]
    public void DeclarationsMayShareALine()
    {
        var study = ParseClean(InStudy("title \"t\" version \"1\" describe a by group"));

        Assert.Equal(3, study.Declarations.Length);
    }

    [Fact]
    public void AnEmptyStudyHasNoDeclarations()
    {
        Assert.Empty(ParseClean("study Empty { }").Declarations);
    }
}
