using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Writes a model's specification as R-like text, so a reader sees what the runtime understood.</summary>
internal static class ModelText
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Outcome(TimeToEventVariable outcome)
    {
        string unit = outcome.Unit is null ? string.Empty : $" ({outcome.Unit})";
        string horizon = outcome.Horizon is { } h ? "; horizon " + Number(h) + unit : string.Empty;
        return $"Surv({outcome.Name}){horizon}";
    }

    /// <param name="groupTerm">What a <c>group</c> term is in the analysis' scope (<see cref="ScopedCohort.GroupTerm"/>).</param>
    public static string Mixed(MixedModelSpec spec, string groupTerm = ScopedCohort.DefaultGroupTerm) =>
        Mixed(spec, groupTerm, Defined(spec.Response.Values), spec.Response.Values.Length);

    /// <summary>The model's text with the counts of the outcome's kept child rows and of those with a value (an engine counts them).</summary>
    internal static string Mixed(MixedModelSpec spec, string groupTerm, long withValue, long keptRows)
    {
        string response = spec.Transform == ResponseTransform.Log ? $"log({spec.Response.Name})" : spec.Response.Name;
        IEnumerable<string> terms = spec.FixedTerms.Select(t => string.Join(":", t.Factors.Select(f => f.Kind == TermFactorKind.Group ? groupTerm : Factor(f))))
            .Concat(spec.RandomEffects.Select(Random));
        string groups = spec.GroupsIncluded is null ? "all groups" : "groups " + string.Join(", ", spec.GroupsIncluded);
        return $"{response} ~ {string.Join(" + ", terms)}; {groups}; {(spec.Reml ? "REML" : "ML")}; "
            + string.Create(CultureInfo.InvariantCulture, $"{withValue} of {keptRows} kept rows of table '{spec.Response.Table}' have a value");
    }

    /// <param name="groupTerm">What a <c>group</c> term is in the analysis' scope (<see cref="ScopedCohort.GroupTerm"/>).</param>
    public static string Cox(CoxSpec spec, string groupTerm = ScopedCohort.DefaultGroupTerm)
    {
        var terms = spec.Terms.Select(t => t.NameIn(groupTerm));
        var references = spec.Terms.Where(t => t.ReferenceLevel is not null)
            .Select(t => $"{t.NameIn(groupTerm)} = {t.ReferenceLevel}")
            .ToArray();
        string text = $"{Outcome(spec.Outcome)} ~ {string.Join(" + ", terms)}";
        if (spec.Strata.Count > 0)
        {
            text += " + " + string.Join(" + ", spec.Strata.Select(s => $"strata({s.Name})"));
        }

        if (references.Length > 0)
        {
            text += "; reference " + string.Join(", ", references);
        }

        text += "; ties = " + CoxTiesNames.RName(StudyRun.KernelTies(spec.Ties));
        if (spec.Subgroups is { } subgroups)
        {
            text += "; subgroup " + string.Join(", ", subgroups.Factors.Select(f => f.NameIn(groupTerm)))
                + " (treatment " + spec.Terms[subgroups.Treatment].NameIn(groupTerm) + ")";
        }

        // Only a model that chose another time scale says so: the default (km) keeps the text it always had.
        return spec.Zph switch
        {
            ZphTransform.Km => text,
            ZphTransform.None => text + "; zph = none",
            _ => text + "; zph = " + StudyRun.ZphName(spec.Zph),
        };
    }

    private static int Defined(System.ReadOnlySpan<double> values)
    {
        int n = 0;
        foreach (double v in values)
        {
            n += double.IsNaN(v) ? 0 : 1;
        }

        return n;
    }

    private static string Factor(TermFactor factor) =>
        factor.Kind is TermFactorKind.TimeAsFactor or TermFactorKind.CovariateAsFactor ? $"factor({factor.Name})" : factor.Name;

    /// <summary>A random-effects term as lme4 writes it: <c>(1 | id)</c>, <c>(1 + t | id)</c>, <c>(0 + t | id)</c>.</summary>
    internal static string Random(RandomEffect effect)
    {
        string left = (effect.Intercept, effect.Slope) switch
        {
            (true, null) => "1",
            (true, { } slope) => "1 + " + slope,
            (false, { } slope) => "0 + " + slope,
            (false, null) => "0",
        };
        return $"({left} | {effect.Grouping})";
    }
}
