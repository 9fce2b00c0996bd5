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
    private double[] _x;   // n × p, row-major in sorted order: one subject's covariates side by side; let go by ScoresReleasingCovariates
    private readonly double[] _time;
    private readonly bool[] _event;
    private readonly bool[] _lastInStratum;
    private CoxRiskSetSums? _sums;
    private double[]? _eta;

    public CoxRiskSets(double[][] columns, ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> strata, CoxTimeOrder timeOrder = default)
    {
        int n = time.Length;
        int p = columns.Length;
        Count = n;
        Variables = p;
        TimeOrder = timeOrder;
        if (timeOrder.Rank is { Length: var ranked } && ranked != n)
        {
            throw new ArgumentException("The time ranks need one value per row.", nameof(timeOrder));
        }

        Means = new double[p];
        for (int j = 0; j < p; j++)
        {
            double[] column = columns[j];
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += column[i];
            }

            Means[j] = n == 0 ? 0 : mean / n;
        }

        _time = new double[n];
        _event = new bool[n];
        _lastInStratum = new bool[n];
        _x = new double[n * p];
        if (timeOrder.Rank is { } rank && strata.IsEmpty)
        {
            Order = Scatter(columns, time, status, rank, timeOrder.Count);
            return;
        }

        int[] s = strata.IsEmpty ? new int[n] : strata.ToArray();
        double[] t = time.ToArray();
        // By stratum, then time, then input position (stable passes, least significant key first); by the times' ranks
        // when the run has sorted them (the same order: equal ranks are equal times).
        int[] byTime = timeOrder.Rank is { } ranks
            ? StableOrder.ByCode(StableOrder.Identity(n), ranks, timeOrder.Count)
            : StableOrder.ByDouble(StableOrder.Identity(n), t);
        int[] order = strata.IsEmpty ? byTime : StableOrder.ByInt(byTime, s);
        Order = order;
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            _time[k] = t[i];
            _event[k] = status[i] == 1;
            _lastInStratum[k] = k == n - 1 || s[order[k + 1]] != s[i];
            Events += status[i] == 1 ? 1 : 0;
            for (int j = 0; j < p; j++)
            {
                _x[(k * p) + j] = columns[j][i] - Means[j];
            }
        }
    }

    public int Count { get; }

    public int Variables { get; }

    public int Events { get; private set; }

    /// <summary>Column means that were subtracted.</summary>
    public double[] Means { get; }

    /// <summary>The rows' time ranks this was sorted by, if any (cox.zph reuses them).</summary>
    public CoxTimeOrder TimeOrder { get; }

    /// <summary>Sorted position → original row.</summary>
    public int[] Order { get; }

    public ReadOnlySpan<double> SortedTime => _time;

    public ReadOnlySpan<bool> SortedEvent => _event;

    public ReadOnlySpan<bool> LastInStratum => _lastInStratum;

    /// <summary>The centred covariates of sorted row <paramref name="k"/>.</summary>
    public ReadOnlySpan<double> SortedRow(int k) => _x.AsSpan(k * Variables, Variables);

    /// <summary>Column <paramref name="j"/>, centred, in sorted order (a copy).</summary>
    public double[] SortedColumn(int j)
    {
        var column = new double[Count];
        for (int k = 0; k < column.Length; k++)
        {
            column[k] = _x[(k * Variables) + j];
        }

        return column;
    }

    /// <summary>
    /// One rank, no strata: the rows go straight to their sorted places, a stable counting sort over the time ranks read in
    /// input order (the order <see cref="StableOrder.ByCode"/> gives). Its writes fill one run of places per distinct time,
    /// where gathering by the order would read every column at random.
    /// </summary>
    private int[] Scatter(double[][] columns, ReadOnlySpan<double> time, ReadOnlySpan<int> status, int[] rank, int ranks)
    {
        int n = Count;
        int p = Variables;
        var next = new int[ranks + 1];
        foreach (int r in rank)
        {
            next[r + 1]++;
        }

        for (int r = 0; r < ranks; r++)
        {
            next[r + 1] += next[r];
        }

        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            int k = next[rank[i]]++;
            order[k] = i;
            _time[k] = time[i];
            _event[k] = status[i] == 1;
            Events += status[i] == 1 ? 1 : 0;
            int row = k * p;
            for (int j = 0; j < p; j++)
            {
                _x[row + j] = columns[j][i] - Means[j];
            }
        }

        if (n > 0)
        {
            _lastInStratum[n - 1] = true;
        }

        return order;
    }

    /// <summary>
    /// The centred linear predictor x'β for each sorted row (as <see cref="LinearPredictor(ReadOnlySpan{double})"/>), in the
    /// buffer the fit's evaluations used, and then lets the covariates go: after the fit only the concordance reads these
    /// risk sets, and it needs the scores, times and events alone. At 10^7 subjects and 6 columns the covariates are 480 MB,
    /// held until now beside the concordance's own n-sized arrays. Reading a covariate afterwards fails.
    /// </summary>
    internal double[] ScoresReleasingCovariates(ReadOnlySpan<double> beta)
    {
        double[] eta = _eta ?? new double[Count];
        _eta = null;
        LinearPredictor(beta, eta);
        _x = [];
        _sums = null;
        return eta;
    }

    /// <summary>The centred linear predictor x'β for each sorted row.</summary>
    public double[] LinearPredictor(ReadOnlySpan<double> beta)
    {
        var eta = new double[Count];
        LinearPredictor(beta, eta);
        return eta;
    }

    /// <summary>x'β into <paramref name="eta"/>: for each row the terms added from the first column to the last, starting at 0.</summary>
    private void LinearPredictor(ReadOnlySpan<double> beta, double[] eta)
    {
        int p = Variables;
        if (beta.Length < p)
        {
            throw new ArgumentException($"β needs {p} values.", nameof(beta));
        }

        ReadOnlySpan<double> x = _x;
        for (int k = 0; k < Count; k++)
        {
            ReadOnlySpan<double> row = x.Slice(k * p, p);
            double sum = 0;
            for (int j = 0; j < row.Length; j++)
            {
                sum += beta[j] * row[j];
            }

            eta[k] = sum;
        }
    }

    /// <summary>
    /// The log partial likelihood at <paramref name="beta"/>; fills <paramref name="score"/> (p) and
    /// <paramref name="information"/> (p × p, symmetric). O(n·p²): each subject enters <see cref="CoxRiskSetSums"/>
    /// once, walking each stratum from the latest time to the earliest.
    /// </summary>
    /// <remarks>The Newton iterations call this 4-20 times on the same rows: the linear predictor's n values, the sums and the row
    /// buffer are allocated on the first call and reused (not thread-safe: one fit evaluates one β at a time).</remarks>
    public double Evaluate(ReadOnlySpan<double> beta, Span<double> score, double[,] information, bool efron)
    {
        int p = Variables;
        CoxRiskSetSums sums = _sums is { } reused && reused.Efron == efron ? reused.Reset() : (_sums = new CoxRiskSetSums(p, efron));
        double[] eta = _eta ??= new double[Count];
        LinearPredictor(beta, eta);
        for (int person = Count - 1; person >= 0;)
        {
            if (_lastInStratum[person])
            {
                sums.NewStratum();
            }

            double dtime = _time[person];
            while (person >= 0 && _time[person] == dtime)
            {
                ReadOnlySpan<double> xi = _x.AsSpan(person * p, p);
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
