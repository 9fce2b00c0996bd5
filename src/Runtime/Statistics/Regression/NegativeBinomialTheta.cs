using System;
using System.Collections.Generic;
using MathNet.Numerics;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>What the negative binomial alternation ends with.</summary>
internal sealed record NegativeBinomialResult(
    GlmIrlsResult Fit,
    NegativeBinomialLog FittedFamily,
    double Theta,
    double ThetaStandardError,
    double LogLikelihood,
    int Alternations,
    bool AlternationLimit,
    string? ThetaWarning);

/// <summary>
/// The negative binomial GLM as MASS's <c>glm.nb</c> fits it (Venables &amp; Ripley 2002, Modern Applied
/// Statistics with S, 4th ed., section 7.4): a Poisson fit first; then, alternately, θ by maximum
/// likelihood for the current μ (Newton–Raphson on the score in θ, <c>theta.ml</c>) and β by IRLS
/// for the current θ, until |ΔL|/d₁ + |Δθ| &lt; ε (d₁ = √(2·max(1, residual df)), ε = 1e-8) or maxit
/// alternations.
/// </summary>
/// <remarks>
/// The order of the updates is as documented for glm.nb: θ is re-estimated from the μ of the previous
/// β fit, so the deviance, coefficients and family reported are those of the last IRLS fit (whose θ is
/// the one before the final update), while θ, its SE and the log-likelihood use the final θ. The
/// log-likelihood is Σ w [lnΓ(θ+y) − lnΓ(θ) − lnΓ(y+1) + θ ln θ + y ln(μ + [y=0]) − (θ+y) ln(θ+μ)];
/// AIC = −2L + 2·rank + 2. θ's SE is 1/√(observed information) at the last Newton step.
/// </remarks>
internal static class NegativeBinomialTheta
{
    /// <summary>theta.ml's convergence tolerance, .Machine$double.eps^0.25.</summary>
    private const double ThetaEpsilon = 1.220703125e-4;

    public static NegativeBinomialResult Fit(
        IReadOnlyList<double[]> columns, double[] y, double[] weights, double[] offset, GlmOptions options)
    {
        GlmIrlsResult fit = GlmIrls.Fit(columns, y, weights, offset, GlmFamily.For(GlmFamilyKind.Poisson), null, null, options.MaxIterations, options.Epsilon);
        var usedFamily = new NegativeBinomialLog(double.NaN);
        if (fit.Failure is not null)
        {
            return new NegativeBinomialResult(fit, usedFamily, double.NaN, double.NaN, double.NaN, 0, false, null);
        }

        double[] mu = fit.Mu;
        double weightSum = 0;
        int informative = 0;
        foreach (double w in weights)
        {
            weightSum += w;
            informative += w != 0 ? 1 : 0;
        }

        (double theta, double se, string? warning) = MaximumLikelihood(y, mu, weightSum, weights, options.MaxIterations);
        double d1 = Math.Sqrt(2 * Math.Max(1, informative - fit.Rank));
        const double d2 = 1;
        double del = 1;
        double lm = LogLikelihood(theta, mu, y, weights);
        double lm0 = lm + (2 * d1);
        int iteration = 0;
        while (++iteration <= options.MaxIterations && ((Math.Abs(lm0 - lm) / d1) + (Math.Abs(del) / d2)) > options.Epsilon)
        {
            var eta = new double[mu.Length];
            for (int i = 0; i < mu.Length; i++)
            {
                eta[i] = Math.Log(mu[i]);
            }

            usedFamily = new NegativeBinomialLog(theta);
            fit = GlmIrls.Fit(columns, y, weights, offset, usedFamily, eta, null, options.MaxIterations, options.Epsilon);
            if (fit.Failure is not null)
            {
                return new NegativeBinomialResult(fit, usedFamily, double.NaN, double.NaN, double.NaN, iteration, false, null);
            }

            double previous = theta;
            (theta, se, warning) = MaximumLikelihood(y, mu, weightSum, weights, options.MaxIterations);
            mu = fit.Mu;
            del = previous - theta;
            lm0 = lm;
            lm = LogLikelihood(theta, mu, y, weights);
        }

        bool limit = iteration > options.MaxIterations;
        return new NegativeBinomialResult(fit, usedFamily, theta, se, lm, Math.Min(iteration, options.MaxIterations), limit, warning);
    }

    /// <summary>The negative binomial log-likelihood at θ and μ (glm.nb's <c>loglik</c>).</summary>
    internal static double LogLikelihood(double theta, ReadOnlySpan<double> mu, ReadOnlySpan<double> y, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        double thetaLogTheta = theta * Math.Log(theta);
        double lgTheta = SpecialFunctions.GammaLn(theta);
        for (int i = 0; i < y.Length; i++)
        {
            sum += weights[i] * (SpecialFunctions.GammaLn(theta + y[i]) - lgTheta - SpecialFunctions.GammaLn(y[i] + 1) + thetaLogTheta
                + (y[i] * Math.Log(mu[i] + (y[i] == 0 ? 1 : 0))) - ((theta + y[i]) * Math.Log(theta + mu[i])));
        }

        return sum;
    }

    /// <summary>
    /// θ̂ for fixed μ by Newton–Raphson (MASS's <c>theta.ml</c>): from the moment estimate
    /// Σw / Σ w (y/μ − 1)², steps score/information until |step| ≤ eps^¼, at most limit − 1 steps.
    /// Score: Σ w [ψ(θ+y) − ψ(θ) + ln θ + 1 − ln(θ+μ) − (y+θ)/(μ+θ)]; information:
    /// Σ w [−ψ′(θ+y) + ψ′(θ) − 1/θ + 2/(μ+θ) − (y+θ)/(μ+θ)²].
    /// </summary>
    internal static (double Theta, double StandardError, string? Warning) MaximumLikelihood(
        double[] y, double[] mu, double n, double[] weights, int limit)
    {
        double denominator = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = (y[i] / mu[i]) - 1;
            denominator += weights[i] * r * r;
        }

        double t0 = n / denominator;
        int it = 0;
        double del = 1, information = double.NaN;
        while (++it < limit && Math.Abs(del) > ThetaEpsilon)
        {
            t0 = Math.Abs(t0);
            double score = 0;
            information = 0;
            double digammaT = SpecialFunctions.DiGamma(t0), trigammaT = Polygamma.Trigamma(t0), logT = Math.Log(t0);
            for (int i = 0; i < y.Length; i++)
            {
                double tm = mu[i] + t0, yt = y[i] + t0;
                score += weights[i] * (SpecialFunctions.DiGamma(yt) - digammaT + logT + 1 - Math.Log(tm) - (yt / tm));
                information += weights[i] * (-Polygamma.Trigamma(yt) + trigammaT - (1 / t0) + (2 / tm) - (yt / (tm * tm)));
            }

            del = score / information;
            t0 += del;
        }

        string? warning = null;
        if (t0 < 0)
        {
            t0 = 0;
            warning = "estimate truncated at zero";
        }

        if (it == limit)
        {
            warning = "iteration limit reached";
        }

        return (t0, Math.Sqrt(1 / information), warning);
    }
}

/// <summary>The trigamma function ψ′(x), which MathNet.Numerics does not provide.</summary>
internal static class Polygamma
{
    /// <summary>
    /// ψ′(x) for x &gt; 0: the recurrence ψ′(x) = ψ′(x+1) + 1/x² (Abramowitz &amp; Stegun 1964, 6.4.6) lifts
    /// x to at least 20, where the asymptotic series 1/x + 1/(2x²) + Σ B₂ₖ/x^(2k+1) (6.4.12) with
    /// Bernoulli numbers to B₁₂ is accurate to rounding (its next term is below 1e-18 there).
    /// </summary>
    public static double Trigamma(double x)
    {
        if (!(x > 0))
        {
            return double.NaN;
        }

        double sum = 0;
        while (x < 20)
        {
            sum += 1 / (x * x);
            x += 1;
        }

        double inv = 1 / x, inv2 = inv * inv;
        // B2 = 1/6, B4 = -1/30, B6 = 1/42, B8 = -1/30, B10 = 5/66, B12 = -691/2730.
        double series = inv2 * ((1.0 / 6) + (inv2 * ((-1.0 / 30) + (inv2 * ((1.0 / 42) + (inv2 * ((-1.0 / 30) + (inv2 * ((5.0 / 66) + (inv2 * (-691.0 / 2730)))))))))));
        return sum + inv + (inv2 / 2) + (inv * series);
    }
}
