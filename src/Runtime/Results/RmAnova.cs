using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// A repeated-measures ANOVA as afex reports it: <c>anova(aov_ez(...), correction = "none" | "GG" | "HF", es = "ges")</c>
/// in one table (uncorrected, Greenhouse-Geisser and Huynh-Feldt tests per effect) and <c>summary()</c>'s Mauchly tests.
/// </summary>
/// <param name="Formula">afex's <c>aov_car</c> formula for the same analysis (<c>y ~ arm + factor(visit) + arm:factor(visit) + Error(id/factor(visit))</c>).</param>
/// <param name="Subject">The subject key column.</param>
/// <param name="Within">The within-subject factor: the outcome's time.</param>
/// <param name="Visits">Its levels: the times of the rows that entered, ascending.</param>
/// <param name="Between">The between-subject factors, in formula order.</param>
/// <param name="Subjects">The complete subjects analysed (a value at every visit).</param>
/// <param name="Observations">Their rows: subjects × visits.</param>
/// <param name="RowsLeftOut">Rows that did not enter, per reason (as a mixed model counts them).</param>
/// <param name="DroppedSubjects">Every subject of the analysed groups left out of the analysis, with why: afex keeps complete cases only.</param>
/// <param name="Effects">One row per effect in car's order (between terms, then each within term and its interactions); no intercept, as afex's anova_table.</param>
/// <param name="Sphericity">Mauchly's test and the epsilons of each within-subject effect with two or more df per subject, as summary(aov_ez(...)).</param>
public sealed record RmAnovaResult(
    string Formula,
    string Subject,
    string Within,
    IReadOnlyList<string> Visits,
    IReadOnlyList<string> Between,
    int Subjects,
    int Observations,
    IReadOnlyList<RowsLeftOut> RowsLeftOut,
    IReadOnlyList<DroppedSubjectRow> DroppedSubjects,
    IReadOnlyList<RmAnovaEffectRow> Effects,
    IReadOnlyList<SphericityRow> Sphericity)
{
    /// <summary>Codes and labels of categorical factors with labelled levels; null when none has labels.</summary>
    public IReadOnlyList<LevelLabelsRow>? LevelLabels { get; init; }
}

/// <summary>A subject left out of a repeated-measures ANOVA: its key and why (the visits it has no value at, or no row at all).</summary>
public sealed record DroppedSubjectRow(string Subject, string Reason);

/// <summary>One effect: type III SS (sum-to-zero contrasts), its F test against its stratum's error, ges, and the corrected tests.</summary>
/// <param name="Ges">Generalized eta squared, afex's <c>es = "ges"</c>.</param>
/// <param name="Gg">The Greenhouse-Geisser test (afex's <c>correction = "GG"</c>, its default): uncorrected where no epsilon applies.</param>
/// <param name="Hf">The Huynh-Feldt test (<c>correction = "HF"</c>), epsilon capped at 1.</param>
public sealed record RmAnovaEffectRow(
    string Term,
    bool Within,
    double SumOfSquares,
    double Df,
    double MeanSquare,
    double ErrorSumOfSquares,
    double ErrorDf,
    double MeanSquareError,
    double F,
    double PValue,
    double Ges,
    CorrectedTestRow Gg,
    CorrectedTestRow Hf);

/// <summary>A test on epsilon-scaled df; <see cref="Epsilon"/> NaN (null in results.json) when none applies.</summary>
/// <param name="MeanSquareError">The error SS over the corrected error df: afex's MSE column under the correction.</param>
public sealed record CorrectedTestRow(double Epsilon, double Df, double ErrorDf, double MeanSquareError, double PValue);

/// <summary>Mauchly's W and p, the Greenhouse-Geisser epsilon and the Huynh-Feldt epsilon as computed (before the cap at 1).</summary>
public sealed record SphericityRow(string Term, double MauchlyW, double MauchlyP, double GgEpsilon, double HfEpsilon);
