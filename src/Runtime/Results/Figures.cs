using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// The data of a figure that the analyses' results do not already hold, so that the reports (and
/// their SVG figures) are a pure function of <c>results.json</c>. Kaplan-Meier curves are drawn
/// from the Kaplan-Meier analysis itself and have no entry here.
/// </summary>
/// <param name="Id">File-name-safe id, unique in the study: <c>box-ck</c>, <c>trajectory-ckcourse</c>.</param>
/// <param name="Kind">"box" (a continuous outcome by group) or "trajectory" (a repeated outcome over time by group).</param>
public sealed record FigureResult(
    string Id,
    string Kind,
    string Variable,
    string Label,
    string? Unit,
    BoxFigure? Box = null,
    TrajectoryFigure? Trajectory = null)
{
    /// <summary>The scoped analysis the figure belongs to (its own grouping and subjects); null = the default scope, shared by every analysis of the variable.</summary>
    public string? Analysis { get; init; }
}

/// <summary>Box statistics per group, as R's <c>boxplot.stats</c> of the group's non-missing values.</summary>
public sealed record BoxFigure(IReadOnlyList<BoxGroup> Groups);

/// <summary>One group's box: Tukey's hinges (<c>fivenum</c>), whiskers within 1.5 IQR, outliers ascending.</summary>
public sealed record BoxGroup(
    string Group,
    string Label,
    int N,
    int Missing,
    double LowerWhisker,
    double LowerHinge,
    double Median,
    double UpperHinge,
    double UpperWhisker,
    IReadOnlyList<double> Outliers)
{
    /// <summary>
    /// The group's values, ascending, for the points drawn over the box; null (omitted) when the figure's groups together
    /// have more than <see cref="MaxValues"/> values (points would only hide the box, and results.json would grow with the data).
    /// </summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>The most values a box figure records over all its groups.</summary>
    public const int MaxValues = 2000;
}

/// <summary>
/// Mean and t-based 95% CI of a repeated outcome per group and time, from the raw visit rows with a
/// value and a time whose subject is in a group (not the mixed model's marginal means).
/// </summary>
public sealed record TrajectoryFigure(string Time, string? TimeUnit, IReadOnlyList<TrajectoryGroup> Groups)
{
    /// <summary>
    /// "log" for the outcome of a <c>log(y)</c> model: each point is then the geometric mean with its CI, exp of the mean and
    /// t interval of log y (rows with y &gt; 0), and its SD is that of log y; null (omitted) for the raw scale.
    /// </summary>
    public string? Scale { get; init; }
}

/// <summary>One group's points, by ascending time.</summary>
public sealed record TrajectoryGroup(string Group, string Label, IReadOnlyList<TrajectoryPoint> Points);

/// <summary>Rows with a value at this time: their mean, SD and t interval (null when n &lt; 2).</summary>
public sealed record TrajectoryPoint(double Time, int N, double Mean, double Sd, double Lower, double Upper);
