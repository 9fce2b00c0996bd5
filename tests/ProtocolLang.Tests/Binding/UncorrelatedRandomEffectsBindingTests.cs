using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// Uncorrelated random intercept and slope on <c>model mixed</c> (issue 13): lme4's double bar <c>(week || id)</c> and the
/// two terms it stands for, <c>(1 | id) + (0 + week | id)</c>, bind to the same two terms, intercept first; every other
/// combination of random terms is PL2256. The numbers are checked against R in Runtime.Tests'
/// UncorrelatedRandomEffectsTests and ProtocolLang.Cli.Tests' UncorrelatedRandomEffectsRunTests.
/// </summary>
public class UncorrelatedRandomEffectsBindingTests
{
    private const string Header = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            arm: category(control, treatment)
            age: number
          }
          table visits from "v.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          outcome Score: repeated visits.score over week

        """;

    [Theory]
    [InlineData("(week || id)")]
    [InlineData("(1 + week || id)")]
    [InlineData("(1 | id) + (0 + week | id)")]
    [InlineData("(0 + week | id) + (1 | id)")]
    public void BothSpellingsBindToAnInterceptAndASlopeTerm(string random)
    {
        var study = TestStudies.BindClean(Header + "model mixed Score ~ arm * week + " + random + " as m\n}\n");

        var model = Assert.IsType<BoundMixedModel>(Assert.Single(study.Analyses));
        Assert.Equal([new BoundRandomEffect("id", true, null), new BoundRandomEffect("id", false, "week")], model.RandomEffects.ToArray());
    }

    [Fact]
    public void TheSpellingsEmitTheSameSpecification()
    {
        // The study's hash and the source text the analysis quotes differ; nothing else may.
        string Code(string random) => string.Join("\n", CSharpEmitter.Emit(TestStudies.BindClean(Header + "model mixed Score ~ arm * week + " + random + " as m\n}\n"))
            .Split('\n').Where(l => !l.Contains("StudySha256", System.StringComparison.Ordinal)));

        string doubleBar = Code("(week || id)"), expanded = Code("(1 | id) + (0 + week | id)");

        Assert.Contains("new(\"id\", false, \"week\")", doubleBar, System.StringComparison.Ordinal);
        Assert.Equal(expanded.Replace("(1 | id) + (0 + week | id)", "(week || id)", System.StringComparison.Ordinal), doubleBar);
    }

    [Theory]
    [InlineData("(1 || id)", true, null)]
    [InlineData("(0 + week || id)", false, "week")]
    public void ADoubleBarOnOneEffectIsThatTerm(string random, bool intercept, string? slope)
    {
        var study = TestStudies.BindClean(Header + "model mixed Score ~ arm * week + " + random + "\n}\n");

        var model = Assert.IsType<BoundMixedModel>(Assert.Single(study.Analyses));
        Assert.Equal([new BoundRandomEffect("id", intercept, slope)], model.RandomEffects.ToArray());
    }

    [Theory]
    [InlineData("(1 + week | id) + (1 | id)")]
    [InlineData("(week | id) + (0 + week | id)")]
    [InlineData("(1 | id) + (1 | id)")]
    [InlineData("(0 + week | id) + (0 + week | id)")]
    [InlineData("(week || id) + (1 | id)")]
    public void OtherCombinationsArePL2256(string random)
    {
        var result = TestStudies.Bind(Header + "model mixed Score ~ arm * week + " + random + "\n}\n");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("PL2256", d.Id);
        Assert.Contains("'(week || id)'", d.Message, System.StringComparison.Ordinal);
        Assert.Contains("found " + random, d.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(1 | id) + (0 + age | id)", "PL2033")]
    [InlineData("(age || id)", "PL2033")]
    [InlineData("(1 | id) + (0 + week | arm)", "PL2034")]
    public void ASlopeOffTheTimeOrAnotherGroupingKeepsItsDiagnostic(string random, string id)
    {
        var result = TestStudies.Bind(Header + "model mixed Score ~ arm * week + " + random + "\n}\n");

        Assert.Equal([id], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void AnMmrmReportsEachRandomTermOnlyAsItsOwn()
    {
        var result = TestStudies.Bind(Header + "model mmrm Score ~ arm * factor(week) + (1 + week | id) + (1 | id)\n}\n");

        Assert.Equal(["PL2245", "PL2245"], result.Diagnostics.Select(d => d.Id));
    }
}
