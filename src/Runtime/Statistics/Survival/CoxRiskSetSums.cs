using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// <summary>
    /// Up to this many tied events Efron's terms are added one by one, in R's coxfit6 order (so results stay bit for bit
    /// those of earlier releases); above it, in closed form (<see cref="EndTimeEfronClosedForm"/>): at 10^7 subjects with
    /// times to 0.1 a time has ~1,700 events, and the loop's O(d·p²) was a quarter of an engine Cox fit's time.
    /// </summary>
    internal const long EfronLoopLimit = 32;

    private readonly int _p;
    private readonly bool _efron;
    private readonly long _efronLoopLimit;
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
        : this(variables, efron, EfronLoopLimit)
    {
    }

    /// <param name="efronLoopLimit">The most tied events added one by one (<see cref="EfronLoopLimit"/>; tests set it to
    /// compare both forms).</param>
    internal CoxRiskSetSums(int variables, bool efron, long efronLoopLimit)
    {
        _p = variables;
        _efron = efron;
        _efronLoopLimit = efronLoopLimit;
        _a = new double[variables];
        _a2 = new double[variables];
        _cmat = new double[variables * variables];
        _cmat2 = new double[variables * variables];
        _info = new double[variables * variables];
        _score = new double[variables];
    }

    /// <summary>Efron's (true) or Breslow's (false) terms.</summary>
    public bool Efron => _efron;

    /// <summary>Empties every sum, as a new instance starts (the next evaluation of a fit reuses this one).</summary>
    public CoxRiskSetSums Reset()
    {
        Array.Clear(_a);
        Array.Clear(_a2);
        Array.Clear(_cmat);
        Array.Clear(_cmat2);
        Array.Clear(_info);
        Array.Clear(_score);
        _denom = 0;
        _denom2 = 0;
        _deaths = 0;
        _loglik = 0;
        return this;
    }

    /// <summary>Starts a stratum: its risk set is empty.</summary>
    public void NewStratum()
    {
        _denom = 0;
        Array.Clear(_a);
        Array.Clear(_cmat);
    }

    /// <summary>A censored subject at the current time: it joins the risk set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddCensored(ReadOnlySpan<double> x, double risk)
    {
        _denom += risk;
        AddMoments(x, risk, _a, _cmat);
    }

    /// <summary>A subject with an event at the current time, with its linear predictor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

        if (_efron && _deaths > _efronLoopLimit)
        {
            EndTimeEfronClosedForm();
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

    /// <summary>
    /// Efron's d terms at one time without d passes over the p × p moments. With D the risk of the subjects still at risk
    /// after this time (the censored at it included), E the events' risk and f_m = m/d, term m (m = 1..d) has the risk
    /// D_m = D + f_m·E, first moment A_m = a + f_m·a₂ and second C_m = c + f_m·c₂, and adds A_m/D_m to the score's
    /// subtrahend and C_m/D_m − A_m A_m'/D_m² to the information. Each is linear (or, for A_m A_m', quadratic) in f_m, so
    /// with the scalars S₀ = Σ1/D_m, S₁ = Σf_m/D_m, T₀ = Σ1/D_m², T₁ = Σf_m/D_m², T₂ = Σf_m²/D_m² the time costs
    /// O(d + p²) instead of O(d·p²): the score loses a·S₀ + a₂·S₁, the information gains c·S₀ + c₂·S₁ −
    /// (aa'·T₀ + (aa₂' + a₂a')·T₁ + a₂a₂'·T₂). The same sums as the loop, regrouped, so equal to rounding (Therneau &amp;
    /// Grambsch 2000, section 3.3, Efron's approximation; the regrouping is plain algebra).
    /// </summary>
    private void EndTimeEfronClosedForm()
    {
        int p = _p;
        long d = _deaths;
        double s0 = 0, s1 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (long m = 1; m <= d; m++)
        {
            double f = (double)m / d;
            double denom = _denom + (f * _denom2);
            double inverse = 1.0 / denom;
            _loglik -= Math.Log(denom);
            s0 += inverse;
            s1 += f * inverse;
            double inverse2 = inverse * inverse;
            t0 += inverse2;
            t1 += f * inverse2;
            t2 += f * f * inverse2;
        }

        for (int i = 0; i < p; i++)
        {
            double ai = _a[i], a2i = _a2[i];
            _score[i] -= (ai * s0) + (a2i * s1);
            for (int j = 0; j <= i; j++)
            {
                int ij = (i * p) + j;
                double aj = _a[j], a2j = _a2[j];
                _info[ij] += (_cmat[ij] * s0) + (_cmat2[ij] * s1)
                    - ((ai * aj * t0) + (((ai * a2j) + (a2i * aj)) * t1) + (a2i * a2j * t2));
                _cmat[ij] += _cmat2[ij];
            }
        }

        // The events join the risk set only now: the information above reads the a_j of before this time.
        for (int i = 0; i < p; i++)
        {
            _a[i] += _a2[i];
        }

        _denom += _denom2;
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

    /// <remarks>
    /// The innermost loop of a fit (n·p(p+1)/2 terms per evaluation), so without bounds checks: <paramref name="first"/>
    /// holds p and <paramref name="second"/> p × p values (both sized by the constructor, checked once here). Each term is
    /// (risk·x_i)·x_j as before, so the same bits.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddMoments(ReadOnlySpan<double> x, double risk, double[] first, double[] second)
    {
        int p = x.Length;
        if (first.Length < p || second.Length < p * p)
        {
            throw new ArgumentException("The sums are smaller than the row.", nameof(x));
        }

        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double first0 = ref MemoryMarshal.GetArrayDataReference(first);
        ref double second0 = ref MemoryMarshal.GetArrayDataReference(second);
        for (int i = 0; i < p; i++)
        {
            double riskXi = risk * Unsafe.Add(ref x0, i);
            Unsafe.Add(ref first0, i) += riskXi;
            ref double row = ref Unsafe.Add(ref second0, i * p);
            for (int j = 0; j <= i; j++)
            {
                Unsafe.Add(ref row, j) += riskXi * Unsafe.Add(ref x0, j);
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
