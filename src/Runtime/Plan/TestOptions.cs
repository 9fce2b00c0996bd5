using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>How a rank-sum test chooses between its exact and normal-approximation p-values (R's <c>exact</c>).</summary>
public enum ExactMode
{
    /// <summary>R's default (<c>exact = NULL</c>): exact when both groups have fewer than 50 values and there are no ties.</summary>
    Default,

    /// <summary><c>exact = TRUE</c>: exact unless there are ties (then normal, with a warning).</summary>
    Exact,

    /// <summary><c>exact = FALSE</c>: always the normal approximation.</summary>
    Approximate,
}

/// <summary>
/// The options written after a <c>compare</c> statement's test name, e.g.
/// <c>using mann_whitney exact</c> or <c>using chi_square no_correct</c>.
/// </summary>
/// <param name="Exact">Exact or normal-approximation p-value and interval of <c>mann_whitney</c>.</param>
/// <param name="Correct">R's <c>correct</c>: the continuity correction of <c>mann_whitney</c>'s normal
/// approximation, and Yates' correction of <c>chi_square</c> on a 2 × 2 table.</param>
/// <param name="CenterMean">Levene's test about the group means (<c>using levene mean</c>, car's <c>center = mean</c>); medians by default.</param>
/// <param name="ConfInt">R's <c>conf.int</c> of <c>mann_whitney</c>: the Hodges-Lehmann shift and its 95% CI; off with
/// <c>using mann_whitney no_conf_int</c>, which leaves them out of results.json and the report.</param>
public sealed record TestOptions(ExactMode Exact = ExactMode.Default, bool Correct = true, bool CenterMean = false, bool ConfInt = true)
{
    /// <summary>No options: R's defaults.</summary>
    public static TestOptions Default { get; } = new();

    /// <summary>The options as written in the study, for results.json ("exact", "approximate", "no_correct", "no_conf_int", "mean").</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string>();
            if (Exact == ExactMode.Exact)
            {
                names.Add("exact");
            }
            else if (Exact == ExactMode.Approximate)
            {
                names.Add("approximate");
            }

            if (!Correct)
            {
                names.Add("no_correct");
            }

            if (!ConfInt)
            {
                names.Add("no_conf_int");
            }

            if (CenterMean)
            {
                names.Add("mean");
            }

            return names;
        }
    }
}
