using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>What the number needed to treat calls more events in the first group: <c>using nnt beneficial | harmful</c>.</summary>
public enum NntDirection
{
    /// <summary>Nothing said: "more events" / "fewer events".</summary>
    Neutral,

    /// <summary>The event is good (a response): more events in the first group is NNTB, fewer is NNTH.</summary>
    Beneficial,

    /// <summary>The event is bad (a death): more events in the first group is NNTH, fewer is NNTB (Altman 1998).</summary>
    Harmful,
}

/// <summary>
/// The clauses and options of an effect measure: <c>strata</c> (Mantel-Haenszel), <c>per</c> (person-time of a rate),
/// <c>conditional</c> (fisher.test's odds ratio), <c>no_correct</c> (mantelhaen.test(correct = FALSE)) and the direction of nnt.
/// </summary>
public sealed record EffectOptions
{
    public static EffectOptions Default { get; } = new();

    /// <summary>Categorical or bool variables whose crossed levels are the strata; empty for no stratification.</summary>
    public IReadOnlyList<Variable> Strata { get; init; } = Array.Empty<Variable>();

    /// <summary>Each subject's person-time (rate_ratio, rate_difference); null for the other measures.</summary>
    public Variable? PersonTime { get; init; }

    /// <summary>odds_ratio: the conditional maximum likelihood estimate with its exact CI (R fisher.test).</summary>
    public bool Conditional { get; init; }

    /// <summary>R's <c>correct</c> of <c>mantelhaen.test</c>: the continuity correction of the stratified test.</summary>
    public bool Correct { get; init; } = true;

    public NntDirection Direction { get; init; }

    /// <summary>The options as written in the study, for results.json ("conditional", "no_correct", "beneficial", "harmful").</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string>();
            if (Conditional)
            {
                names.Add("conditional");
            }

            if (!Correct)
            {
                names.Add("no_correct");
            }

            if (Direction != NntDirection.Neutral)
            {
                names.Add(Direction == NntDirection.Beneficial ? "beneficial" : "harmful");
            }

            return names;
        }
    }
}
