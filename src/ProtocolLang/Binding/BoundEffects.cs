using System.Collections.Immutable;

namespace ProtocolLang.Binding;

/// <summary>How the number needed to treat names its direction: by the words of <c>using nnt beneficial | harmful</c>.</summary>
public enum NntDirection
{
    /// <summary>Nothing said: "one more event" / "one fewer event" per NNT treated.</summary>
    Neutral,

    /// <summary>The event is good (a response): more events in the first group is benefit (NNTB).</summary>
    Beneficial,

    /// <summary>The event is bad (a death): more events in the first group is harm (NNTH), as in Altman (1998).</summary>
    Harmful,
}

/// <summary>
/// What an effect measure of <c>compare</c> needs besides a test: <c>strata</c> (Mantel-Haenszel), <c>per</c> (the
/// person-time of a rate), <c>conditional</c> (fisher.test's odds ratio), <c>no_correct</c> (mantelhaen.test's
/// correction off) and the direction words of <c>nnt</c>.
/// </summary>
/// <param name="Strata">Categorical or bool variables, crossed; empty for an unstratified measure.</param>
/// <param name="PersonTime">The person-time of rate_ratio / rate_difference; null for the others.</param>
public sealed record BoundEffect(ImmutableArray<BoundVariable> Strata, BoundVariable? PersonTime, bool Conditional, bool Correct, NntDirection Direction)
{
    public static BoundEffect Default { get; } = new(ImmutableArray<BoundVariable>.Empty, null, false, true, NntDirection.Neutral);
}
