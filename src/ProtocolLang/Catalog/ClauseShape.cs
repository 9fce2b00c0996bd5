namespace ProtocolLang.Catalog;

/// <summary>
/// How the value of an analysis clause is written. One registry (<see cref="AnalysisCatalog.Clauses"/>) fixes the
/// shape of every clause keyword for every kind, so the parser reads clauses without knowing the analysis.
/// </summary>
public enum ClauseShape
{
    /// <summary>The keyword alone: <c>pairwise</c>, <c>overall</c>.</summary>
    Flag,

    /// <summary>One word from a fixed set: <c>ties efron</c>.</summary>
    Word,

    /// <summary>Words from a fixed set, comma-separated: <c>statistics mean_sd, median_iqr</c>.</summary>
    WordList,

    /// <summary>One number: <c>rho 1</c>, <c>quantile_type 6</c>.</summary>
    Number,

    /// <summary>Numbers, comma-separated: <c>at 12, 24, 36</c>.</summary>
    NumberList,

    /// <summary>One expression: <c>where age >= 18</c>, <c>within sex</c>.</summary>
    Expression,

    /// <summary>Expressions, comma-separated: <c>by arm, sex</c>, <c>strata site, region</c>.</summary>
    ExpressionList,

    /// <summary>Reference levels: <c>reference NXP2_ADM, sex = F</c>.</summary>
    References,

    /// <summary>Which groups are compared: <c>: A vs B</c>, <c>: A vs each</c>, <c>: A vs (B, C)</c>, <c>: all pairs</c>.</summary>
    Pairing,

    /// <summary>A name: <c>in PP</c>, <c>as km_relapse</c>.</summary>
    Identifier,

    /// <summary>A test name and the words after it that tune it: <c>using mann_whitney exact no_correct</c>.</summary>
    TestWithOptions,

    /// <summary>Numbers, each for everything or for one name, comma-separated: <c>decimals 1</c>, <c>decimals 1, CK = 0</c>.</summary>
    NumberAssignments,
}
