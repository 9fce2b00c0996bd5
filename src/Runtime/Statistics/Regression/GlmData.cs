using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>
/// The input of a GLM fit: a dense design matrix by column (names and n values each, as R's
/// <c>model.matrix</c> builds it, "(Intercept)" included when the model has one), the response,
/// and optionally the number of trials, prior weights and an offset. Complete cases only: the caller
/// drops (and counts) rows with a missing value before building the design.
/// </summary>
/// <param name="Names">One name per column, e.g. "(Intercept)", "armB", "age".</param>
/// <param name="Columns">p arrays of n finite values.</param>
/// <param name="Response">Binomial: the proportion of successes (0/1 for a binary response); counts otherwise.</param>
/// <param name="Trials">Binomial cbind(successes, failures) form: the number of trials per row (R multiplies the prior weights by it); null = 1.</param>
/// <param name="Weights">Prior weights (R's <c>weights</c>); null = 1. A weight of 0 leaves the row out of the fit.</param>
/// <param name="Offset">A known term of the linear predictor, e.g. log(person_time); null = 0.</param>
public sealed record GlmData(
    IReadOnlyList<string> Names,
    IReadOnlyList<double[]> Columns,
    double[] Response,
    double[]? Trials = null,
    double[]? Weights = null,
    double[]? Offset = null)
{
    /// <summary>Whether the design has an intercept: a column named "(Intercept)" whose values are all 1.</summary>
    public bool HasIntercept
    {
        get
        {
            for (int j = 0; j < Names.Count; j++)
            {
                if (Names[j] == "(Intercept)" && System.Array.TrueForAll(Columns[j], v => v == 1))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>Fitting controls, R's <c>glm.control()</c> defaults, and the confidence level.</summary>
/// <param name="Epsilon">Convergence: relative change of the deviance below this.</param>
/// <param name="MaxIterations">IRLS iterations (and, for glm.nb, θ alternations).</param>
/// <param name="Level">Confidence level of the Wald and profile-likelihood intervals.</param>
/// <param name="Profile">Whether to compute the profile-likelihood intervals (one refit per step and side for each coefficient).</param>
public sealed record GlmOptions(double Epsilon = 1e-8, int MaxIterations = 25, double Level = 0.95, bool Profile = true)
{
    public static GlmOptions Default { get; } = new();
}
