namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// A binary outcome in two groups: <see cref="EventsFirst"/> of <see cref="NFirst"/> subjects in the first group,
/// <see cref="EventsSecond"/> of <see cref="NSecond"/> in the second. The 2 × 2 table is [[a, b], [c, d]] with
/// a = events first, b = non-events first, c = events second, d = non-events second; every measure compares the
/// first group with the second (difference first minus second, ratio first over second).
/// </summary>
public readonly record struct TwoGroupCounts(int EventsFirst, int NFirst, int EventsSecond, int NSecond)
{
    public int A => EventsFirst;

    public int B => NFirst - EventsFirst;

    public int C => EventsSecond;

    public int D => NSecond - EventsSecond;

    public int Total => NFirst + NSecond;

    /// <summary>Counts that can be a 2 × 2 table: non-negative, events at most n.</summary>
    public bool IsValid => EventsFirst >= 0 && EventsSecond >= 0 && EventsFirst <= NFirst && EventsSecond <= NSecond;

    /// <summary>Whether a cell of the 2 × 2 table is zero (the log scale of RR and OR is then undefined).</summary>
    public bool HasZeroCell => A == 0 || B == 0 || C == 0 || D == 0;
}
