namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>How the t and F tests of a mixed model or MMRM get their denominator degrees of freedom.</summary>
public enum DegreesOfFreedomMethod
{
    /// <summary>Satterthwaite's approximation with Cov(β̂) unadjusted (lmerTest's default; mmrm's <c>method = "Satterthwaite"</c>).</summary>
    Satterthwaite,

    /// <summary>
    /// Kenward &amp; Roger (1997): the bias-adjusted covariance Φ_A of β̂ for every SE, and the KR scaled F with its
    /// df (pbkrtest; lmerTest's <c>ddf = "Kenward-Roger"</c>; mmrm's <c>method = "Kenward-Roger"</c>).
    /// </summary>
    KenwardRoger,
}
