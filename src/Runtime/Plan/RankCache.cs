using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The ranks of each column sorted in a run (<see cref="ValueRanks"/>), computed on first use and shared by every
/// analysis that orders the same column: one sort per time-to-event outcome for Kaplan-Meier, log-rank, Cox (its risk
/// sets), cox.zph and the concordance, one per continuous variable for the rank tests (issue 14, "sort once").
/// </summary>
/// <remarks>
/// An entry is keyed by the column array itself and the cohort it is aligned with, both by reference: a scoped
/// analysis (<c>within</c>, <c>where</c>, a subgroup) or a variable with its own missing values holds its own column,
/// so it can never read another column's order; the ranks depend on the values alone. Variables' columns are not
/// written after the variable is built. Thread-safe (analyses may run concurrently): each entry is computed once.
/// </remarks>
internal sealed class RankCache
{
    private readonly ConcurrentDictionary<Key, Lazy<ValueRanks?>> _entries = new();

    /// <summary>How many columns have been ranked (tests check that a second analysis did not rank again).</summary>
    public int Computed => _computed;

    private int _computed;

    /// <summary>The ranks of <paramref name="column"/>, a column of <paramref name="cohort"/>'s subjects.</summary>
    public ValueRanks Of(double[] column, Cohort cohort) => Get(column, cohort, tiedOnly: false)!;

    /// <summary>
    /// As <see cref="Of"/> when the column has few distinct values (<see cref="ValueRanks.TryTied"/>), else null: a column of
    /// mostly distinct values is cheaper to sort group by group where it is split (the rank tests' groups).
    /// </summary>
    public ValueRanks? TiedOrNull(double[] column, Cohort cohort) => Get(column, cohort, tiedOnly: true);

    private ValueRanks? Get(double[] column, Cohort cohort, bool tiedOnly)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(cohort);
        Lazy<ValueRanks?> entry = _entries.GetOrAdd(new Key(column, cohort, tiedOnly), key => new Lazy<ValueRanks?>(
            () =>
            {
                Interlocked.Increment(ref _computed);
                return key.TiedOnly ? ValueRanks.TryTied(key.Column) : ValueRanks.Of(key.Column);
            },
            LazyThreadSafetyMode.ExecutionAndPublication));
        return entry.Value;
    }

    private readonly struct Key(double[] column, Cohort cohort, bool tiedOnly) : IEquatable<Key>
    {
        public double[] Column { get; } = column;

        public Cohort Cohort { get; } = cohort;

        public bool TiedOnly { get; } = tiedOnly;

        public bool Equals(Key other) => ReferenceEquals(Column, other.Column) && ReferenceEquals(Cohort, other.Cohort) && TiedOnly == other.TiedOnly;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Column), RuntimeHelpers.GetHashCode(Cohort), TiedOnly);
    }
}
