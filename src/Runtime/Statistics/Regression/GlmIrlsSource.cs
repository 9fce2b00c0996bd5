namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>
/// Where <see cref="GlmIrls.Iterate"/> takes each iteration's numbers from: the rows in memory, or an engine that returns
/// the sums at a β. The iteration, its convergence rule, step halving and iteration count are shared; only this differs.
/// </summary>
internal interface IGlmIrlsSource
{
    /// <summary>The design's columns (p).</summary>
    int Columns { get; }

    /// <summary>The point of the family's starting μ (or the given start): R's <c>mustart</c>/<c>etastart</c>.</summary>
    IGlmIrlsPoint Start();

    /// <summary>The point η = Xβ + offset.</summary>
    IGlmIrlsPoint At(double[] beta);
}

/// <summary>One point of the iteration: the deviance there, whether every μ is valid, and the least-squares step from it.</summary>
internal interface IGlmIrlsPoint
{
    bool Valid { get; }

    /// <summary>Σ of the family's deviance residuals at this point's μ (NaN when it has none).</summary>
    double Deviance { get; }

    /// <summary>β = argmin ‖√W(Xβ − z)‖ with z and W at this point, the aliased columns and (XᵀWX)⁻¹; null when no observation is informative.</summary>
    GlmStep? Solve();
}

/// <summary>One weighted least-squares step.</summary>
internal sealed record GlmStep(double[] Beta, bool[] Aliased, int Rank, double[,] Unscaled);

/// <summary>What <see cref="GlmIrls.Iterate"/> ends with: the coefficients and the last point, and the last point solved from (whose weights R keeps).</summary>
internal sealed record GlmIterationResult(
    double[] Coefficients,
    bool[] Aliased,
    int Rank,
    double Deviance,
    int Iterations,
    bool Converged,
    bool Boundary,
    double[,] Unscaled,
    string? Failure,
    IGlmIrlsPoint Last,
    IGlmIrlsPoint? Solved)
{
    public static GlmIterationResult Failed(string why, IGlmIrlsPoint point) =>
        new([], [], 0, double.NaN, 0, false, false, new double[0, 0], why, point, null);
}
