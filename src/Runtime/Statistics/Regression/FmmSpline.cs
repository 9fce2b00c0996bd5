using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>
/// The interpolating cubic spline of Forsythe, Malcolm &amp; Moler (1977, Computer Methods for
/// Mathematical Computations, section 4.4): natural in its interior equations, with end conditions
/// that match the third derivative of the cubics through the first four and last four points. It is
/// R's <c>spline(method = "fmm")</c>, the default, which MASS's profile confidence intervals use.
/// </summary>
internal sealed class FmmSpline
{
    private readonly double[] x, y, b, c, d;

    /// <param name="x">Strictly increasing knots.</param>
    /// <param name="y">Values at the knots.</param>
    public FmmSpline(double[] x, double[] y)
    {
        this.x = x;
        this.y = y;
        int n = x.Length;
        b = new double[n];
        c = new double[n];
        d = new double[n];
        if (n < 2)
        {
            return;
        }

        if (n < 3)
        {
            b[0] = b[1] = (y[1] - y[0]) / (x[1] - x[0]);
            return;
        }

        int last = n - 1;
        // Tridiagonal system for σ = s''/6: d holds the interval widths, b the diagonal, c the right side.
        d[0] = x[1] - x[0];
        c[1] = (y[1] - y[0]) / d[0];
        for (int i = 1; i < last; i++)
        {
            d[i] = x[i + 1] - x[i];
            b[i] = 2 * (d[i - 1] + d[i]);
            c[i + 1] = (y[i + 1] - y[i]) / d[i];
            c[i] = c[i + 1] - c[i];
        }

        // End conditions from the third divided differences at both ends.
        b[0] = -d[0];
        b[last] = -d[n - 2];
        c[0] = c[last] = 0;
        if (n > 3)
        {
            c[0] = (c[2] / (x[3] - x[1])) - (c[1] / (x[2] - x[0]));
            c[last] = (c[n - 2] / (x[last] - x[n - 3])) - (c[n - 3] / (x[n - 2] - x[n - 4]));
            c[0] = c[0] * d[0] * d[0] / (x[3] - x[0]);
            c[last] = -c[last] * d[n - 2] * d[n - 2] / (x[last] - x[n - 4]);
        }

        for (int i = 1; i <= last; i++)
        {
            double t = d[i - 1] / b[i - 1];
            b[i] -= t * d[i - 1];
            c[i] -= t * c[i - 1];
        }

        c[last] /= b[last];
        for (int i = n - 2; i >= 0; i--)
        {
            c[i] = (c[i] - (d[i] * c[i + 1])) / b[i];
        }

        // Polynomial coefficients on each interval: s(u) = y_i + b_i h + c_i h² + d_i h³, h = u − x_i.
        b[last] = ((y[last] - y[n - 2]) / d[n - 2]) + (d[n - 2] * (c[n - 2] + (2 * c[last])));
        for (int i = 0; i < last; i++)
        {
            b[i] = ((y[i + 1] - y[i]) / d[i]) - (d[i] * (c[i + 1] + (2 * c[i])));
            d[i] = (c[i + 1] - c[i]) / d[i];
            c[i] *= 3;
        }

        c[last] *= 3;
        d[last] = d[n - 2];
    }

    public double Evaluate(double u)
    {
        int n = x.Length;
        int i = Array.BinarySearch(x, u);
        if (i < 0)
        {
            i = Math.Max(0, (~i) - 1);
        }

        i = Math.Min(i, n - 1);
        double h = u - x[i];
        return y[i] + (h * (b[i] + (h * (c[i] + (h * d[i])))));
    }

    /// <summary>
    /// R's <c>spline(x, y)</c>: sorts the points by x (averaging y over tied x), fits the spline and
    /// evaluates it at 3n equally spaced points from min(x) to max(x).
    /// </summary>
    public static (double[] X, double[] Y) Interpolate(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        (double[] sx, double[] sy) = Regularize(xs, ys);
        int count = 3 * xs.Count;
        var spline = new FmmSpline(sx, sy);
        var outX = new double[count];
        var outY = new double[count];
        double from = sx[0], to = sx[^1];
        double by = count > 1 ? (to - from) / (count - 1) : 0;
        for (int k = 0; k < count; k++)
        {
            outX[k] = k == count - 1 ? to : from + (k * by);
            outY[k] = spline.Evaluate(outX[k]);
        }

        return (outX, outY);
    }

    /// <summary>
    /// R's <c>approx(x, y, xout)$y</c> with its defaults: linear interpolation after sorting by x and
    /// averaging y over tied x; NaN outside the range of x (rule = 1).
    /// </summary>
    public static double Approx(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double at)
    {
        (double[] sx, double[] sy) = Regularize(xs, ys);
        if (sx.Length == 0 || double.IsNaN(at) || at < sx[0] || at > sx[^1])
        {
            return double.NaN;
        }

        if (sx.Length == 1)
        {
            return sy[0];
        }

        int i = Array.BinarySearch(sx, at);
        if (i >= 0)
        {
            return sy[i];
        }

        int hi = ~i, lo = hi - 1;
        return sy[lo] + ((sy[hi] - sy[lo]) * (at - sx[lo]) / (sx[hi] - sx[lo]));
    }

    private static (double[] X, double[] Y) Regularize(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var order = new int[xs.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = new double[xs.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = xs[i];
        }

        // A stable sort by x (R's order()); NaN points are dropped, as R's na.rm does.
        Array.Sort(order, (a, b2) => keys[a] != keys[b2] ? keys[a].CompareTo(keys[b2]) : a.CompareTo(b2));
        var outX = new List<double>(xs.Count);
        var outY = new List<double>(xs.Count);
        int k = 0;
        while (k < order.Length)
        {
            double value = xs[order[k]];
            if (double.IsNaN(value) || double.IsNaN(ys[order[k]]))
            {
                k++;
                continue;
            }

            double sum = 0;
            int count = 0;
            while (k < order.Length && xs[order[k]] == value)
            {
                sum += ys[order[k]];
                count++;
                k++;
            }

            outX.Add(value);
            outY.Add(sum / count);
        }

        return (outX.ToArray(), outY.ToArray());
    }
}
