using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// <c>model mmrm</c> at the binder and emitter: the fixed part binds as <c>model mixed</c>'s, the options become
/// <see cref="BoundMmrmOptions"/>, bad uses get PL2245/PL2246/PL2240/PL2241/PL2242/PL2104. The numbers are checked
/// against R in ProtocolLang.Cli.Tests' MmrmRunTests.
/// </summary>
public class MmrmBindingTests
{
    private const string Header = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            arm: category(control "Control", treatment "Treatment")
            base: number
          }
          table visits from "v.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          outcome Score: repeated visits.score over week

        """;

    [Fact]
    public void TheOptionsBindWithUnstructuredAndReferenceContrastsAsDefaults()
    {
        var study = TestStudies.BindClean(Header + """
              model mmrm Score ~ arm * factor(week) + base means arm as a
              model mmrm Score ~ arm * factor(week) covariance toep means arm contrast pairwise as b
              model mmrm Score ~ arm + factor(week) covariance ar1 as c
              model mixed Score ~ arm * factor(week) + (1 | id) means arm contrast pairwise adjust holm as d
            }
            """);

        var models = study.Analyses.Cast<BoundMixedModel>().ToList();
        Assert.Equal(new BoundMmrmOptions("us", "id"), models[0].Mmrm);
        Assert.Equal(new BoundVisitMeans("arm", false, LinearMeansAdjust.Dunnettx), models[0].Means);
        Assert.Equal(new BoundMmrmOptions("toep", "id"), models[1].Mmrm);
        Assert.Equal(new BoundVisitMeans("arm", true, LinearMeansAdjust.Tukey), models[1].Means);
        Assert.Equal(new BoundMmrmOptions("ar1", "id"), models[2].Mmrm);
        Assert.Null(models[2].Means);
        Assert.Null(models[3].Mmrm);
        Assert.Equal(new BoundVisitMeans("arm", true, LinearMeansAdjust.Holm), models[3].Means);
        Assert.Empty(models[0].RandomEffects);
        Assert.Equal(["arm", "week", "arm:week", "base"], models[0].FixedTerms.Select(t => string.Join(":", t.Factors.Select(f => f.Name))));
    }

    [Fact]
    public void TheEmittedSpecNamesTheMmrmOptions()
    {
        var study = TestStudies.BindClean(Header + "model mmrm Score ~ arm * factor(week) covariance cs means arm as a\n}\n");

        string code = CSharpEmitter.Emit(study);

        Assert.Contains("Mmrm: new global::ProtocolLang.Runtime.Plan.MmrmOptions(global::ProtocolLang.Runtime.Statistics.Mmrm.MmrmCovarianceKind.CompoundSymmetry, \"id\")", code, System.StringComparison.Ordinal);
        Assert.Contains("Means: new global::ProtocolLang.Runtime.Plan.VisitMeansSpec(\"arm\", false, global::ProtocolLang.Runtime.Plan.LinearContrastAdjust.Dunnettx)", code, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model mmrm Score ~ arm + factor(week) + (1 | id)", "PL2245")]
    [InlineData("model mmrm Score ~ arm * factor(week) means week", "PL2246")]
    [InlineData("model mmrm Score ~ arm * factor(week) + base means arm, base", "PL2246")]
    [InlineData("model mmrm Score ~ arm * factor(week) + base means base", "PL2241")]
    [InlineData("model mmrm Score ~ factor(week) means arm", "PL2240")]
    [InlineData("model mmrm Score ~ arm * factor(week) contrast pairwise", "PL2242")]
    [InlineData("model mmrm Score ~ arm * factor(week) covariance unstructured", "PL2104")]
    [InlineData("model mmrm Score ~ arm * factor(week) means arm adjust tukey", "PL2243")]
    [InlineData("model mixed Score ~ arm * factor(week) + (1 | id) adjust holm", "PL2242")]
    [InlineData("model mixed Score ~ arm * factor(week) + (1 | id) means week", "PL2246")]
    public void BadUsesGetTheirDiagnostic(string analysis, string id)
    {
        var result = TestStudies.Bind(Header + analysis + "\n}\n");

        Assert.Contains(result.Diagnostics, d => d.Id == id);
    }
}
