using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>What went wrong in a GLM fit; each kind has a PL50xx code (docs/diagnostics.md) and a defined result.</summary>
public enum GlmWarningKind
{
    /// <summary>IRLS (or glm.nb's alternation) reached maxit: R's "glm.fit: algorithm did not converge". PL5085.</summary>
    NotConverged,

    /// <summary>Binomial: fitted probabilities 0 or 1, complete or quasi-complete separation. PL5086.</summary>
    Separation,

    /// <summary>The design is rank deficient: aliased columns are NA, as R. PL5087.</summary>
    RankDeficient,

    /// <summary>Poisson/negative binomial: fitted rates 0, e.g. a group without any count. PL5088.</summary>
    ZeroRate,

    /// <summary>Negative binomial: θ diverges (no overdispersion), or θ's ML iteration stopped. PL5089.</summary>
    ThetaInfinite,
}

/// <summary>A warning of the GLM kernel, with the terms it concerns.</summary>
public sealed record GlmWarning(GlmWarningKind Kind, string Message, System.Collections.Generic.IReadOnlyList<string> Terms)
{
    public string Code => Kind switch
    {
        GlmWarningKind.NotConverged => StatisticsWarnings.GlmNotConverged,
        GlmWarningKind.Separation => StatisticsWarnings.GlmSeparation,
        GlmWarningKind.RankDeficient => StatisticsWarnings.GlmRankDeficient,
        GlmWarningKind.ZeroRate => StatisticsWarnings.GlmZeroRate,
        _ => StatisticsWarnings.GlmThetaInfinite,
    };

    /// <summary>The warning as the results model records it.</summary>
    public WarningResult ToResult() => StatisticsWarnings.Warning(Code, Message);
}
