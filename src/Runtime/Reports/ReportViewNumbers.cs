namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// <see cref="ReportNumberFormat"/> for the report view: the same text, with each minus sign marked
/// (<see cref="ReportText.Minus"/>) so that every output prints its own: Markdown the ASCII hyphen-minus (what a
/// reviewer greps and diffs), HTML and plain text (Word, SVG) the true minus U+2212. Only numbers are marked; a
/// hyphen in a label or a code stays a hyphen. Every call of the policy in <c>ReportViewBuilder</c> goes through here.
/// </summary>
internal static class ReportViewNumbers
{
    public const string NotAvailable = ReportNumberFormat.NotAvailable;

    public static string PValue(double p) => ReportNumberFormat.PValue(p);

    public static string PValue(double? p) => ReportNumberFormat.PValue(p);

    public static string Estimate(double value) => Mark(ReportNumberFormat.Estimate(value));

    public static string Estimate(double? value) => Mark(ReportNumberFormat.Estimate(value));

    public static string Fixed(double value, int decimals) => Mark(ReportNumberFormat.Fixed(value, decimals));

    public static string Fixed(double? value, int decimals) => Mark(ReportNumberFormat.Fixed(value, decimals));

    public static string Interval(double estimate, double low, double high) => Mark(ReportNumberFormat.Interval(estimate, low, high));

    public static string Ratio(double ratio, double low, double high) => Mark(ReportNumberFormat.Ratio(ratio, low, high));

    public static string Statistic(double value) => Mark(ReportNumberFormat.Statistic(value));

    public static string Percent(double percent) => Mark(ReportNumberFormat.Percent(percent));

    public static string Count(int count) => Mark(ReportNumberFormat.Count(count));

    public static string DegreesOfFreedom(double? df) => Mark(ReportNumberFormat.DegreesOfFreedom(df));

    /// <summary>The policy's text holds '-' only as a minus sign (of the number or of its exponent).</summary>
    internal static string Mark(string number) => number.Replace('-', ReportText.Minus);
}
