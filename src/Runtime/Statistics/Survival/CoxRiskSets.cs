using System;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// The Cox partial likelihood, its score vector and information matrix, from running risk-set
/// sums. Holds the data sorted once by (stratum, time) with centred covariates.
/// </summary>
/// <remarks>
/// <para>Contract: p covariate columns of n complete rows, times, status (1 = event,
/// 0 = censored) and optional stratum codes. The constructor sorts by stratum, then ascending
/// time (O(n): stable radix passes, <see cref="StableOrder"/>); <see cref="Evaluate"/> walks the rows from the latest time to the earliest
/// within each stratum, adding each subject's risk exp(x'β) and its first and second moments to
/// the running sums of the risk set, so one evaluation costs O(n·p²).</para>
/// <para>The likelihood's terms (Breslow 1974, Efron 1977) are <see cref="CoxRiskSetSums"/>'s, the same code that
/// finishes a fit pushed down to an engine.</para>
/// <para>Covariates are centred on their means, as coxph does, which leaves the likelihood and its
/// derivatives unchanged and keeps exp(x'β) from overflowing. The loop follows R survival's
/// <c>coxfit6.c</c> (<c>coxfit6_iter</c>).</para>
/// </remarks>
internal sealed class CoxRiskSets
{
    private readonly double[][] _x;
    private readonly double[] _time;
    private readonly bool[] _event;
    private readonly bool[] _lastInStratum;

    public CoxRiskSets(double[][] columns, ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> strata, CoxTimeOrder timeOrder = default)
    {
        int n = time.Length;
        Count = n;
        Variables = columns.Length;
        int[] s = strata.IsEmpty ? new int[n] : strata.ToArray();
        double[] t = time.ToArray();
        // By stratum, then time, then input position (stable passes, least significant key first); by the times' ranks
        // when the run has sorted them (the same order: equal ranks are equal times).
        int[] byTime = timeOrder.Rank is { } rank
            ? StableOrder.ByCode(StableOrder.Identity(n), rank.Length == n ? rank : throw new ArgumentException("The time ranks need one value per row.", nameof(timeOrder)), timeOrder.Count)
            : StableOrder.ByDouble(StableOrder.Identity(n), t);
        Order = strata.IsEmpty ? byTime : StableOrder.ByInt(byTime, s);
        TimeOrder = timeOrder;
        _time = new double[n];
        _event = new bool[n];
        _lastInStratum = new bool[n];
        for (int k = 0; k < n; k++)
        {
            int i = Order[k];
            _time[k] = t[i];
            _event[k] = status[i] == 1;
            _lastInStratum[k] = k == n - 1 || s[Order[k + 1]] != s[i];
            Events += status[i] == 1 ? 1 : 0;
        }

        Means = new double[Variables];
        _x = new double[Variables][];
        for (int j = 0; j < Variables; j++)
        {
            double[] column = columns[j];
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += column[i];
            }

            mean = n == 0 ? 0 : mean / n;
            Means[j] = mean;
            var sorted = new double[n];
            for (int k = 0; k < n; k++)
            {
                sorted[k] = column[Order[k]] - mean;
            }

            _x[j] = sorted;
        }
    }

    public int Count { get; }

    public int Variables { get; }

    public int Events { get; }

    /// <summary>Column means that were subtracted.</summary>
    public double[] Means { get; }

    /// <summary>The rows' time ranks this was sorted by, if any (cox.zph reuses them).</summary>
    public CoxTimeOrder TimeOrder { get; }

    /// <summary>Sorted position → original row.</summary>
    public int[] Order { get; }

    public ReadOnlySpan<double> SortedTime => _time;

    public ReadOnlySpan<bool> SortedEvent => _event;

    public ReadOnlySpan<bool> LastInStratum => _lastInStratum;

    /// <summary>Column <paramref name="j"/>, centred, in sorted order.</summary>
    public ReadOnlySpan<double> SortedColumn(int j) => _x[j];

    /// <summary>The centred linear predictor x'β for each sorted row.</summary>
    public double[] LinearPredictor(ReadOnlySpan<double> beta)
    {
        var eta = new double[Count];
        for (int j = 0; j < Variables; j++)
        {
            double b = beta[j];
            double[] x = _x[j];
            for (int k = 0; k < Count; k++)
            {
                eta[k] += b * x[k];
            }
        }

        return eta;
    }

    /// <summary>
    /// The log partial likelihood at <paramref name="beta"/>; fills <paramref name="score"/> (p) and
    /// <paramref name="information"/> (p × p, symmetric). O(n·p²): each subject enters <see cref="CoxRiskSetSums"/>
    /// once, walking each stratum from the latest time to the earliest.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> beta, Span<double> score, double[,] information, bool efron)
    {
        int p = Variables;
        var sums = new CoxRiskSetSums(p, efron);
        var xi = new double[p];
        double[] eta = LinearPredictor(beta);
        for (int person = Count - 1; person >= 0;)
        {
            if (_lastInStratum[person])
            {
                sums.NewStratum();
            }

            double dtime = _time[person];
            while (person >= 0 && _time[person] == dtime)
            {
                for (int j = 0; j < p; j++)
                {
                    xi[j] = _x[j][person];
                }

                double risk = Math.Exp(eta[person]);
                if (_event[person])
                {
                    sums.AddEvent(xi, risk, eta[person]);
                }
                else
                {
                    sums.AddCensored(xi, risk);
                }

                person--;
                if (person >= 0 && _lastInStratum[person])
                {
                    break;
                }
            }

            sums.EndTime();
        }

        return sums.Finish(score, information);
    }
}

/// <summary>
/// The rows' ranks among their times when the run has sorted the outcome once (<see cref="ValueRanks"/>), so the risk
/// sets are ordered by a counting sort; default (no ranks): the times are sorted here.
/// </summary>
/// <param name="Rank">One rank per row (equal ranks ⇔ equal times), or null.</param>
/// <param name="Count">Ranks are 0 .. Count - 1.</param>
internal readonly record struct CoxTimeOrder(int[]? Rank, int Count);
