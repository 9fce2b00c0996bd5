using System;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>
/// Minimises the REML criterion over θ: BFGS (MathNet) with a numeric gradient from the start,
/// then Newton steps with the numeric Hessian and step halving until the relative step is below
/// 1e-12. BFGS with a finite-difference gradient stalls a little short of the optimum (mmrm's
/// own BFGS stops at a gradient of ~1e-5); the Newton steps take θ to where the criterion's
/// rounding, not the optimiser, bounds it, so β̂ and the dfs do not depend on where BFGS stopped.
/// </summary>
internal static class MmrmOptimizer
{
    private const int MaxNewtonSteps = 30;
    private const int MaxBfgsStarts = 5;

    public static (double[] Theta, MmrmConvergence Convergence) Minimize(MmrmCriterion criterion, double[] start)
    {
        int evaluations = 0;
        double F(double[] theta)
        {
            evaluations++;
            double value = criterion.Value(theta);
            return double.IsFinite(value) ? value : double.MaxValue;
        }

        // The best point seen: BFGS's line search can give up near the optimum, and its exception carries no point.
        double[] best = start;
        double bestValue = F(start);
        double Tracked(Vector<double> v)
        {
            double[] theta = v.ToArray();
            double value = F(theta);
            if (value < bestValue)
            {
                bestValue = value;
                best = theta;
            }

            return value;
        }

        // A failed line search (the numeric gradient is noisy far from the optimum too) restarts BFGS from the best point.
        string bfgs = "";
        for (int attempt = 0; attempt < MaxBfgsStarts; attempt++)
        {
            double before = bestValue;
            try
            {
                var objective = ObjectiveFunction.Gradient(Tracked, v => Vector<double>.Build.Dense(NumericDerivatives.Gradient(F, v.ToArray())));
                MinimizationResult result = new BfgsMinimizer(1e-8, 1e-12, 1e-14, 2000).FindMinimum(objective, Vector<double>.Build.Dense(best));
                bfgs = "BFGS: " + result.ReasonForExit.ToString();
                break;
            }
            catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or OptimizationException)
            {
                bfgs = "BFGS stopped early (" + e.Message.TrimEnd('.') + ")";
                if (!(bestValue < before))
                {
                    break;
                }
            }
        }

        (double[] theta, int steps, string message, bool converged) = Newton(F, best, bestValue);
        double gradient = NumericDerivatives.Gradient(F, theta).Max(Math.Abs);
        // A stopped Newton iteration is an optimum only where the gradient is at the criterion's noise.
        if (converged && gradient > 1e-6 * Math.Max(1, Math.Abs(F(theta))))
        {
            converged = false;
            message += string.Create(CultureInfo.InvariantCulture, $", but the gradient is still {gradient:G3}");
        }

        return (theta, new MmrmConvergence(converged, evaluations, steps, gradient, bfgs + "; " + message));
    }

    /// <summary>
    /// −(H + λI)⁻¹ g with the smallest λ (0, then 1e-8·max|Hᵢᵢ| growing tenfold) that makes the matrix
    /// positive definite: Levenberg-Marquardt damping where the surface is not yet convex (Nocedal &amp;
    /// Wright 2006, <i>Numerical Optimization</i>, §3.4).
    /// </summary>
    private static Vector<double>? Direction(Matrix<double> h, double[] g)
    {
        double scale = Math.Max(1e-12, Enumerable.Range(0, h.RowCount).Max(i => Math.Abs(h[i, i])));
        for (double lambda = 0; lambda <= 1e8 * scale; lambda = lambda == 0 ? 1e-8 * scale : lambda * 10)
        {
            try
            {
                return -(h + (lambda * Matrix<double>.Build.DenseIdentity(h.RowCount))).Cholesky().Solve(Vector<double>.Build.Dense(g));
            }
            catch (ArgumentException)
            {
            }
        }

        return null;
    }

    private static (double[] Theta, int Steps, string Message, bool Converged) Newton(Func<double[], double> f, double[] theta, double value)
    {
        for (int step = 0; step < MaxNewtonSteps; step++)
        {
            double[] g = NumericDerivatives.Gradient(f, theta);
            var h = Matrix<double>.Build.DenseOfArray(NumericDerivatives.Hessian(f, theta));
            Vector<double>? direction = Direction(h, g);
            if (direction is null)
            {
                return (theta, step, "the Hessian is not positive definite", false);
            }

            if (StepHalving.Step(f, theta, value, direction) is not ({ } next, double nextValue))
            {
                // No step lowers the criterion: θ is at the optimum to the criterion's rounding.
                return (theta, step, "Newton: no step lowers the criterion", true);
            }

            double size = StepHalving.RelativeSize(next, theta);
            theta = next;
            value = nextValue;
            if (size < 1e-12)
            {
                return (theta, step + 1, "Newton: relative step below 1e-12", true);
            }
        }

        return (theta, MaxNewtonSteps, string.Create(CultureInfo.InvariantCulture, $"{MaxNewtonSteps} Newton steps without the step falling below 1e-12"), false);
    }
}

/// <summary>How the optimiser ended; <see cref="Gradient"/> is the largest absolute numeric gradient of −2 l_R in θ at the end.</summary>
public sealed record MmrmConvergence(bool Converged, int Evaluations, int NewtonSteps, double Gradient, string Message);
