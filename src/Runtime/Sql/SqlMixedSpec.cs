using System.Collections.Generic;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Sql;

/// <summary>What a variable of a mixed model's fixed terms is, in an engine: the subject's group, or the outcome's time as a factor or a number.</summary>
public enum SqlMixedVariableKind
{
    /// <summary>The subject's group (<c>first_group</c>), a factor of the included groups that have rows.</summary>
    Group,

    /// <summary><c>factor(time)</c>: one level per distinct time of the rows that enter, ascending.</summary>
    TimeAsFactor,

    /// <summary>The time as a number.</summary>
    Time,
}

/// <summary>
/// <c>model mixed</c> of a repeated outcome as an engine computes it: the response and time (child-table expressions), the
/// groups included, the fixed terms over <see cref="Variables"/> (in R's order: variables by first appearance, terms by
/// degree, as <c>MixedDesign</c> orders them), and the random effects per subject (an intercept, a slope on time, or both,
/// correlated or not).
/// </summary>
/// <param name="Response">The outcome's value per child row (untransformed).</param>
/// <param name="Log">The response is <c>log(value)</c>; rows with a value ≤ 0 are left out and counted.</param>
/// <param name="Time">The outcome's time per child row.</param>
/// <param name="TimeName">The time's name (<c>month</c>): R's <c>factor(month)</c> and the slope's name.</param>
/// <param name="IncludedGroups">The groups of the model (indices in declared order); null for all.</param>
/// <param name="GroupReference">The reference group (<c>reference group = X</c>); null for the first included group with rows.</param>
/// <param name="GroupTerm">The group factor's name in the model (<c>group</c>).</param>
/// <param name="GroupNames">The study's groups in declared order.</param>
public sealed record SqlMixedSpec(
    SqlExpr Response,
    bool Log,
    SqlExpr Time,
    string TimeName,
    IReadOnlyList<int>? IncludedGroups,
    string? GroupReference,
    string GroupTerm,
    IReadOnlyList<string> GroupNames,
    IReadOnlyList<SqlMixedVariableKind> Variables,
    IReadOnlyList<int[]> Terms,
    bool RandomIntercept,
    bool RandomSlope,
    bool Uncorrelated,
    bool Reml = true,
    DegreesOfFreedomMethod Df = DegreesOfFreedomMethod.Satterthwaite);
