using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// The exact partial likelihood of a Cox model with tied event times, its score vector and
/// information matrix, as <c>coxph(ties = "exact")</c> (R survival's <c>coxexact.fit</c>).
/// </summary>
/// <remarks>
/// <para>Likelihood (Kalbfleisch &amp; Prentice 1980, The Statistical Analysis of Failure Time Data,
/// section 4.2; Therneau &amp; Grambsch 2000, section 3.3): at a time with d tied events among the m
/// subjects at risk, the contribution is the probability that exactly these d failed, given that d
/// of the m failed: Σ_events x'β − log E_d, where E_d = Σ over the C(m, d) subsets S of d subjects of
/// Π_{i∈S} r_i, r_i = exp(x_i'β), the d-th elementary symmetric polynomial of the risks. It is the
/// conditional logistic likelihood of a matched set. With d = 1 it is Breslow's and Efron's term.
/// The score is Σ_events x − ∂E_d/E_d and the information ∂²E_d/E_d − (∂E_d/E_d)(∂E_d/E_d)'.</para>
/// <para>E_d is never expanded over subsets: it satisfies E_k(R ∪ {i}) = E_k(R) + r_i E_{k−1}(R)
/// (Gail, Lubin &amp; Rubinstein 1981, Biometrika 68:703-707; Howard 1972), and its derivatives follow by
/// differentiating the recursion: ∂E_k gains r_i (x_i E_{k−1} + ∂E_{k−1}) and ∂²E_k gains
/// r_i (∂²E_{k−1} + x_i ∂E_{k−1}' + ∂E_{k−1} x_i' + x_i x_i' E_{k−1}). Walking each stratum from
/// the latest time to the earliest, the risk set only grows, so one pass that adds each subject
/// once keeps E_k, ∂E_k, ∂²E_k for k = 0..D current (D = the most events tied at one time in the
/// stratum) and reads E_d at each event time: R's coxexact.c gets the same reuse by caching its
/// recursion over risk-set prefixes.</para>
/// <para>Scale: E_d has C(m, d) terms and overflows a double long before the likelihood is extreme
/// (m = 10⁵, d = 100: C(m, d) ≈ 10³⁴³). The sums are kept as elementary symmetric means
/// P_k = E_k / C(m, k), for which the recursion becomes a convex combination,
/// P_k ← ((m + 1 − k) P_k + k r_i P_{k−1}) / (m + 1), bounded by the k-th powers of the smallest and
/// largest risk; log E_d = log C(m, d) + log P_d, with log C(m, d) summed exactly. The covariates
/// are centred (as in <see cref="CoxRiskSets"/>), which leaves the likelihood unchanged. P_d stays
/// finite while d · |x'β| is below about 700.</para>
/// <para>Cost: O(n · D · p²) per evaluation and O(D · p²) memory, so no combinatorial blow-up: a
/// time with d ties costs as much as d untied ones, for every subject in the stratum. O(n) to find D.</para>
/// </remarks>
internal sealed class CoxExactRiskSets
{
    private readonly CoxRiskSets _data;

    /// <summary>For each sorted row, the most events tied at one time in its stratum.</summary>
    private readonly int[] _depth;

    public CoxExactRiskSets(CoxRiskSets data)
    {
        _data = data;
        int n = data.Count;
        _depth = new int[n];
        ReadOnlySpan<double> time = data.SortedTime;
        ReadOnlySpan<bool> events = data.SortedEvent;
        ReadOnlySpan<bool> last = data.LastInStratum;
        int start = 0;
        int depth = 0;
        for (int k = 0; k < n; k++)
        {
            int tied = 0;
            double t = time[k];
            int j = k;
            for (; j < n && time[j] == t; j++)
            {
                tied += events[j] ? 1 : 0;
                if (last[j])
                {
                    j++;
                    break;
                }
            }

            depth = Math.Max(depth, tied);
            k = j - 1;
            if (last[k])
            {
                _depth.AsSpan(start, k + 1 - start).Fill(depth);
                start = k + 1;
                depth = 0;
            }
        }
    }

    /// <summary>The most events tied at one time within a stratum, over all strata.</summary>
    public int MaxTiedEvents => _depth.Length == 0 ? 0 : Max(_depth);

    /// <summary>
    /// The exact log partial likelihood at <paramref name="beta"/>; fills <paramref name="score"/> (p)
    /// and <paramref name="information"/> (p × p, symmetric).
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> beta, Span<double> score, double[,] information)
    {
        int p = _data.Variables;
        int n = _data.Count;
        ReadOnlySpan<double> time = _data.SortedTime;
        ReadOnlySpan<bool> events = _data.SortedEvent;
        ReadOnlySpan<bool> last = _data.LastInStratum;
        double[] eta = _data.LinearPredictor(beta);
        var x = new double[p];
        score.Clear();
        Array.Clear(information);
        double loglik = 0;
        Moments sums = new(0, p);
        int atRisk = 0;
        for (int person = n - 1; person >= 0;)
        {
            if (last[person])
            {
                sums = new Moments(_depth[person], p);
                atRisk = 0;
            }

            double dtime = time[person];
            int deaths = 0;
            while (person >= 0 && time[person] == dtime)
            {
                for (int j = 0; j < p; j++)
                {
                    x[j] = _data.SortedRow(person)[j];
                }

                if (events[person])
                {
                    deaths++;
                    loglik += eta[person];
                    for (int j = 0; j < p; j++)
                    {
                        score[j] += x[j];
                    }
                }

                sums.Add(x, Math.Exp(eta[person]), atRisk);
                atRisk++;
                person--;
                if (person >= 0 && last[person])
                {
                    break;
                }
            }

            if (deaths > 0)
            {
                loglik -= LogChoose(atRisk, deaths) + Math.Log(sums.P[deaths]);
                sums.AddScoreAndInformation(deaths, score, information);
            }
        }

        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < i; j++)
            {
                information[j, i] = information[i, j];
            }
        }

        return loglik;
    }

    /// <summary>log C(m, d) = Σ_{i=1..d} log((m − d + i) / i), exact to rounding.</summary>
    private static double LogChoose(int m, int d)
    {
        double sum = 0;
        for (int i = 1; i <= d; i++)
        {
            sum += Math.Log((double)(m - d + i) / i);
        }

        return sum;
    }

    private static int Max(int[] values)
    {
        int max = 0;
        foreach (int v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    /// <summary>
    /// The elementary symmetric means P_k of the risks in the risk set, their gradients Q_k = ∂P_k
    /// and (lower-triangular) Hessians H_k = ∂²P_k, for k = 0..D.
    /// </summary>
    private sealed class Moments
    {
        private readonly int _p;

        public Moments(int depth, int p)
        {
            _p = p;
            P = new double[depth + 1];
            P[0] = 1;
            Q = new double[depth + 1, p];
            H = new double[depth + 1, p, p];
        }

        public double[] P { get; }

        public double[,] Q { get; }

        public double[,,] H { get; }

        /// <summary>Adds a subject with covariates <paramref name="x"/> and risk <paramref name="risk"/> to a set of <paramref name="m"/>.</summary>
        public void Add(double[] x, double risk, int m)
        {
            int top = Math.Min(P.Length - 1, m + 1);
            double size = m + 1;

            // k descending, so each update reads the (k − 1) sums before this subject was added.
            for (int k = top; k >= 1; k--)
            {
                double keep = (m + 1 - k) / size;
                double join = k * risk / size;
                double pPrev = P[k - 1];
                for (int i = 0; i < _p; i++)
                {
                    for (int j = 0; j <= i; j++)
                    {
                        double joined = H[k - 1, i, j] + (x[i] * Q[k - 1, j]) + (Q[k - 1, i] * x[j]) + (x[i] * x[j] * pPrev);
                        H[k, i, j] = (keep * H[k, i, j]) + (join * joined);
                    }
                }

                for (int i = 0; i < _p; i++)
                {
                    Q[k, i] = (keep * Q[k, i]) + (join * (Q[k - 1, i] + (x[i] * pPrev)));
                }

                P[k] = (keep * P[k]) + (join * pPrev);
            }
        }

        /// <summary>Subtracts ∂ log E_d from the score and adds −∂² log E_d to the information (lower triangle).</summary>
        public void AddScoreAndInformation(int d, Span<double> score, double[,] information)
        {
            double pd = P[d];
            for (int i = 0; i < _p; i++)
            {
                double mean = Q[d, i] / pd;
                score[i] -= mean;
                for (int j = 0; j <= i; j++)
                {
                    information[i, j] += (H[d, i, j] / pd) - (mean * Q[d, j] / pd);
                }
            }
        }
    }
}
