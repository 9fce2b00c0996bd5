using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// The Breslow and Efron log partial likelihood, score and information of a Cox model, from what is at risk and
/// what fails at each distinct time: the one finishing step of every path. In memory (<see cref="CoxRiskSets"/>) each
/// subject is added as it is met; pushed down to an engine (<c>Sql.SqlCox</c>) the engine's per-(stratum, time,
/// status) sums are added once per time. "Sufficient statistics in, result out" (DESIGN.md, Scale).
/// </summary>
/// <remarks>
/// <para>Contract: within a stratum, times are fed from the latest to the earliest (call <see cref="NewStratum"/>
/// before each stratum's first time); at each time, add the censored subjects' risk r = exp(x'β) with r·x and r·x·x'
/// (<see cref="AddCensored"/>, <see cref="AddCensoredSums"/>) and the events' (<see cref="AddEvent"/>,
/// <see cref="AddEventSums"/>), then <see cref="EndTime"/>. x is centred, as coxph centres it.</para>
/// <para>At a time with d events, the log partial likelihood gains Σ x'β over the events minus, for Breslow (1974),
/// d · log(S0) with S0 the risk summed over the risk set (every subject with time ≥ t); for Efron (1977),
/// Σ_{k=0}^{d-1} log(S0 − (k/d) · S0_events): the tied events leave the risk set gradually. The score is
/// Σ (x_event − S1/S0) and the information Σ (S2/S0 − (S1/S0)(S1/S0)') with the same fractions (Therneau &amp;
/// Grambsch 2000, Modeling Survival Data, sections 3.1-3.3; R survival's <c>coxfit6.c</c>, <c>coxfit6_iter</c>).
/// Here the events' risk enters 1/d at a time, so the terms come in the order k = d-1, ..., 0.</para>
/// <para>Second moments and the information are row-major p × p lower triangles (not double[,]): the same sums in
/// the same order, without a two-dimensional bounds check per term. O(p²) per addition, O(d·p²) per event time.</para>
/// </remarks>
internal sealed class CoxRiskSetSums
{
    private readonly int _p;
    private readonly bool _efron;
    private readonly double[] _a;
    private readonly double[] _a2;
    private readonly double[] _cmat;
    private readonly double[] _cmat2;
    private readonly double[] _info;
    private readonly double[] _score;
    private double _denom;
    private double _denom2;
    private long _deaths;
    private double _loglik;

    public CoxRiskSetSums(int variables, bool efron)
    {
        _p = variables;
        _efron = efron;
        _a = new double[variables];
        _a2 = new double[variables];
        _cmat = new double[variables * variables];
        _cmat2 = new double[variables * variables];
        _info = new double[variables * variables];
        _score = new double[variables];
    }

    /// <summary>Starts a stratum: its risk set is empty.</summary>
    public void NewStratum()
    {
        _denom = 0;
        Array.Clear(_a);
        Array.Clear(_cmat);
    }

    /// <summary>A censored subject at the current time: it joins the risk set.</summary>
    public void AddCensored(ReadOnlySpan<double> x, double risk)
    {
        _denom += risk;
        AddMoments(x, risk, _a, _cmat);
    }

    /// <summary>A subject with an event at the current time, with its linear predictor.</summary>
    public void AddEvent(ReadOnlySpan<double> x, double risk, double eta)
    {
        _deaths++;
        _denom2 += risk;
        _loglik += eta;
        for (int i = 0; i < _p; i++)
        {
            _score[i] += x[i];
        }

        AddMoments(x, risk, _a2, _cmat2);
    }

    /// <summary>The censored subjects at the current time, summed: Σr, Σr·x, and Σr·x·x' (lower triangle, row-major).</summary>
    public void AddCensoredSums(double risk, ReadOnlySpan<double> riskX, ReadOnlySpan<double> riskXX)
    {
        _denom += risk;
        AddSums(riskX, riskXX, _a, _cmat);
    }

    /// <summary>The <paramref name="events"/> events at the current time, summed as for <see cref="AddCensoredSums"/>,
    /// with Σx and Σx'β over them.</summary>
    public void AddEventSums(long events, double risk, ReadOnlySpan<double> riskX, ReadOnlySpan<double> riskXX, ReadOnlySpan<double> x, double eta)
    {
        _deaths += events;
        _denom2 += risk;
        _loglik += eta;
        for (int i = 0; i < _p; i++)
        {
            _score[i] += x[i];
        }

        AddSums(riskX, riskXX, _a2, _cmat2);
    }

    /// <summary>Ends the current time: its events' terms enter the likelihood, and they join the risk set.</summary>
    public void EndTime()
    {
        if (_deaths == 0)
        {
            _denom2 = 0;
            return;
        }

        // Breslow: the d tied events share one risk set. Efron: d terms, the events' risk
        // entering 1/d at a time (all in for the first term, 1/d of it in the last).
        int p = _p;
        long terms = _efron ? _deaths : 1;
        double weight = _efron ? 1.0 : _deaths;
        for (long k = 0; k < terms; k++)
        {
            double fraction = _efron ? 1.0 / _deaths : 1.0;
            _denom += _denom2 * fraction;
            _loglik -= weight * Math.Log(_denom);
            for (int i = 0; i < p; i++)
            {
                _a[i] += _a2[i] * fraction;
                double mean = _a[i] / _denom;
                _score[i] -= weight * mean;
                for (int j = 0; j <= i; j++)
                {
                    int ij = (i * p) + j;
                    _cmat[ij] += _cmat2[ij] * fraction;
                    _info[ij] += weight * (_cmat[ij] - mean * _a[j]) / _denom;
                }
            }
        }

        _deaths = 0;
        _denom2 = 0;
        Array.Clear(_a2);
        Array.Clear(_cmat2);
    }

    /// <summary>The log partial likelihood; fills <paramref name="score"/> (p) and <paramref name="information"/> (p × p, symmetric).</summary>
    public double Finish(Span<double> score, double[,] information)
    {
        _score.CopyTo(score);
        for (int i = 0; i < _p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                information[i, j] = _info[(i * _p) + j];
                information[j, i] = _info[(i * _p) + j];
            }
        }

        return _loglik;
    }

    private static void AddMoments(ReadOnlySpan<double> x, double risk, double[] first, double[] second)
    {
        int p = x.Length;
        for (int i = 0; i < p; i++)
        {
            double xi = x[i];
            first[i] += risk * xi;
            Span<double> row = second.AsSpan(i * p, i + 1);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] += risk * xi * x[j];
            }
        }
    }

    private void AddSums(ReadOnlySpan<double> riskX, ReadOnlySpan<double> riskXX, double[] first, double[] second)
    {
        for (int i = 0; i < _p; i++)
        {
            first[i] += riskX[i];
            for (int j = 0; j <= i; j++)
            {
                second[(i * _p) + j] += riskXX[(i * _p) + j];
            }
        }
    }
}
