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

        int q = deviance.Q;
        double[] start = new double[deviance.ThetaCount];
        for (int col = 0, k = 0; col < q; col++)
        {
            for (int row = col; row < q; row++, k++)
            {
                start[k] = row == col ? 1 : 0;
            }
        }

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
        theta = Normalise(theta, q);
        theta = SnapToBoundary(F, theta, q);
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

    /// <summary>Flips columns of Λ with a negative diagonal (Λ Λᵀ is unchanged).</summary>
    private static double[] Normalise(double[] theta, int q)
    {
        var result = (double[])theta.Clone();
        int k = 0;
        for (int col = 0; col < q; col++)
        {
            bool flip = result[k] < 0;
            for (int row = col; row < q; row++, k++)
            {
                result[k] = flip ? -result[k] : result[k];
            }
        }

        return result;
    }

    private static double[] SnapToBoundary(Func<double[], double> f, double[] theta, int q)
    {
        double value = f(theta);
        int k = 0;
        for (int col = 0; col < q; col++)
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

            k += q - col;
        }

        return theta;
    }
}
