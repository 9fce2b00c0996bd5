using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Reports;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Cox interaction terms (<see cref="CoxTerm.Product"/>) through <see cref="StudyRun.Cox(string, CoxSpec)"/> on the small
/// study: how their columns are named, coded and labelled, and that input the binder would refuse still gives a defined
/// result. The numbers are checked against R end to end in ProtocolLang.Cli.Tests' CoxInteractionRunTests.
/// </summary>
public sealed class CoxInteractionAnalysisTests
{
    [Fact]
    public void ACrossedTermHasContrastColumnsNamedAndLabelledAsItsFactorsAndOneProportionalHazardsRow()
    {
        AnalysisResult analysis = Fit("model cox Relapse ~ sex * age", (age, sex) =>
            [new(sex, null), new(age, null), CoxTerm.Product(new CoxTerm(sex, null), new CoxTerm(age, null))]);

        Assert.Contains("~ sex + age + sex:age;", analysis.Specification, StringComparison.Ordinal);
        CoxResult cox = analysis.Cox!;
        Assert.Equal(["sexM", "age", "sexM:age"], cox.Terms.Select(t => t.Term));
        Assert.Equal(("sex:age", "M", null), (cox.Terms[2].Variable, cox.Terms[2].Level, cox.Terms[2].ReferenceLevel));
        Assert.Equal("Sex: Male × Age", cox.Terms[2].Label);
        Assert.Equal(["sex", "age", "sex:age", "GLOBAL"], cox.ProportionalHazards!.Tests.Select(t => t.Term));
        Assert.Equal("Sex × Age", cox.ProportionalHazards!.Tests[2].Label);
    }

    [Fact]
    public void AFactorIsCodedByIndicatorsWhenTheTermWithoutItIsAbsentAndByContrastsWhenItIsPresentAsRModelMatrix()
    {
        AnalysisResult alone = Fit("model cox Relapse ~ sex:age", (age, sex) =>
            [CoxTerm.Product(new CoxTerm(sex, null), new CoxTerm(age, null))]);
        AnalysisResult withAge = Fit("model cox Relapse ~ age + sex:age", (age, sex) =>
            [new(age, null), CoxTerm.Product(new CoxTerm(sex, null), new CoxTerm(age, null))]);

        // sex:age alone: without age in the model, sex gets one indicator per level (R: factor(sex)F:age, factor(sex)M:age).
        Assert.Equal(["sexF:age", "sexM:age"], alone.Cox!.Terms.Select(t => t.Term));
        // age + sex:age: age is the term without sex, so sex is in treatment contrasts.
        Assert.Equal(["age", "sexM:age"], withAge.Cox!.Terms.Select(t => t.Term));
    }

    [Fact]
    public void AReferenceLevelInsideAnInteractionMovesTheContrast()
    {
        AnalysisResult analysis = Fit("model cox Relapse ~ sex * age reference sex = M", (age, sex) =>
            [new(sex, "M"), new(age, null), CoxTerm.Product(new CoxTerm(sex, "M"), new CoxTerm(age, null))]);

        Assert.Equal(["sexF", "age", "sexF:age"], analysis.Cox!.Terms.Select(t => t.Term));
        Assert.Equal("Sex: Female × Age", analysis.Cox.Terms[2].Label);
    }

    [Fact]
    public void TheStudysGroupInAnInteractionIsCodedAndLabelledAsItsMainEffect()
    {
        AnalysisResult analysis = Fit("model cox Relapse ~ group * age reference group = Beta", (age, sex) =>
            [new(null, "Beta"), new(age, null), CoxTerm.Product(new CoxTerm(null, "Beta"), new CoxTerm(age, null))]);

        CoxResult cox = analysis.Cox!;
        Assert.Equal(["groupAlpha", "groupGamma", "age", "groupAlpha:age", "groupGamma:age"], cox.Terms.Select(t => t.Term));
        Assert.Equal("group:age", cox.Terms[3].Variable);
        Assert.StartsWith(SmallStudy.Groups[0].Label + " × Age", cox.Terms[3].Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown reference group")]
    [InlineData("unknown reference")]
    public void AnInteractionTheBinderWouldRefuseFailsTheModelWithAWarningWithoutThrowing(string problem)
    {
        AnalysisResult analysis = Fit("model cox Relapse ~ " + problem, (age, sex) =>
            [new(age, null), problem == "unknown reference group"
                ? CoxTerm.Product(new CoxTerm(null, "Delta"), new CoxTerm(age, null))
                : CoxTerm.Product(new CoxTerm(sex, "X"), new CoxTerm(age, null))]);

        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Equal(StatisticsWarnings.TestDoesNotFit, Assert.Single(analysis.Warnings).Code);
        Assert.Null(analysis.Cox);
    }

    private static AnalysisResult Fit(string source, Func<ContinuousVariable, CategoricalVariable, CoxTerm[]> terms)
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(cohort, "age", "Age", null, Summary.Median, r => r.Age);
        var sex = Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], ["Female", "Male"], r => (int)r.Sex);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Followup, r => r.Relapsed);

        run.Cox(source, new CoxSpec(relapse, terms(age, sex), TiesMethod.Efron, Array.Empty<Variable>()));
        return run.Analyses.Single();
    }
}
