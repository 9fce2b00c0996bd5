namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// Size, mean and sample variance (n - 1 divisor; 0 when n = 1) of one group: the sufficient statistics of the
/// t-tests, from values in memory or from an engine's COUNT, AVG and VAR_SAMP.
/// </summary>
public readonly record struct GroupMoments(int N, double Mean, double Variance0)
{
    public static GroupMoments Of(double[] values)
    {
        System.ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            return new GroupMoments(0, double.NaN, double.NaN);
        }

        double mean = Descriptives.Mean(values);
        double variance = values.Length < 2 ? 0 : Descriptives.SumOfSquaredDeviations(values, mean) / (values.Length - 1);
        return new GroupMoments(values.Length, mean, variance);
    }
}
