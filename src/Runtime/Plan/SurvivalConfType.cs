namespace ProtocolLang.Runtime.Plan;

/// <summary>The pointwise 95% CI of a Kaplan-Meier curve, as the study's <c>conf_type</c> names it.</summary>
public enum SurvivalConfType
{
    /// <summary><c>survfit(conf.type = "log")</c>, R's default.</summary>
    Log,

    /// <summary><c>survfit(conf.type = "log-log")</c>.</summary>
    LogLog,

    /// <summary><c>survfit(conf.type = "plain")</c>.</summary>
    Plain,
}
