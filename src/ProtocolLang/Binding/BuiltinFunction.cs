using System.Collections.Immutable;
using System.Linq;

namespace ProtocolLang.Binding;

public enum BuiltinFunction
{
    Log,
    Exp,
    Sqrt,
    Abs,
    Round,
    Min,
    Max,
    DaysBetween,
    YearsBetween,
}

/// <summary>The functions of the expression language: name, arity and parameter types. All return a number.</summary>
public sealed record BuiltinFunctionInfo(BuiltinFunction Function, string Name, int MinArity, ImmutableArray<BoundType> Parameters)
{
    public int MaxArity => Parameters.Length;

    public static ImmutableArray<BuiltinFunctionInfo> All { get; } =
    [
        Numeric(BuiltinFunction.Log, "log", 1),
        Numeric(BuiltinFunction.Exp, "exp", 1),
        Numeric(BuiltinFunction.Sqrt, "sqrt", 1),
        Numeric(BuiltinFunction.Abs, "abs", 1),
        new(BuiltinFunction.Round, "round", 1, [BoundType.Number, BoundType.Number]),
        Numeric(BuiltinFunction.Min, "min", 2),
        Numeric(BuiltinFunction.Max, "max", 2),
        new(BuiltinFunction.DaysBetween, "days_between", 2, [BoundType.Date, BoundType.Date]),
        new(BuiltinFunction.YearsBetween, "years_between", 2, [BoundType.Date, BoundType.Date]),
    ];

    public static BuiltinFunctionInfo? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, System.StringComparison.Ordinal));

    public static BuiltinFunctionInfo Get(BuiltinFunction function) => All.First(f => f.Function == function);

    private static BuiltinFunctionInfo Numeric(BuiltinFunction function, string name, int arity) =>
        new(function, name, arity, Enumerable.Repeat(BoundType.Number, arity).ToImmutableArray());
}
