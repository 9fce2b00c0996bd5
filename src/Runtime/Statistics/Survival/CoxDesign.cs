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
        Columns = columns;
        Terms = terms;
        Time = time;
        Status = status;
        Strata = strata;
        Rows = rows;
        Excluded = excluded;
    }

    /// <summary>The design by column, over the kept rows.</summary>
    public IReadOnlyList<double[]> Columns { get; }

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
        Build(covariates, time, status, strata, timeRanks: null);

    /// <summary>As <see cref="Build(IReadOnlyList{CoxCovariate}, ReadOnlySpan{double}, ReadOnlySpan{int}, ReadOnlySpan{int})"/>, carrying the
    /// times' ranks (sorted once per run, <see cref="ValueRanks"/>) over to the kept rows, so the fit, cox.zph and the concordance
    /// order the rows by a counting sort instead of sorting the times again.</summary>
    /// <param name="timeRanks">The ranks of <paramref name="time"/> (same rows), or null to sort the times.</param>
    internal static CoxDesign Build(IReadOnlyList<CoxCovariate> covariates, ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> strata,
        ValueRanks? timeRanks)
    {
        if (timeRanks is not null && timeRanks.Length != time.Length)
        {
            throw new ArgumentException("The time ranks need one value per row.", nameof(timeRanks));
        }

        ArgumentNullException.ThrowIfNull(covariates);
        int n = time.Length;
        if (status.Length != n || (!strata.IsEmpty && strata.Length != n))
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
            complete[i] = double.IsFinite(time[i]) && status[i] is 0 or 1 && (strata.IsEmpty || strata[i] >= 0);
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

        var rows = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            if (complete[i])
            {
                rows.Add(i);
            }
        }

        int[] kept = rows.ToArray();
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

        var keptTime = new double[kept.Length];
        var keptStatus = new int[kept.Length];
        var keptStrata = strata.IsEmpty ? Array.Empty<int>() : new int[kept.Length];
        int[]? keptRank = timeRanks is null ? null : new int[kept.Length];
        for (int k = 0; k < kept.Length; k++)
        {
            keptTime[k] = time[kept[k]];
            if (keptRank is not null)
            {
                keptRank[k] = timeRanks!.Rank[kept[k]];
            }

            keptStatus[k] = status[kept[k]];
            if (!strata.IsEmpty)
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
        var gathered = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            gathered[k] = values[rows[k]];
        }

        return gathered;
    }

    /// <summary>Fits the model on this design (see <see cref="CoxRegression.Fit"/>).</summary>
    public CoxFit Fit(CoxTies ties) =>
        CoxRegression.Fit(Columns, Terms.Select(t => t.Name).ToArray(), Time, Status, Strata, ties, new CoxTimeOrder(TimeRank, TimeRankCount));
}
