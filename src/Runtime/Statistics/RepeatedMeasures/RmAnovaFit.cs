using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.RepeatedMeasures;

/// <summary>
/// One effect of a repeated-measures ANOVA, as a row of <c>summary(aov_ez(...))$univariate.tests</c> with its
/// generalized eta squared and, for a within-subject effect with two or more df per subject, the sphericity test and
/// corrections.
/// </summary>
/// <param name="Term">Between factors first, then within factors, joined by ':' (car's names: <c>arm:visit</c>).</param>
/// <param name="Df">The numerator df: the between term's df times the within term's (car's <c>num Df</c>).</param>
/// <param name="ErrorDf">The residual df times the within term's df (car's <c>den Df</c>).</param>
/// <param name="Ges">Generalized eta squared (Olejnik &amp; Algina 2003; Bakeman 2005): SS / (SS + the sum of every stratum's error SS), as afex with no observed factors.</param>
/// <param name="Sphericity">Null for a between-subject effect or a within-subject effect of one df per subject (sphericity holds trivially).</param>
/// <param name="Gg">The Greenhouse-Geisser corrected test; the uncorrected one when <see cref="Sphericity"/> is null (afex's anova_table).</param>
/// <param name="Hf">The Huynh-Feldt corrected test, its epsilon capped at 1 as car and afex use it.</param>
public sealed record RmAnovaEffect(
    string Term,
    bool Within,
    double SumOfSquares,
    double Df,
    double ErrorSumOfSquares,
    double ErrorDf,
    double F,
    double PValue,
    double Ges,
    SphericityTest? Sphericity,
    CorrectedTest Gg,
    CorrectedTest Hf)
{
    public double MeanSquare => SumOfSquares / Df;

    public double MeanSquareError => ErrorSumOfSquares / ErrorDf;
}

/// <summary>Mauchly's test of sphericity and the two epsilons of one within-subject stratum.</summary>
/// <param name="HfEpsilon">Huynh-Feldt's epsilon as car computes it, not capped (it may exceed 1).</param>
public sealed record SphericityTest(double MauchlyW, double MauchlyP, double GgEpsilon, double HfEpsilon);

/// <summary>A test on df scaled by an epsilon: <c>pf(F, ε·df, ε·error df, lower.tail = FALSE)</c>.</summary>
/// <param name="Epsilon">The epsilon applied (HF capped at 1); NaN when none applies.</param>
public sealed record CorrectedTest(double Epsilon, double Df, double ErrorDf, double PValue)
{
    /// <summary>The error mean square on the corrected df, afex's MSE column under that correction.</summary>
    public double MeanSquareError(double errorSumOfSquares) => errorSumOfSquares / ErrorDf;
}

/// <summary>A fitted repeated-measures ANOVA.</summary>
/// <param name="Intercept">The intercept's row (afex leaves it out of its anova_table; car's summary shows it).</param>
/// <param name="Singular">Within-subject strata whose error matrix is singular (fewer error df than the stratum's dimension): no sphericity test or correction, as car.</param>
/// <param name="HfCapped">Strata whose Huynh-Feldt epsilon exceeds 1, used as 1 (car's "HF eps > 1 treated as 1").</param>
public sealed record RmAnovaFit(
    int Subjects,
    int ResidualDf,
    RmAnovaEffect Intercept,
    IReadOnlyList<RmAnovaEffect> Effects,
    IReadOnlyList<string> Singular,
    IReadOnlyList<string> HfCapped);
