using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A subject-level covariate of a mixed model, per subject of the cohort, coded as R codes it in
/// <c>model.matrix</c>: a number as is; a category as a factor with its declared levels; a
/// yes/no as R's logical (levels FALSE, TRUE, column <c>masTRUE</c>); <c>factor(x)</c> of a
/// number with one level per distinct value, numerically sorted. Levels absent from the fitted
/// rows are dropped, as lme4's model frame (<c>drop.unused.levels = TRUE</c>) does.
/// </summary>
internal sealed class MixedCovariate
{
    private readonly Func<int, double> _number;
    private readonly Func<int, string?> _level;
    private readonly IReadOnlyList<string>? _declaredLevels;
    private string? _reference;

    private MixedCovariate(TermFactor factor, bool isFactor, Func<int, double> number, Func<int, string?> level, IReadOnlyList<string>? declaredLevels)
    {
        Factor = factor;
        IsFactor = isFactor;
        _number = number;
        _level = level;
        _declaredLevels = declaredLevels;
    }

    public TermFactor Factor { get; }

    public bool IsFactor { get; }

    /// <summary>R's name of the variable in the formula: <c>age</c>, <c>sex</c> or <c>factor(age)</c>.</summary>
    public string Name => Factor.Kind == TermFactorKind.CovariateAsFactor ? $"factor({Factor.Name})" : Factor.Name;

    /// <param name="reference">The reference level (<c>reference arm = treatment</c>; <c>true</c>/<c>false</c> for a bool); null: the first level.</param>
    /// <exception cref="MixedDesign.UnsupportedException">The variable cannot enter a model, or the reference is not one of its levels.</exception>
    public static MixedCovariate Of(TermFactor factor, string? reference = null)
    {
        MixedCovariate covariate = Coded(factor);
        if (reference is null)
        {
            return covariate;
        }

        if (covariate._declaredLevels is not { } declared)
        {
            throw new MixedDesign.UnsupportedException($"'{factor.Name}' has no declared levels, so no reference level '{reference}'");
        }

        // A bool's levels are R's logical FALSE / TRUE; the study writes them false / true.
        string level = factor.Covariate is BinaryVariable ? reference.ToUpperInvariant() : reference;
        if (!declared.Contains(level, StringComparer.Ordinal))
        {
            throw new MixedDesign.UnsupportedException($"reference level '{reference}' is not a level of '{factor.Name}' ({string.Join(", ", declared)})");
        }

        covariate._reference = level;
        return covariate;
    }

    private static MixedCovariate Coded(TermFactor factor)
    {
        bool asFactor = factor.Kind == TermFactorKind.CovariateAsFactor;
        switch (factor.Covariate)
        {
            case ContinuousVariable c:
                return Numeric(factor, asFactor, c.ValueArray);
            case CountVariable c:
                return Numeric(factor, asFactor, c.ValueArray);
            case BinaryVariable b:
                int[] codes = b.CodeArray;
                return new MixedCovariate(factor, true, _ => double.NaN, s => codes[s] < 0 ? null : codes[s] == 1 ? "TRUE" : "FALSE", new[] { "FALSE", "TRUE" });
            case CategoricalVariable v:
                int[] levels = v.CodeArray;
                return new MixedCovariate(factor, true, _ => double.NaN, s => levels[s] < 0 ? null : v.Levels[levels[s]], v.Levels);
            case null:
                throw new MixedDesign.UnsupportedException($"covariate '{factor.Name}' has no values (the generated plan passed none)");
            default:
                throw new MixedDesign.UnsupportedException($"'{factor.Name}' is a {factor.Covariate.KindName} variable; a mixed-model covariate must be continuous, count, binary or categorical");
        }
    }

    /// <summary>Whether subject <paramref name="s"/> (cohort index) has a value.</summary>
    public bool Has(int s) => IsFactor ? _level(s) is not null : !double.IsNaN(_number(s));

    /// <summary>The design variable over the fitted rows, given each row's cohort subject.</summary>
    public DesignVariable Variable(IReadOnlyList<int> subjectOfRow)
    {
        if (!IsFactor)
        {
            return DesignVariable.Numeric(Name, subjectOfRow.Select(s => _number(s)).ToArray());
        }

        string[] values = subjectOfRow.Select(s => _level(s)!).ToArray();
        var present = new HashSet<string>(values, StringComparer.Ordinal);
        string[] levels = (_declaredLevels ?? present.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Order().Select(ModelText.Number).ToArray())
            .Where(present.Contains).ToArray();
        if (_reference is { } reference && Array.IndexOf(levels, reference) is int position and > 0)
        {
            // R's relevel(f, ref = ): the reference first, the other levels in their order.
            levels = [levels[position], .. levels.Where((_, i) => i != position)];
        }

        return DesignVariable.Factor(Name, values.Select(v => Array.IndexOf(levels, v)).ToArray(), levels);
    }

    private static MixedCovariate Numeric(TermFactor factor, bool asFactor, double[] values) =>
        new(factor, asFactor, s => values[s], s => double.IsNaN(values[s]) ? null : ModelText.Number(values[s]), null);
}
