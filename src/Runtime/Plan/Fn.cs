using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Missing-aware helpers for <c>.study</c> expressions: null is a missing value. Logic is
/// three-valued (SQL/R <c>NA</c> semantics: <c>false and NA</c> is false, <c>true or NA</c> is true);
/// comparisons and functions return null when an operand is missing.
/// </summary>
/// <remarks>
/// A result that is undefined — division by zero (C#'s <c>/</c> gives an infinity or NaN), log of 0
/// or a negative number, square root of a negative number, overflow — is carried as a non-finite
/// double, which every helper here treats as missing (comparisons and <see cref="IsMissing"/> give
/// what they give for null). When a variable is built for an analysis, such a value becomes missing
/// and is counted, so the analysis warns how many rows it lost (PL5050) rather than letting -Inf or
/// NaN poison means and models. R gives <c>Inf</c>/<c>NaN</c> with a warning for these; we give NA.
/// </remarks>
public static class Fn
{
    public static bool? And(bool? a, bool? b) =>
        a == false || b == false ? false : a is null || b is null ? null : true;

    public static bool? Or(bool? a, bool? b) =>
        a == true || b == true ? true : a is null || b is null ? null : false;

    public static bool? Not(bool? a) => a is null ? null : !a.Value;

    public static bool? Eq<T>(T? a, T? b)
        where T : struct =>
        Missing(a) || Missing(b) ? null : EqualityComparer<T>.Default.Equals(a.GetValueOrDefault(), b.GetValueOrDefault());

    public static bool? Eq(string? a, string? b) =>
        a is null || b is null ? null : string.Equals(a, b, StringComparison.Ordinal);

    public static bool? Ne<T>(T? a, T? b)
        where T : struct => Not(Eq(a, b));

    public static bool? Ne(string? a, string? b) => Not(Eq(a, b));

    public static bool? Lt(double? a, double? b) => Missing(a) || Missing(b) ? null : a.GetValueOrDefault() < b.GetValueOrDefault();

    public static bool? Le(double? a, double? b) => Missing(a) || Missing(b) ? null : a.GetValueOrDefault() <= b.GetValueOrDefault();

    public static bool? Gt(double? a, double? b) => Missing(a) || Missing(b) ? null : a.GetValueOrDefault() > b.GetValueOrDefault();

    public static bool? Ge(double? a, double? b) => Missing(a) || Missing(b) ? null : a.GetValueOrDefault() >= b.GetValueOrDefault();

    public static bool? Lt(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a.Value < b.Value;

    public static bool? Le(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a.Value <= b.Value;

    public static bool? Gt(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a.Value > b.Value;

    public static bool? Ge(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a.Value >= b.Value;

    public static bool? In<T>(T? a, params T[] values)
        where T : struct =>
        Missing(a) ? null : Array.IndexOf(values, a.GetValueOrDefault()) >= 0;

    public static bool? In(string? a, params string[] values) =>
        a is null ? null : Array.Exists(values, v => string.Equals(v, a, StringComparison.Ordinal));

    /// <summary>True for null and for a non-finite number (an undefined result such as <c>x / 0</c>): the language's <c>is missing</c>.</summary>
    public static bool IsMissing(double? x) => x is not { } v || !double.IsFinite(v);

    /// <summary>Natural logarithm; undefined (NaN, so missing and counted) for x &lt;= 0.</summary>
    public static double? Log(double? x) => x is null ? null : x.Value > 0 ? Math.Log(x.Value) : double.NaN;

    public static double? Exp(double? x) => x is null ? null : Math.Exp(x.Value);

    /// <summary>Square root; undefined (NaN, so missing and counted) for x &lt; 0.</summary>
    public static double? Sqrt(double? x) => x is null ? null : x.Value >= 0 ? Math.Sqrt(x.Value) : double.NaN;

    public static double? Abs(double? x) => x is null ? null : Math.Abs(x.Value);

    /// <summary>
    /// Rounds to <paramref name="digits"/> decimal places (negative: to tens, hundreds...), halves to
    /// even as R's <c>round()</c> (IEC 60559).
    /// </summary>
    public static double? Round(double? x, double? digits)
    {
        if (x is null || digits is null)
        {
            return null;
        }

        int d = (int)Math.Round(digits.Value, MidpointRounding.ToEven);
        if (d is >= 0 and <= 15)
        {
            return Math.Round(x.Value, d, MidpointRounding.ToEven);
        }

        double scale = Math.Pow(10, d);
        return Math.Round(x.Value * scale, MidpointRounding.ToEven) / scale;
    }

    /// <summary>The smaller value; missing if either is missing (R's <c>min(a, b)</c>).</summary>
    public static double? Min(double? a, double? b) => a is null || b is null ? null : Math.Min(a.Value, b.Value);

    /// <summary>The larger value; missing if either is missing (R's <c>max(a, b)</c>).</summary>
    public static double? Max(double? a, double? b) => a is null || b is null ? null : Math.Max(a.Value, b.Value);

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/> (negative if <paramref name="to"/> is earlier).</summary>
    public static double? DaysBetween(DateOnly? from, DateOnly? to) =>
        from is null || to is null ? null : to.Value.DayNumber - from.Value.DayNumber;

    /// <summary>Years from <paramref name="from"/> to <paramref name="to"/>, as days / 365.25.</summary>
    public static double? YearsBetween(DateOnly? from, DateOnly? to) => DaysBetween(from, to) / 365.25;

    /// <summary>Null, or a double that is not finite (generic so it serves <see cref="Eq{T}"/> and <see cref="In{T}"/>).</summary>
    private static bool Missing<T>(T? a)
        where T : struct =>
        a is null || (a.Value is double d && !double.IsFinite(d));

    public static T? If<T>(bool? condition, T? whenTrue, T? whenFalse)
        where T : struct =>
        condition is null ? null : condition.Value ? whenTrue : whenFalse;

    public static string? If(bool? condition, string? whenTrue, string? whenFalse) =>
        condition is null ? null : condition.Value ? whenTrue : whenFalse;
}
