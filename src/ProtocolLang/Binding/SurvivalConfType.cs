namespace ProtocolLang.Binding;

/// <summary>The pointwise CI of a Kaplan-Meier curve, <c>conf_type</c> (R's <c>survfit(conf.type = ...)</c>).</summary>
public enum SurvivalConfType
{
    /// <summary><c>conf_type log</c>, R's default "log".</summary>
    Log,

    /// <summary><c>conf_type log_log</c>, R's "log-log".</summary>
    LogLog,

    /// <summary><c>conf_type plain</c>, R's "plain".</summary>
    Plain,
}
