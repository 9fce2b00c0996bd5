using System;
using System.Collections.Generic;
using System.Globalization;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>
/// The data of a mixed model for repeated measures: complete rows, each a subject seen at one visit.
/// </summary>
/// <param name="Response">y, one value per row.</param>
/// <param name="Fixed">The fixed-effects design (rows parallel to <paramref name="Response"/>).</param>
/// <param name="Subject">Subject index per row, 0 ≤ index &lt; <paramref name="Subjects"/>.</param>
/// <param name="Subjects">Number of subjects; each has at least one row.</param>
/// <param name="Visit">Visit position per row, 0 ≤ position &lt; <paramref name="VisitNames"/>.Count; a subject has each visit at most once.</param>
/// <param name="VisitNames">The visits in order (Σ's rows and columns).</param>
public sealed record MmrmInput(
    double[] Response,
    FixedEffectsDesign Fixed,
    int[] Subject,
    int Subjects,
    int[] Visit,
    IReadOnlyList<string> VisitNames)
{
    internal void Validate()
    {
        int n = Response.Length, m = VisitNames.Count;
        if (Fixed.Rows != n || Subject.Length != n || Visit.Length != n)
        {
            throw new ArgumentException("Response, design, subjects and visits need the same number of rows.");
        }

        if (m < 2)
        {
            throw new ArgumentException("An MMRM needs at least two visits.");
        }

        var seen = new Dictionary<long, int>();
        var hasRow = new bool[Subjects];
        for (int r = 0; r < n; r++)
        {
            if (Subject[r] < 0 || Subject[r] >= Subjects || Visit[r] < 0 || Visit[r] >= m)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Row {r} has subject {Subject[r]} or visit {Visit[r]} out of range."));
            }

            if (!seen.TryAdd(((long)Subject[r] * m) + Visit[r], r))
            {
                throw new MmrmDuplicateVisitException(seen[((long)Subject[r] * m) + Visit[r]], r, VisitNames[Visit[r]]);
            }

            hasRow[Subject[r]] = true;
        }

        if (Array.IndexOf(hasRow, false) >= 0)
        {
            throw new ArgumentException("Every subject needs at least one row.");
        }
    }
}

/// <summary>A subject has two rows at one visit: Σ has one row per visit, so the MMRM is not defined (mmrm stops likewise).</summary>
public sealed class MmrmDuplicateVisitException : ArgumentException
{
    public MmrmDuplicateVisitException(int firstRow, int row, string visit)
        : base(string.Create(CultureInfo.InvariantCulture, $"Row {row} repeats the visit {visit} of its subject's row {firstRow}; an MMRM needs at most one row per subject and visit."))
    {
        FirstRow = firstRow;
        Row = row;
        VisitName = visit;
    }

    /// <summary>The subject's earlier row at this visit (0-based input row).</summary>
    public int FirstRow { get; }

    /// <summary>The row that repeats it (0-based input row).</summary>
    public int Row { get; }

    public string VisitName { get; }
}
