namespace ProtocolLang.Runtime.Statistics.Survival;

/// <summary>How a pointwise 95% confidence interval of a survival curve is formed (R's <c>conf.type</c>).</summary>
public enum SurvivalConfidence
{
    /// <summary><c>survfit(conf.type = "log")</c>, R's default: exp(log S ± z·se(H)), upper limit capped at 1.</summary>
    Log,

    /// <summary><c>survfit(conf.type = "log-log")</c>: exp(-exp(log(-log S) ± z·se(H) / log S)); undefined where S is 0 or 1.</summary>
    LogLog,

    /// <summary><c>survfit(conf.type = "plain")</c>: S ± z·S·se(H), clipped to [0, 1].</summary>
    Plain,
}
