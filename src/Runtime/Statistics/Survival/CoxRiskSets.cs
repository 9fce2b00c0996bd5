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
/// <para>At an event time with d events, the log partial likelihood gains Σ x'β over the events
/// minus, for Breslow (1974), d · log(S0) where S0 is the sum of risks over the risk set; for
/// Efron (1977), Σ_{k=0}^{d-1} log(S0 − (k/d) · S0_events), i.e. the tied events leave the risk
/// set gradually, each term with a fraction k/d of their risk removed. The score is
/// Σ (x_event − S1/S0) and the information Σ (S2/S0 − (S1/S0)(S1/S0)') with the same fractions
/// (Therneau &amp; Grambsch 2000, sections 3.1-3.3). With a single event per time both agree.</para>
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

    public CoxRiskSets(double[][] columns, ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> strata)
    {
        int n = time.Length;
        Count = n;
        Variables = columns.Length;
        int[] s = strata.IsEmpty ? new int[n] : strata.ToArray();
        double[] t = time.ToArray();
        // By stratum, then time, then input position (stable passes, least significant key first).
        Order = strata.IsEmpty ? StableOrder.ByDouble(StableOrder.Identity(n), t) : StableOrder.ByInt(StableOrder.ByDouble(StableOrder.Identity(n), t), s);
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
    /// <paramref name="information"/> (p × p, symmetric). O(n·p²).
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> beta, Span<double> score, double[,] information, bool efron)
    {
        int p = Variables;
        var a = new double[p];
        var a2 = new double[p];
        // Second moments and the information in row-major p × p arrays, not double[,]: the same sums in the
        // same order (so the same bits), without a two-dimensional bounds check per term in the per-subject loop.
        var cmat = new double[p * p];
        var cmat2 = new double[p * p];
        var info = new double[p * p];
        var xi = new double[p];
        score.Clear();
        double[] eta = LinearPredictor(beta);
        double loglik = 0;
        double denom = 0;
        for (int person = Count - 1; person >= 0;)
        {
            if (_lastInStratum[person])
            {
                denom = 0;
                Array.Clear(a);
                Array.Clear(cmat);
            }

            double dtime = _time[person];
            int deaths = 0;
            double denom2 = 0;
            while (person >= 0 && _time[person] == dtime)
            {
                for (int j = 0; j < p; j++)
                {
                    xi[j] = _x[j][person];
                }

                double risk = Math.Exp(eta[person]);
                if (_event[person])
                {
                    deaths++;
                    denom2 += risk;
                    loglik += eta[person];
                    AddMoments(xi, risk, score, a2, cmat2);
                }
                else
                {
                    denom += risk;
                    AddMoments(xi, risk, Span<double>.Empty, a, cmat);
                }

                person--;
                if (person >= 0 && _lastInStratum[person])
                {
                    break;
                }
            }

            if (deaths == 0)
            {
                continue;
            }

            // Breslow: the d tied events share one risk set. Efron: d terms, the events' risk
            // entering 1/d at a time (all in for the first term, 1/d of it in the last).
            int terms = efron ? deaths : 1;
            double weight = efron ? 1.0 : deaths;
            for (int k = 0; k < terms; k++)
            {
                double fraction = efron ? 1.0 / deaths : 1.0;
                denom += denom2 * fraction;
                loglik -= weight * Math.Log(denom);
                for (int i = 0; i < p; i++)
                {
                    a[i] += a2[i] * fraction;
                    double mean = a[i] / denom;
                    score[i] -= weight * mean;
                    for (int j = 0; j <= i; j++)
                    {
                        int ij = (i * p) + j;
                        cmat[ij] += cmat2[ij] * fraction;
                        info[ij] += weight * (cmat[ij] - mean * a[j]) / denom;
                    }
                }
            }

            Array.Clear(a2);
            Array.Clear(cmat2);
        }

        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                information[i, j] = info[(i * p) + j];
                information[j, i] = info[(i * p) + j];
            }
        }

        return loglik;
    }

    private static void AddMoments(double[] x, double risk, Span<double> sum, double[] first, double[] second)
    {
        int p = x.Length;
        for (int i = 0; i < p; i++)
        {
            if (!sum.IsEmpty)
            {
                sum[i] += x[i];
            }

            double xi = x[i];
            first[i] += risk * xi;
            Span<double> row = second.AsSpan(i * p, i + 1);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] += risk * xi * x[j];
            }
        }
    }
}
