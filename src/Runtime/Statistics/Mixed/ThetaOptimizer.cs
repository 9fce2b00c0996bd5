using System;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>Minimises the profiled criterion over θ (see <see cref="LinearMixedModel.Fit"/> for the method).</summary>
internal static class ThetaOptimizer
{
    private const int MaxNewtonSteps = 50;

    public static (double[] Theta, MixedModelConvergence Convergence) Minimize(ProfiledDeviance deviance, bool reml)
    {
        int evaluations = 0;
        double F(double[] theta)
        {
            evaluations++;
            double value = deviance.Deviance(theta, reml);
            return double.IsFinite(value) ? value : double.MaxValue;
        }

        RelativeCovarianceFactor factor = deviance.Factor;
        double[] start = factor.Start();

        double[] theta;
        try
        {
            MinimizationResult nm = NelderMeadSimplex.Minimum(
                ObjectiveFunction.Value(v => F(v.ToArray())),
                Vector<double>.Build.Dense(start),
                Vector<double>.Build.Dense(start.Length, 0.5),
                1e-10,
                10000);
            theta = nm.MinimizingPoint.ToArray();
        }
        catch (MaximumIterationsException)
        {
            theta = start;
        }

        (theta, int steps, string message, bool converged) = Newton(F, theta);
        theta = Normalise(theta, factor);
        theta = SnapToBoundary(F, theta, factor);
        double gradient = NumericDerivatives.Gradient(F, theta).Max(Math.Abs);
        return (theta, new MixedModelConvergence(converged, evaluations, steps, gradient, message));
    }

    private static (double[] Theta, int Steps, string Message, bool Converged) Newton(Func<double[], double> f, double[] theta)
    {
        double value = f(theta);
        for (int step = 0; step < MaxNewtonSteps; step++)
        {
            double[] g = NumericDerivatives.Gradient(f, theta);
            var h = Matrix<double>.Build.DenseOfArray(NumericDerivatives.Hessian(f, theta));
            Vector<double> direction;
            try
            {
                direction = -h.Cholesky().Solve(Vector<double>.Build.Dense(g));
            }
            catch (ArgumentException)
            {
                return (theta, step, "the Hessian is not positive definite; kept the Nelder-Mead optimum", true);
            }

            if (StepHalving.Step(f, theta, value, direction) is not ({ } next, double nextValue))
            {
                return (theta, step, "no Newton step lowers the criterion", true);
            }

            double size = StepHalving.RelativeSize(next, theta);
            theta = next;
            value = nextValue;
            if (size < 1e-12)
            {
                return (theta, step + 1, "relative Newton step below 1e-12", true);
            }
        }

        return (theta, MaxNewtonSteps, string.Create(CultureInfo.InvariantCulture, $"{MaxNewtonSteps} Newton steps without the step falling below 1e-12"), false);
    }

    /// <summary>Flips columns of Λ with a negative diagonal (Λ Λᵀ is unchanged): lme4's bound θ_diag ≥ 0.</summary>
    private static double[] Normalise(double[] theta, RelativeCovarianceFactor factor)
    {
        var result = (double[])theta.Clone();
        int k = 0;
        for (int col = 0; col < factor.Q; col++)
        {
            bool flip = result[k] < 0;
            for (int row = 0; row < factor.ColumnLength(col); row++, k++)
            {
                result[k] = flip ? -result[k] : result[k];
            }
        }

        return result;
    }

    private static double[] SnapToBoundary(Func<double[], double> f, double[] theta, RelativeCovarianceFactor factor)
    {
        double value = f(theta);
        int k = 0;
        for (int col = 0; col < factor.Q; col++)
        {
            if (theta[k] is > 0 and < LinearMixedModel.SingularTolerance)
            {
                var snapped = (double[])theta.Clone();
                snapped[k] = 0;
                if (f(snapped) <= value + 1e-10)
                {
                    theta = snapped;
                }
            }

            k += factor.ColumnLength(col);
        }

        return theta;
    }
}
