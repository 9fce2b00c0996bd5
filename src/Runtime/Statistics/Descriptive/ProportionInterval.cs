namespace ProtocolLang.Runtime.Statistics;

/// <summary>A binomial proportion with its confidence interval.</summary>
/// <param name="Estimate">successes / n.</param>
/// <param name="Lower">Lower confidence limit, in [0, 1].</param>
/// <param name="Upper">Upper confidence limit, in [0, 1].</param>
public readonly record struct ProportionInterval(double Estimate, double Lower, double Upper);
