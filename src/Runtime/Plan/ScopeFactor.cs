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

    /// <remarks>
    /// A factor written as an expression labels its levels with it (<c>by age >= 65</c>: <c>age >= 65: true</c>), so a
    /// table column or a legend reads alone. A <c>within</c> level is always shown after its factor's name
    /// ("within age >= 65: true"), so there the repeated name is dropped from the label.
    /// </remarks>
    /// <exception cref="ArgumentException">The variable is neither binary nor categorical.</exception>
    public static ScopeFactor Of(Variable variable, string role) => variable switch
    {
        BinaryVariable b => new ScopeFactor(b.Name, BinaryLevels, BinaryLabels, b.CodeArray),
        CategoricalVariable c when role == "within" => new ScopeFactor(c.Name, c.Levels, WithoutName(c.Name, c.LevelLabels), c.CodeArray),
        CategoricalVariable c => new ScopeFactor(c.Name, c.Levels, c.LevelLabels, c.CodeArray),
        _ => throw new ArgumentException($"A '{role}' factor must be a binary or categorical variable; '{variable.Name}' is {variable.KindName}.", nameof(variable)),
    };

    private static string[] WithoutName(string name, IReadOnlyList<string> labels)
    {
        string prefix = name + ": ";
        var result = new string[labels.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = labels[i].StartsWith(prefix, StringComparison.Ordinal) && labels[i].Length > prefix.Length ? labels[i][prefix.Length..] : labels[i];
        }

        return result;
    }
}
