using System;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Derivatives by central differences with Richardson extrapolation, step for step as R's
/// numDeriv package (Gilbert &amp; Varadhan, numDeriv 2016.8-1; method "Richardson", r = 4,
/// v = 2), which lmerTest uses for the Satterthwaite approximation. Matching numDeriv's steps,
/// not only the limit, makes our degrees of freedom agree with lmerTest's to ~1e-9 rather than
/// to the ~1e-7 truncation error both share.
/// </summary>
internal static class NumericDerivatives
{
    private const int Terms = 4;
    private const double ZeroTolerance = 1.7815638079233202e-05; // sqrt(.Machine$double.eps / 7e-7)
    private const double ZeroStep = 1e-4;

    /// <summary>numDeriv::hessian (genD with d = 0.1) of a scalar function.</summary>
    public static double[,] Hessian(Func<double[], double> f, double[] x)
    {
        int n = x.Length;
        double[] h0 = Steps(x, 0.1);
        double f0 = f(x);
        var diag = new double[n];
        var approx = new double[Terms];
        for (int i = 0; i < n; i++)
        {
            double h = h0[i];
            for (int k = 0; k < Terms; k++)
            {
                double f1 = f(Shift(x, i, h, -1, 0));
                double f2 = f(Shift(x, i, -h, -1, 0));
                approx[k] = (f1 - (2 * f0) + f2) / (h * h);
                h /= 2;
            }

            diag[i] = Extrapolate(approx);
        }

        var hessian = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            hessian[i, i] = diag[i];
            for (int j = 0; j < i; j++)
            {
                double hi = h0[i], hj = h0[j];
                for (int k = 0; k < Terms; k++)
                {
                    double f1 = f(Shift(x, i, hi, j, hj));
                    double f2 = f(Shift(x, i, -hi, j, -hj));
                    approx[k] = (f1 - (2 * f0) + f2 - (diag[i] * hi * hi) - (diag[j] * hj * hj)) / (2 * hi * hj);
                    hi /= 2;
                    hj /= 2;
                }

                hessian[i, j] = hessian[j, i] = Extrapolate(approx);
            }
        }

        return hessian;
    }

    /// <summary>numDeriv::jacobian (d = 1e-4) of a vector function: result[i] is ∂f/∂xᵢ.</summary>
    public static double[][] Jacobian(Func<double[], double[]> f, double[] x)
    {
        int n = x.Length;
        double[] h0 = Steps(x, 1e-4);
        var result = new double[n][];
        for (int i = 0; i < n; i++)
        {
            double h = h0[i];
            double[][] approx = new double[Terms][];
            for (int k = 0; k < Terms; k++)
            {
                double[] f1 = f(Shift(x, i, h, -1, 0));
                double[] f2 = f(Shift(x, i, -h, -1, 0));
                approx[k] = new double[f1.Length];
                for (int e = 0; e < f1.Length; e++)
                {
                    approx[k][e] = (f1[e] - f2[e]) / (2 * h0[i] / Math.Pow(2, k));
                }

                h /= 2;
            }

            var column = new double[approx[0].Length];
            var scalar = new double[Terms];
            for (int e = 0; e < column.Length; e++)
            {
                for (int k = 0; k < Terms; k++)
                {
                    scalar[k] = approx[k][e];
                }

                column[e] = Extrapolate(scalar);
            }

            result[i] = column;
        }

        return result;
    }

    /// <summary>
    /// A gradient for the optimiser: Richardson-extrapolated central differences with steps
    /// 1e-3·max(1, |xᵢ|), large enough that rounding in f (~1e-12 relative) stays below 1e-9.
    /// </summary>
    public static double[] Gradient(Func<double[], double> f, double[] x)
    {
        var g = new double[x.Length];
        var approx = new double[Terms];
        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-3 * Math.Max(1, Math.Abs(x[i]));
            for (int k = 0; k < Terms; k++)
            {
                approx[k] = (f(Shift(x, i, h, -1, 0)) - f(Shift(x, i, -h, -1, 0))) / (2 * h);
                h /= 2;
            }

            g[i] = Extrapolate(approx);
        }

        return g;
    }

    private static double[] Steps(double[] x, double d)
    {
        var h = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            h[i] = Math.Abs(d * x[i]) + (Math.Abs(x[i]) < ZeroTolerance ? ZeroStep : 0);
        }

        return h;
    }

    private static double[] Shift(double[] x, int i, double hi, int j, double hj)
    {
        var y = (double[])x.Clone();
        y[i] += hi;
        if (j >= 0)
        {
            y[j] += hj;
        }

        return y;
    }

    /// <summary>Richardson's triangle as numDeriv builds it; approximations in order of halving steps. Overwrites its input.</summary>
    private static double Extrapolate(double[] a)
    {
        for (int m = 1; m < Terms; m++)
        {
            double w = Math.Pow(4, m);
            for (int k = 0; k < Terms - m; k++)
            {
                a[k] = ((a[k + 1] * w) - a[k]) / (w - 1);
            }
        }

        return a[0];
    }
}
