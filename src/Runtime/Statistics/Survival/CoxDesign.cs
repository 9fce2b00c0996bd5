using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>A covariate of a Cox model before it becomes design columns.</summary>
public abstract record CoxCovariate(string Name);

/// <summary>A numeric covariate, entered as is; NaN = missing.</summary>
public sealed record CoxNumericCovariate(string Name, double[] Values) : CoxCovariate(Name);

/// <summary>
/// A categorical covariate in treatment contrasts: one 0/1 column per level other than the
/// reference, in level order (R's <c>contr.treatment</c> after <c>relevel(f, ref)</c>).
/// </summary>
/// <param name="Codes">Level index per row; -1 = missing.</param>
/// <param name="Reference">Index of the reference level (R's default is the first level, 0).</param>
public sealed record CoxFactorCovariate(string Name, IReadOnlyList<string> Levels, int[] Codes, int Reference) : CoxCovariate(Name);

/// <summary>
/// An interaction term (R's <c>a:b</c>): its design columns are already built (the products of its factors' columns, see
/// <c>CoxCovariates</c>) and enter the design together, so that cox.zph tests them as one term. NaN = missing.
/// </summary>
/// <param name="Name">R's term label (<c>sex:ph.ecog</c>).</param>
public sealed record CoxProductCovariate(string Name, IReadOnlyList<CoxProductColumn> Columns) : CoxCovariate(Name);

/// <param name="Name">R's column name (<c>sex2:ph.ecog</c>).</param>
/// <param name="Level">The factors' levels of this column joined by ':' (<c>2</c>); null when every factor is numeric.</param>
public sealed record CoxProductColumn(string Name, string? Level, double[] Values);

/// <summary>One design column: a numeric covariate, or a level of a factor against its reference.</summary>
/// <param name="Name">R's column name: the covariate's name, followed by the level for a factor (<c>sexM</c>).</param>
public sealed record CoxDesignColumn(string Name, string Covariate, string? Level, string? ReferenceLevel);

/// <summary>
/// The design matrix of a Cox model over complete cases: R's <c>model.matrix</c> without the
/// intercept after <c>na.omit</c>. A row with a missing time, event status, stratum or covariate
/// is left out and counted. O(n·p).
/// </summary>
public sealed class CoxDesign
{
    private CoxDesign(double[][] columns, CoxDesignColumn[] terms, double[] time, int[] status, int[] strata, int[] rows, int excluded)
    {
        _columns = columns;
        Terms = terms;
        Time = time;
        Status = status;
        Strata = strata;
        Rows = rows;
        Excluded = excluded;
    }

    private double[][] _columns;

    /// <summary>The design by column, over the kept rows (none after <see cref="FitReleasingColumns"/>).</summary>
    public IReadOnlyList<double[]> Columns => _columns;

    public IReadOnlyList<CoxDesignColumn> Terms { get; }

    public double[] Time { get; }

    public int[] Status { get; }

    /// <summary>Stratum codes of the kept rows; empty without strata.</summary>
    public int[] Strata { get; }

    /// <summary>The kept rows' indices in the input.</summary>
    public int[] Rows { get; }

    /// <summary>Rows left out for a missing value.</summary>
    public int Excluded { get; }

    /// <summary>The kept rows' ranks among the times (a rank may be unused), or null when the times are to be sorted.</summary>
    internal int[]? TimeRank { get; private init; }

    /// <summary>The number of ranks <see cref="TimeRank"/> can hold.</summary>
    internal int TimeRankCount { get; private init; }

    /// <param name="strata">A stratum code per row (-1 = missing), or empty for no strata.</param>
    public static CoxDesign Build(IReadOnlyList<CoxCovariate> covariates, ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> strata) =>
        Build(covariates, time.ToArray(), status.ToArray(), strata.ToArray(), timeRanks: null);

    /// <summary>As <see cref="Build(IReadOnlyList{CoxCovariate}, ReadOnlySpan{double}, ReadOnlySpan{int}, ReadOnlySpan{int})"/>, carrying the
    /// times' ranks (sorted once per run, <see cref="ValueRanks"/>) over to the kept rows, so the fit, cox.zph and the concordance
    /// order the rows by a counting sort instead of sorting the times again.</summary>
    /// <param name="timeRanks">The ranks of <paramref name="time"/> (same rows), or null to sort the times.</param>
    internal static CoxDesign Build(IReadOnlyList<CoxCovariate> covariates, double[] time, int[] status, int[] strata,
        ValueRanks? timeRanks)
    {
        if (timeRanks is not null && timeRanks.Length != time.Length)
        {
            throw new ArgumentException("The time ranks need one value per row.", nameof(timeRanks));
        }

        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(strata);
        int n = time.Length;
        if (status.Length != n || (strata.Length != 0 && strata.Length != n))
        {
            throw new ArgumentException("Time, status and strata need one value per row.", nameof(status));
        }

        foreach (CoxCovariate c in covariates)
        {
            int length = c switch
            {
                CoxNumericCovariate x => x.Values.Length,
                CoxFactorCovariate f => f.Codes.Length,
                CoxProductCovariate p when p.Columns.Count > 0 && p.Columns.All(column => column.Values.Length == p.Columns[0].Values.Length) => p.Columns[0].Values.Length,
                CoxProductCovariate p => throw new ArgumentException($"Interaction '{p.Name}' needs columns of one length.", nameof(covariates)),
                _ => throw new ArgumentException($"Unknown covariate kind {c.GetType().Name}.", nameof(covariates)),
            };
            if (length != n)
            {
                throw new ArgumentException($"Covariate '{c.Name}' has {length} values for {n} rows.", nameof(covariates));
            }

            if (c is CoxFactorCovariate factor && (factor.Reference < 0 || factor.Reference >= factor.Levels.Count))
            {
                throw new ArgumentException($"Covariate '{c.Name}' has no level {factor.Reference} to use as reference.", nameof(covariates));
            }
        }

        // Column by column (no per-row closures): a row is complete when its time, status, stratum and every covariate are.
        var complete = new bool[n];
        for (int i = 0; i < n; i++)
        {
            complete[i] = double.IsFinite(time[i]) && status[i] is 0 or 1 && (strata.Length == 0 || strata[i] >= 0);
        }

        foreach (CoxCovariate c in covariates)
        {
            switch (c)
            {
                case CoxNumericCovariate x:
                    KeepFinite(complete, x.Values);
                    break;
                case CoxFactorCovariate f:
                    for (int i = 0; i < n; i++)
                    {
                        complete[i] &= f.Codes[i] >= 0 && f.Codes[i] < f.Levels.Count;
                    }

                    break;
                case CoxProductCovariate p:
                    foreach (CoxProductColumn column in p.Columns)
                    {
                        KeepFinite(complete, column.Values);
                    }

                    break;
                default:
                    Array.Clear(complete);
                    break;
            }
        }

        // Counted, then filled: a list sized for n and its copy were two n-sized int arrays at once.
        int keptCount = 0;
        for (int i = 0; i < n; i++)
        {
            keptCount += complete[i] ? 1 : 0;
        }

        int[] kept = new int[keptCount];
        for (int i = 0, k = 0; i < n; i++)
        {
            if (complete[i])
            {
                kept[k++] = i;
            }
        }

        // Every row complete (the usual case at scale): the kept rows are the input, so a numeric column, the times, status
        // and ranks are the caller's arrays, read only, not copies of them (at 10^7 subjects a copy is 80 MB a column).
        bool all = kept.Length == n;
        var columns = new List<double[]>();
        var terms = new List<CoxDesignColumn>();
        foreach (CoxCovariate c in covariates)
        {
            if (c is CoxNumericCovariate x)
            {
                columns.Add(Gather(x.Values, kept));
                terms.Add(new CoxDesignColumn(c.Name, c.Name, null, null));
                continue;
            }

            if (c is CoxProductCovariate product)
            {
                foreach (CoxProductColumn column in product.Columns)
                {
                    columns.Add(Gather(column.Values, kept));
                    terms.Add(new CoxDesignColumn(column.Name, c.Name, column.Level, null));
                }

                continue;
            }

            var f = (CoxFactorCovariate)c;
            for (int level = 0; level < f.Levels.Count; level++)
            {
                if (level == f.Reference)
                {
                    continue;
                }

                var indicator = new double[kept.Length];
                for (int k = 0; k < kept.Length; k++)
                {
                    indicator[k] = f.Codes[kept[k]] == level ? 1.0 : 0.0;
                }

                columns.Add(indicator);
                terms.Add(new CoxDesignColumn(f.Name + f.Levels[level], f.Name, f.Levels[level], f.Levels[f.Reference]));
            }
        }

        if (all)
        {
            return new CoxDesign(columns.ToArray(), terms.ToArray(), time, status, strata, kept, 0)
            {
                TimeRank = timeRanks?.Rank,
                TimeRankCount = timeRanks?.Count ?? 0,
            };
        }

        var keptTime = new double[kept.Length];
        var keptStatus = new int[kept.Length];
        var keptStrata = strata.Length == 0 ? Array.Empty<int>() : new int[kept.Length];
        int[]? keptRank = timeRanks is null ? null : new int[kept.Length];
        for (int k = 0; k < kept.Length; k++)
        {
            keptTime[k] = time[kept[k]];
            if (keptRank is not null)
            {
                keptRank[k] = timeRanks!.Rank[kept[k]];
            }

            keptStatus[k] = status[kept[k]];
            if (strata.Length != 0)
            {
                keptStrata[k] = strata[kept[k]];
            }
        }

        return new CoxDesign(columns.ToArray(), terms.ToArray(), keptTime, keptStatus, keptStrata, kept, n - kept.Length)
        {
            TimeRank = keptRank,
            TimeRankCount = timeRanks?.Count ?? 0,
        };
    }

    private static void KeepFinite(bool[] complete, double[] values)
    {
        for (int i = 0; i < complete.Length; i++)
        {
            complete[i] &= double.IsFinite(values[i]);
        }
    }

    private static double[] Gather(double[] values, int[] rows)
    {
        if (rows.Length == values.Length)
        {
            return values; // every row kept: rows is 0..n-1
        }

        var gathered = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            gathered[k] = values[rows[k]];
        }

        return gathered;
    }

    /// <summary>
    /// As <see cref="Fit"/>, letting the design's columns go once the risk sets hold their copy, for a caller that reads only
    /// <see cref="Terms"/>, <see cref="Rows"/> and the counts afterwards (no cox.zph, no subgroups): at 10^7 subjects a
    /// factor's indicator columns are 80 MB each, held until now through the fit and the concordance.
    /// </summary>
    internal CoxFit FitReleasingColumns(CoxTies ties)
    {
        string[] names = Terms.Select(t => t.Name).ToArray();
        return CoxRegression.Fit(RiskSetsReleasingColumns(names), names, CoxRegression.StrataCount(Strata), ties);
    }

    // Its own frame, so that no local of the caller still refers to the columns once they are let go.
    private CoxRiskSets RiskSetsReleasingColumns(string[] names)
    {
        CoxRiskSets data = CoxRegression.RiskSets(_columns, names, Time, Status, Strata, new CoxTimeOrder(TimeRank, TimeRankCount));
        _columns = [];
        return data;
    }

    /// <summary>Fits the model on this design (see <see cref="CoxRegression.Fit"/>).</summary>
    public CoxFit Fit(CoxTies ties) =>
        CoxRegression.Fit(Columns, Terms.Select(t => t.Name).ToArray(), Time, Status, Strata, ties, new CoxTimeOrder(TimeRank, TimeRankCount));
}
