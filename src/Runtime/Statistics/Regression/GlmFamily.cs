using System;
using MathNet.Numerics;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>The GLM families the kernel fits, each with R's canonical link.</summary>
public enum GlmFamilyKind
{
    /// <summary><c>binomial(link = "logit")</c>: a 0/1 response, or a proportion with its number of trials.</summary>
    Binomial,

    /// <summary><c>poisson(link = "log")</c>.</summary>
    Poisson,

    /// <summary><c>quasipoisson(link = "log")</c>: Poisson's mean and variance function, dispersion from Pearson's χ².</summary>
    QuasiPoisson,

    /// <summary><c>MASS::glm.nb</c> (log link): variance μ + μ²/θ with θ estimated by maximum likelihood.</summary>
    NegativeBinomial,
}

/// <summary>
/// A GLM family: link, inverse link, variance function, deviance residuals, starting values and AIC,
/// written from R's documented definitions of <c>binomial()</c>, <c>poisson()</c>, <c>quasipoisson()</c>
/// and <c>MASS::negative.binomial(theta)</c> (McCullagh &amp; Nelder 1989, Generalized Linear Models,
/// 2nd ed., ch. 2 and table 2.1), including R's guards that keep μ inside the parameter space
/// (which matter when the fit runs to the boundary, as under separation).
/// </summary>
internal abstract class GlmFamily
{
    /// <summary>R's .Machine$double.eps.</summary>
    internal const double Epsilon = 2.220446049250313e-16;

    public abstract GlmFamilyKind Kind { get; }

    /// <summary>Whether the dispersion is estimated (quasi families): t tests instead of z.</summary>
    public virtual bool EstimatesDispersion => false;

    public abstract double LinkInverse(double eta);

    /// <summary>dμ/dη.</summary>
    public abstract double MuEta(double eta);

    public abstract double Link(double mu);

    public abstract double Variance(double mu);

    /// <summary>The unit deviance times the weight: the summand of the deviance.</summary>
    public abstract double DevianceResidual(double y, double mu, double weight);

    public abstract bool ValidMu(double mu);

    /// <summary>The family's <c>initialize</c>: μ at the start of IRLS.</summary>
    public abstract double StartingMu(double y, double weight);

    /// <summary>The family's <c>aic()</c> (−2 log-likelihood, without the 2·rank), or NaN for quasi families.</summary>
    public abstract double Aic(ReadOnlySpan<double> y, ReadOnlySpan<double> trials, ReadOnlySpan<double> mu, ReadOnlySpan<double> weights);

    public static GlmFamily For(GlmFamilyKind kind, double theta = double.NaN) => kind switch
    {
        GlmFamilyKind.Binomial => new BinomialLogit(),
        GlmFamilyKind.Poisson => new PoissonLog(false),
        GlmFamilyKind.QuasiPoisson => new PoissonLog(true),
        GlmFamilyKind.NegativeBinomial => new NegativeBinomialLog(theta),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>y·log(y/μ), 0 when y = 0 (its limit).</summary>
    protected static double YLogY(double y, double mu) => y != 0 ? y * Math.Log(y / mu) : 0;
}

/// <summary>binomial(link = "logit"), with R's thresholds: η beyond ±30 gives μ = ε/(1+ε) or 1/(1+ε) and dμ/dη = ε.</summary>
internal sealed class BinomialLogit : GlmFamily
{
    private const double Threshold = 30;
    private const double InverseEpsilon = 1 / Epsilon;

    public override GlmFamilyKind Kind => GlmFamilyKind.Binomial;

    public override double LinkInverse(double eta)
    {
        double t = eta < -Threshold ? Epsilon : (eta > Threshold ? InverseEpsilon : Math.Exp(eta));
        return t / (1 + t);
    }

    public override double MuEta(double eta)
    {
        if (eta > Threshold || eta < -Threshold)
        {
            return Epsilon;
        }

        double e = Math.Exp(eta);
        double opexp = 1 + e;
        return e / (opexp * opexp);
    }

    public override double Link(double mu) => Math.Log(mu / (1 - mu));

    public override double Variance(double mu) => mu * (1 - mu);

    public override double DevianceResidual(double y, double mu, double weight) => 2 * weight * (YLogY(y, mu) + YLogY(1 - y, 1 - mu));

    public override bool ValidMu(double mu) => double.IsFinite(mu) && mu > 0 && mu < 1;

    /// <summary>binomial()$initialize: μ = (w·y + 0.5) / (w + 1), w the weight including the number of trials.</summary>
    public override double StartingMu(double y, double weight) => ((weight * y) + 0.5) / (weight + 1);

    /// <summary>
    /// binomial()$aic: −2 Σ (w/m) log dbinom(round(m·y), round(m), μ), where m is the number of
    /// trials when any exceeds 1 and the weight otherwise (R: <c>m &lt;- if (any(n &gt; 1)) n else wt</c>).
    /// </summary>
    public override double Aic(ReadOnlySpan<double> y, ReadOnlySpan<double> trials, ReadOnlySpan<double> mu, ReadOnlySpan<double> weights)
    {
        bool anyTrials = false;
        foreach (double t in trials)
        {
            anyTrials |= t > 1;
        }

        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double m = anyTrials ? trials[i] : weights[i];
            if (m > 0)
            {
                sum += weights[i] / m * LogBinomialDensity(Math.Round(m * y[i], MidpointRounding.ToEven), Math.Round(m, MidpointRounding.ToEven), mu[i]);
            }
        }

        return -2 * sum;
    }

    private static double LogBinomialDensity(double k, double n, double p)
    {
        double logChoose = SpecialFunctions.GammaLn(n + 1) - SpecialFunctions.GammaLn(k + 1) - SpecialFunctions.GammaLn(n - k + 1);
        double successes = k == 0 ? 0 : k * Math.Log(p);
        double failures = n - k == 0 ? 0 : (n - k) * Math.Log(1 - p);
        return logChoose + successes + failures;
    }
}

/// <summary>poisson(link = "log") and quasipoisson(link = "log"): μ = max(exp(η), ε).</summary>
internal sealed class PoissonLog(bool quasi) : GlmFamily
{
    public override GlmFamilyKind Kind => quasi ? GlmFamilyKind.QuasiPoisson : GlmFamilyKind.Poisson;

    public override bool EstimatesDispersion => quasi;

    public override double LinkInverse(double eta) => Math.Max(Math.Exp(eta), Epsilon);

    public override double MuEta(double eta) => Math.Max(Math.Exp(eta), Epsilon);

    public override double Link(double mu) => Math.Log(mu);

    public override double Variance(double mu) => mu;

    /// <summary>2w(y log(y/μ) − (y − μ)), and 2wμ when y = 0.</summary>
    public override double DevianceResidual(double y, double mu, double weight) => y > 0 ? 2 * weight * ((y * Math.Log(y / mu)) - (y - mu)) : 2 * mu * weight;

    public override bool ValidMu(double mu) => double.IsFinite(mu) && mu > 0;

    /// <summary>poisson()$initialize: μ = y + 0.1.</summary>
    public override double StartingMu(double y, double weight) => y + 0.1;

    /// <summary>poisson()$aic: −2 Σ w log dpois(y, μ); quasipoisson has none (NA).</summary>
    public override double Aic(ReadOnlySpan<double> y, ReadOnlySpan<double> trials, ReadOnlySpan<double> mu, ReadOnlySpan<double> weights)
    {
        if (quasi)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += weights[i] * LogPoissonDensity(y[i], mu[i]);
        }

        return -2 * sum;
    }

    internal static double LogPoissonDensity(double y, double mu) =>
        (y == 0 ? 0 : y * Math.Log(mu)) - mu - SpecialFunctions.GammaLn(y + 1);
}

/// <summary>
/// MASS::negative.binomial(theta, link = "log") for a fixed θ: variance μ + μ²/θ. Its AIC is not used:
/// glm.nb reports −2·loglik + 2·rank + 2 (see <see cref="NegativeBinomialTheta"/>).
/// </summary>
internal sealed class NegativeBinomialLog(double theta) : GlmFamily
{
    public double Theta { get; } = theta;

    public override GlmFamilyKind Kind => GlmFamilyKind.NegativeBinomial;

    public override double LinkInverse(double eta) => Math.Max(Math.Exp(eta), Epsilon);

    public override double MuEta(double eta) => Math.Max(Math.Exp(eta), Epsilon);

    public override double Link(double mu) => Math.Log(mu);

    public override double Variance(double mu) => mu + (mu * mu / Theta);

    /// <summary>2w(y log(max(1, y)/μ) − (y + θ) log((y + θ)/(μ + θ))).</summary>
    public override double DevianceResidual(double y, double mu, double weight) =>
        2 * weight * ((y * Math.Log(Math.Max(1, y) / mu)) - ((y + Theta) * Math.Log((y + Theta) / (mu + Theta))));

    public override bool ValidMu(double mu) => double.IsFinite(mu) && mu > 0;

    /// <summary>negative.binomial()$initialize: μ = y + (y == 0)/6.</summary>
    public override double StartingMu(double y, double weight) => y + (y == 0 ? 1.0 / 6 : 0);

    public override double Aic(ReadOnlySpan<double> y, ReadOnlySpan<double> trials, ReadOnlySpan<double> mu, ReadOnlySpan<double> weights) =>
        -2 * NegativeBinomialTheta.LogLikelihood(Theta, mu, y, weights);
}
