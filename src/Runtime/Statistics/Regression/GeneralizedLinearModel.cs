// Design note: how `model logistic` and `model poisson` will call this kernel.
//
// The kernel knows nothing of studies: it takes a dense design matrix (R's model.matrix: column names
// and columns, treatment-contrast dummies, interaction products, "(Intercept)"), the response, and
// optionally trials, prior weights and an offset, and returns what R's summary(glm) gives. The
// language side (next session) will:
//   1. build the design with the design-matrix module of `model linear` (the same columns and names
//      R's model.matrix makes for the formula, complete cases only, rows left out counted as PL50xx);
//   2. map the model kind to a family: `model logistic` -> Binomial (a bool/0-1 outcome, or a
//      successes/trials pair -> Response = successes/trials, Trials = trials), `model poisson` ->
//      Poisson, with `dispersion quasi` -> QuasiPoisson and `dispersion negative_binomial` ->
//      NegativeBinomial; `offset log(person_time)` -> Offset = log(person_time) (a row with
//      person_time <= 0 is a PL5050-style missing value, never -Inf);
//   3. call GeneralizedLinearModel.Fit(data, family, options) and turn GlmFit into results.json
//      terms (estimate, SE, z or t, p, Wald and profile CI, exp(coef) as odds/rate ratios) and the
//      fit's deviance, AIC, logLik and dispersion; each GlmWarning becomes a WarningResult through
//      GlmWarning.ToResult() (codes PL5085-PL5089).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>Generalised linear models, as R's <c>glm</c> and <c>MASS::glm.nb</c>.</summary>
public static class GeneralizedLinearModel
{
    /// <summary>10·ε: R's glm.fit threshold for "fitted probabilities numerically 0 or 1" and "fitted rates numerically 0".</summary>
    private const double BoundaryEpsilon = 10 * GlmFamily.Epsilon;

    /// <summary>
    /// Fits a GLM by IRLS (see <see cref="GlmIrls"/>) and computes R's summary.
    /// </summary>
    /// <remarks>
    /// <para>Model: g(E[y]) = Xβ + offset, Var(y) = φ·V(μ)/w (McCullagh &amp; Nelder 1989, ch. 2), with the
    /// canonical links logit and log. β̂ by IRLS (glm.fit, ε = 1e-8, maxit 25); negative binomial θ by
    /// ML alternating with IRLS (<see cref="NegativeBinomialTheta"/>).</para>
    /// <para>Inference as R's summary.glm: SE_j = √(φ·[(XᵀWX)⁻¹]_jj); z = β̂/SE with 2Φ(−|z|) for binomial,
    /// Poisson and negative binomial (φ = 1); for quasi-Poisson φ = Σ w_i (y_i − μ_i)²/V(μ_i) / (n − p)
    /// (Pearson's χ² over the residual df) and t = β̂/SE with 2·P(T_{n−p} &gt; |t|). Wald intervals are
    /// <c>confint.default</c>'s β̂ ± z_{(1+level)/2}·SE (normal quantile also for quasi-Poisson, as R);
    /// profile intervals are <see cref="GlmProfile"/>'s. Null deviance: of the intercept-only model
    /// (weighted mean of y), refitted by IRLS when there is an offset. AIC = family AIC + 2·rank
    /// (glm.nb: −2L + 2·rank + 2); logLik = rank − AIC/2 (glm.nb: L); quasi-Poisson has neither.</para>
    /// <para>Warnings (each with a defined result): non-convergence, separation or fitted rates 0 with
    /// the diverging terms named (<see cref="GlmDivergence"/>), aliased columns (NA, as R), θ → ∞.</para>
    /// <para>Preconditions (the caller's job, checked here with <see cref="ArgumentException"/>): equal
    /// lengths, finite values, binomial responses in [0, 1] and counts ≥ 0, positive trials, non-negative
    /// weights. Cost: O(n·p²) per IRLS iteration; profiling adds up to 18 fits per coefficient.</para>
    /// </remarks>
    public static GlmFit Fit(GlmData data, GlmFamilyKind family, GlmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= GlmOptions.Default;
        Validate(data, family);
        int n = data.Response.Length, p = data.Columns.Count;
        double[] y = data.Response;
        double[] trials = data.Trials ?? Enumerable.Repeat(1.0, n).ToArray();
        double[] prior = data.Weights ?? Enumerable.Repeat(1.0, n).ToArray();
        double[] weights = prior.Select((w, i) => w * trials[i]).ToArray();
        double[] offset = data.Offset ?? new double[n];
        var warnings = new List<GlmWarning>();

        GlmFamily fitted;
        GlmIrlsResult fit;
        double theta = double.NaN, thetaSe = double.NaN, nbLogLik = double.NaN;
        int alternations = 0;
        GlmFamily? finalFamily = null;
        if (family == GlmFamilyKind.NegativeBinomial)
        {
            NegativeBinomialResult nb = NegativeBinomialTheta.Fit(data.Columns, y, weights, offset, options);
            fit = nb.Fit;
            fitted = nb.FittedFamily;
            (theta, thetaSe, nbLogLik, alternations) = (nb.Theta, nb.ThetaStandardError, nb.LogLikelihood, nb.Alternations);
            finalFamily = new NegativeBinomialLog(theta);
            if (nb.AlternationLimit)
            {
                warnings.Add(new GlmWarning(GlmWarningKind.NotConverged, Invariant(
                    $"the negative binomial fit reached {options.MaxIterations} alternations of θ and the coefficients without converging (glm.nb: \"alternation limit reached\"); the estimates are those of the last alternation"), []));
            }

            if (nb.ThetaWarning is not null)
            {
                warnings.Add(new GlmWarning(GlmWarningKind.ThetaInfinite, Invariant(
                    $"the negative binomial θ did not settle (theta.ml: \"{nb.ThetaWarning}\"; θ = {theta:G6}): the counts show no overdispersion to estimate, θ tends to infinity and the model tends to Poisson; fit a Poisson model instead"), []));
            }
        }
        else
        {
            fitted = GlmFamily.For(family);
            fit = GlmIrls.Fit(data.Columns, y, weights, offset, fitted, null, null, options.MaxIterations, options.Epsilon);
        }

        if (fit.Failure is not null)
        {
            return FailedFit(family, n, data.Names, fit.Failure, warnings);
        }

        AddIterationWarnings(fit.Converged, fit.Aliased, data.Names, options, warnings);

        int[] diverging = AddBoundaryWarnings(data, y, weights, offset, fitted, fit, warnings);

        int informative = prior.Count(w => w != 0);
        int residualDf = informative - fit.Rank;
        bool intercept = data.HasIntercept;
        int nullDf = informative - (intercept ? 1 : 0);
        double dispersion = fitted.EstimatesDispersion ? PearsonDispersion(fit, fitted, y, residualDf) : 1;
        double nullDeviance = NullDeviance(data, y, weights, offset, finalFamily ?? fitted, fitted, fit, options, family == GlmFamilyKind.NegativeBinomial);
        double aic, logLik;
        if (family == GlmFamilyKind.NegativeBinomial)
        {
            logLik = nbLogLik;
            aic = (-2 * nbLogLik) + (2 * fit.Rank) + 2;
        }
        else
        {
            double familyAic = fitted.Aic(y, trials, fit.Mu, weights);
            aic = familyAic + (2 * fit.Rank);
            logLik = fit.Rank - (aic / 2);
        }

        var se = new double[p];
        var covariance = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            se[a] = fit.Aliased[a] ? double.NaN : Math.Sqrt(dispersion * fit.UnscaledCovariance[a, a]);
            for (int b = 0; b < p; b++)
            {
                covariance[a, b] = fit.Aliased[a] || fit.Aliased[b] ? double.NaN : dispersion * fit.UnscaledCovariance[a, b];
            }
        }

        (double Low, double High)[] profile = options.Profile
            ? GlmProfile.Intervals(data.Columns, y, weights, offset, fitted, fit.Coefficients, fit.Aliased, se, fit.Deviance, dispersion, options, diverging)
            : Enumerable.Repeat((double.NaN, double.NaN), p).ToArray();

        // Diverging coefficients are not profiled: the likelihood has no maximum in their direction, and
        // any finite end would be an artefact of where IRLS stopped (R's confint gives such numbers, or fails).

        double zWald = Normal.InvCDF(0, 1, (1 + options.Level) / 2);
        var coefficients = new GlmCoefficient[p];
        for (int j = 0; j < p; j++)
        {
            if (fit.Aliased[j])
            {
                coefficients[j] = new GlmCoefficient(data.Names[j], true, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
                continue;
            }

            double b = fit.Coefficients[j];
            double statistic = b / se[j];
            double pValue = fitted.EstimatesDispersion
                ? 2 * StudentT.CDF(0, 1, residualDf, -Math.Abs(statistic))
                : 2 * Normal.CDF(0, 1, -Math.Abs(statistic));
            coefficients[j] = new GlmCoefficient(data.Names[j], false, b, se[j], statistic, pValue, b - (zWald * se[j]), b + (zWald * se[j]), profile[j].Low, profile[j].High);
        }

        return new GlmFit(family, n, coefficients, fitted.EstimatesDispersion, fit.Deviance, nullDeviance, residualDf, nullDf,
            family == GlmFamilyKind.QuasiPoisson ? double.NaN : aic, family == GlmFamilyKind.QuasiPoisson ? double.NaN : logLik,
            dispersion, theta, thetaSe, fit.Iterations, alternations, fit.Converged, fit.Rank, covariance, fit.Mu, warnings);
    }

    /// <summary>Non-convergence (first) and aliased columns, as glm.fit reports them; shared with the engine fit (<see cref="GlmSumsFit"/>).</summary>
    internal static void AddIterationWarnings(bool converged, bool[] aliased, IReadOnlyList<string> names, GlmOptions options, List<GlmWarning> warnings)
    {
        if (!converged)
        {
            warnings.Insert(0, new GlmWarning(GlmWarningKind.NotConverged, Invariant(
                $"IRLS did not converge in {options.MaxIterations} iterations (R: \"glm.fit: algorithm did not converge\"); the estimates are those of the last iteration and may be far from the maximum likelihood"), []));
        }

        string[] aliasedNames = Enumerable.Range(0, names.Count).Where(j => aliased[j]).Select(j => names[j]).ToArray();
        if (aliasedNames.Length > 0)
        {
            warnings.Add(new GlmWarning(GlmWarningKind.RankDeficient, Invariant(
                $"the design is rank deficient: {Quote(aliasedNames)} {(aliasedNames.Length == 1 ? "is" : "are")} constant or collinear with earlier columns and not estimable (NA, as R); the model is fitted without {(aliasedNames.Length == 1 ? "it" : "them")}"), aliasedNames));
        }
    }

    /// <summary>Adds the separation / zero-rate warning when it applies; returns the diverging columns.</summary>
    private static int[] AddBoundaryWarnings(GlmData data, double[] y, double[] weights, double[] offset, GlmFamily family, GlmIrlsResult fit, List<GlmWarning> warnings)
    {
        bool binomial = family.Kind == GlmFamilyKind.Binomial;
        bool atBoundary = fit.Mu.Where((m, i) => weights[i] > 0).Any(m => m < BoundaryEpsilon || (binomial && m > 1 - BoundaryEpsilon));
        int[] diverging = GlmDivergence.NearTheBoundary(family, fit.Mu, weights)
            ? GlmDivergence.Diverging(data.Columns, y, weights, offset, family, fit)
            : [];
        if (atBoundary || diverging.Length > 0)
        {
            warnings.Add(BoundaryWarning(binomial, data.Names, diverging));
        }

        return diverging;
    }

    /// <summary>The separation (binomial) or zero-rate (counts) warning naming the diverging terms; shared with the engine fit.</summary>
    internal static GlmWarning BoundaryWarning(bool binomial, IReadOnlyList<string> names, int[] diverging)
    {
        string[] terms = diverging.Select(j => names[j]).ToArray();
        string[] named = terms.Length > 1 ? terms.Where(t => t != "(Intercept)").ToArray() : terms;
        string which = named.Length == 0
            ? "no single term could be named"
            : Invariant($"the diverging {(named.Length == 1 ? "term is" : "terms are")} {Quote(named)}");
        return binomial
            ? new GlmWarning(GlmWarningKind.Separation, Invariant(
                $"fitted probabilities reach 0 or 1 (R: \"glm.fit: fitted probabilities numerically 0 or 1 occurred\"): complete or quasi-complete separation, {which}; their maximum-likelihood estimates are infinite, the reported estimates are where IRLS stopped and their SE, z, p and intervals are not meaningful"), terms)
            : new GlmWarning(GlmWarningKind.ZeroRate, Invariant(
                $"fitted rates reach 0 (R: \"glm.fit: fitted rates numerically 0 occurred\"), e.g. a group or level with no events: {which}; their log rate ratios tend to −∞, the reported estimates are where IRLS stopped and their SE, z, p and intervals are not meaningful"), terms);
    }

    /// <summary>Pearson's χ² over the residual df, with glm.fit's final working weights and residuals.</summary>
    private static double PearsonDispersion(GlmIrlsResult fit, GlmFamily family, double[] y, int residualDf)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (fit.WorkingWeights[i] > 0)
            {
                double r = (y[i] - fit.Mu[i]) / family.MuEta(fit.Eta[i]);
                sum += fit.WorkingWeights[i] * r * r;
            }
        }

        return residualDf > 0 ? sum / residualDf : double.NaN;
    }

    /// <summary>
    /// The deviance of the intercept-only model (or of η = offset without an intercept). With an offset
    /// and an intercept it is refitted by IRLS, as glm does (from the full fit's μ; glm.nb from the
    /// family's starting values, with the final θ).
    /// </summary>
    private static double NullDeviance(GlmData data, double[] y, double[] weights, double[] offset, GlmFamily refitFamily, GlmFamily fitted,
        GlmIrlsResult fit, GlmOptions options, bool negativeBinomial)
    {
        int n = y.Length;
        bool intercept = data.HasIntercept;
        if (intercept && data.Offset is not null)
        {
            var ones = new[] { Enumerable.Repeat(1.0, n).ToArray() };
            GlmIrlsResult nullFit = GlmIrls.Fit(ones, y, weights, offset, refitFamily, null, negativeBinomial ? null : fit.Mu, options.MaxIterations, options.Epsilon);
            return nullFit.Deviance;
        }

        var mu = new double[n];
        double mean = intercept ? y.Select((v, i) => weights[i] * v).Sum() / weights.Sum() : double.NaN;
        for (int i = 0; i < n; i++)
        {
            mu[i] = intercept ? mean : fitted.LinkInverse(offset[i]);
        }

        return GlmIrls.Deviance(fitted, y, mu, weights);
    }

    private static void Validate(GlmData data, GlmFamilyKind family)
    {
        int n = data.Response.Length;
        if (data.Columns.Count != data.Names.Count)
        {
            throw new ArgumentException("one name per design column is required", nameof(data));
        }

        if (data.Columns.Any(c => c.Length != n) || data.Trials?.Length is int t && t != n || data.Weights?.Length is int w && w != n || data.Offset?.Length is int o && o != n)
        {
            throw new ArgumentException("the design columns, response, trials, weights and offset must have one value per row", nameof(data));
        }

        bool finite = data.Columns.All(c => c.All(double.IsFinite)) && data.Response.All(double.IsFinite)
            && (data.Trials?.All(v => double.IsFinite(v) && v > 0) ?? true)
            && (data.Weights?.All(v => double.IsFinite(v) && v >= 0) ?? true)
            && (data.Offset?.All(double.IsFinite) ?? true);
        if (!finite)
        {
            throw new ArgumentException("the design, response and offset must be finite, trials positive and weights non-negative (drop and count incomplete rows first)", nameof(data));
        }

        if (family == GlmFamilyKind.Binomial ? data.Response.Any(v => v < 0 || v > 1) : data.Response.Any(v => v < 0))
        {
            throw new ArgumentException(family == GlmFamilyKind.Binomial ? "a binomial response must be a proportion in [0, 1]" : "a count response must not be negative", nameof(data));
        }
    }

    internal static GlmFit FailedFit(GlmFamilyKind family, int n, IReadOnlyList<string> names, string why, List<GlmWarning> warnings)
    {
        int p = names.Count;
        warnings.Insert(0, new GlmWarning(GlmWarningKind.NotConverged, "IRLS broke down (R: \"" + why + "\"); the model has no estimates", []));
        var coefficients = names.Select(name => new GlmCoefficient(name, false, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)).ToArray();
        var covariance = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                covariance[a, b] = double.NaN;
            }
        }

        return new GlmFit(family, n, coefficients, family == GlmFamilyKind.QuasiPoisson, double.NaN, double.NaN, 0, 0, double.NaN, double.NaN, double.NaN,
            double.NaN, double.NaN, 0, 0, false, 0, covariance, Enumerable.Repeat(double.NaN, n).ToArray(), warnings, Failed: true);
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(s => "'" + s + "'"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
