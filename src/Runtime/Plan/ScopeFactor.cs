using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A <c>by</c> or <c>within</c> factor: its levels (names and labels, in order) and each analysed subject's
/// level index (-1 = missing). A yes/no variable has the levels <c>false</c> ("No") then <c>true</c> ("Yes"),
/// in R's order for <c>factor(logical)</c>; a categorical one its declared levels with their labels.
/// </summary>
internal sealed record ScopeFactor(string Name, IReadOnlyList<string> Levels, IReadOnlyList<string> Labels, int[] Codes)
{
    public static readonly IReadOnlyList<string> BinaryLevels = ["false", "true"];

    public static readonly IReadOnlyList<string> BinaryLabels = ["No", "Yes"];

    /// <exception cref="ArgumentException">The variable is neither binary nor categorical.</exception>
    public static ScopeFactor Of(Variable variable, string role) => variable switch
    {
        BinaryVariable b => new ScopeFactor(b.Name, BinaryLevels, BinaryLabels, b.CodeArray),
        CategoricalVariable c => new ScopeFactor(c.Name, c.Levels, c.LevelLabels, c.CodeArray),
        _ => throw new ArgumentException($"A '{role}' factor must be a binary or categorical variable; '{variable.Name}' is {variable.KindName}.", nameof(variable)),
    };
}
