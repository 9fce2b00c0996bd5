using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

public class SurvivalOptionsBindingTests
{
    private const string Study = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            sex: category(F, M)
            months: number
            relapsed: bool
          }
          groups {
            A "A": sex == F
            B "B": sex == M
          }
          outcome Relapse: time_to_event(months, relapsed)

        """;

    [Theory]
    [InlineData("", SurvivalConfType.Log)]
    [InlineData(" conf_type log", SurvivalConfType.Log)]
    [InlineData(" conf_type log_log", SurvivalConfType.LogLog)]
    [InlineData(" conf_type plain", SurvivalConfType.Plain)]
    public void KaplanMeierConfTypeBindsToRsConfType(string clause, SurvivalConfType expected)
    {
        var study = TestStudies.BindClean(Study + "model kaplan_meier Relapse by group at 12" + clause + "\n}");

        Assert.Equal(expected, Assert.IsType<BoundKaplanMeier>(study.Analyses.Single()).ConfType);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(" conf_band", true)]
    [InlineData(" conf_band conf_type log_log", true)]
    public void KaplanMeierConfBandIsAFlagTheEmittedRunCallPasses(string clause, bool expected)
    {
        var study = TestStudies.BindClean(Study + "model kaplan_meier Relapse by group at 12" + clause + "\n}");

        Assert.Equal(expected, Assert.IsType<BoundKaplanMeier>(study.Analyses.Single()).ConfBand);
        Assert.Equal(expected, ProtocolLang.Emit.CSharpEmitter.Emit(study).Contains(", confBand: true);", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("model cox Relapse ~ group conf_band")]
    [InlineData("test logrank Relapse by group conf_band")]
    public void ConfBandIsAnOptionOfKaplanMeierOnly(string analysis)
    {
        var result = TestStudies.Bind(Study + analysis + "\n}");

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("conf_band", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", false, AdjustMethod.None)]
    [InlineData(" pairwise", true, AdjustMethod.None)]
    [InlineData(" pairwise adjust holm", true, AdjustMethod.Holm)]
    [InlineData(" strata sex pairwise adjust bh", true, AdjustMethod.BenjaminiHochberg)]
    public void LogRankPairwiseBindsWithItsAdjustment(string clause, bool pairwise, AdjustMethod adjust)
    {
        var study = TestStudies.BindClean(Study + "test logrank Relapse by group" + clause + "\n}");

        var test = Assert.IsType<BoundLogRank>(study.Analyses.Single());
        Assert.Equal((pairwise, adjust), (test.Pairwise, test.Adjust));
    }

    [Theory]
    [InlineData("", ZphTransform.Km)]
    [InlineData(" zph km", ZphTransform.Km)]
    [InlineData(" zph rank", ZphTransform.Rank)]
    [InlineData(" zph identity", ZphTransform.Identity)]
    [InlineData(" zph log", ZphTransform.Log)]
    [InlineData(" ties breslow zph none", ZphTransform.None)]
    public void CoxZphBindsToCoxZphsTransformOrNone(string clause, ZphTransform expected)
    {
        var study = TestStudies.BindClean(Study + "model cox Relapse ~ group" + clause + "\n}");

        Assert.Equal(expected, Assert.IsType<BoundCox>(study.Analyses.Single()).Zph);
    }

    [Theory]
    [InlineData("", TiesMethod.Efron)]
    [InlineData(" ties efron", TiesMethod.Efron)]
    [InlineData(" ties breslow", TiesMethod.Breslow)]
    [InlineData(" ties exact", TiesMethod.Exact)]
    [InlineData(" strata sex ties exact", TiesMethod.Exact)]
    public void CoxTiesBindsToCoxphsTiesMethod(string clause, TiesMethod expected)
    {
        var study = TestStudies.BindClean(Study + "model cox Relapse ~ group" + clause + "\n}");

        Assert.Equal(expected, Assert.IsType<BoundCox>(study.Analyses.Single()).Ties);
    }
}
