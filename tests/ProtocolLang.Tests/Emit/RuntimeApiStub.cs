// A stand-in for the parts of the runtime API of docs/design/generated-code.md that are not on main yet
// (ProtocolLang.Runtime.Plan and StudyResults), compiled as source (not into the test assembly) together
// with emitted code and the real ProtocolLang.Runtime assembly (Data, Statistics.AdjustMethod).
// Signatures follow the contract; bodies are minimal. Delete each part when the real one lands.
#nullable enable
using System;
using System.Collections.Generic;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime
{
    public sealed class StudyResults
    {
    }
}

namespace ProtocolLang.Runtime.Plan
{
    public sealed class StudyRunOptions
    {
        public required string StudyDirectory { get; init; }
        public string? OutputDirectory { get; init; }
        public IReadOnlyList<ReportFormat>? Formats { get; init; }
    }

    public enum ReportFormat { Markdown, Html, Json }

    public enum CriterionKind { Include, Exclude }

    public static class Fn
    {
        public static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;
        public static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;
        public static bool? Not(bool? a) => !a;
        public static bool? Eq<T>(T? a, T? b) where T : struct => a is null || b is null ? null : EqualityComparer<T>.Default.Equals(a.Value, b.Value);
        public static bool? Eq(string? a, string? b) => a is null || b is null ? null : string.Equals(a, b, StringComparison.Ordinal);
        public static bool? Ne<T>(T? a, T? b) where T : struct => Not(Eq(a, b));
        public static bool? Ne(string? a, string? b) => Not(Eq(a, b));
        public static bool? Lt(double? a, double? b) => a < b;
        public static bool? Le(double? a, double? b) => a <= b;
        public static bool? Gt(double? a, double? b) => a > b;
        public static bool? Ge(double? a, double? b) => a >= b;
        public static bool? Lt(DateOnly? a, DateOnly? b) => a < b;
        public static bool? Le(DateOnly? a, DateOnly? b) => a <= b;
        public static bool? Gt(DateOnly? a, DateOnly? b) => a > b;
        public static bool? Ge(DateOnly? a, DateOnly? b) => a >= b;
        public static bool? In<T>(T? a, params T[] values) where T : struct => a is null ? null : Array.IndexOf(values, a.Value) >= 0;
        public static bool? In(string? a, params string[] values) => a is null ? null : Array.IndexOf(values, a) >= 0;
        public static double? Log(double? x) => x is null ? null : Math.Log(x.Value);
        public static double? Exp(double? x) => x is null ? null : Math.Exp(x.Value);
        public static double? Sqrt(double? x) => x is null ? null : Math.Sqrt(x.Value);
        public static double? Abs(double? x) => x is null ? null : Math.Abs(x.Value);
        public static double? Round(double? x, double? digits) => x is null || digits is null ? null : Math.Round(x.Value, (int)digits.Value);
        public static double? Min(double? a, double? b) => a is null || b is null ? null : Math.Min(a.Value, b.Value);
        public static double? Max(double? a, double? b) => a is null || b is null ? null : Math.Max(a.Value, b.Value);
        public static double? DaysBetween(DateOnly? from, DateOnly? to) => from is null || to is null ? null : to.Value.DayNumber - from.Value.DayNumber;
        public static double? YearsBetween(DateOnly? from, DateOnly? to) => DaysBetween(from, to) / 365.25;
        public static T? If<T>(bool? condition, T? whenTrue, T? whenFalse) where T : struct => condition is null ? null : condition.Value ? whenTrue : whenFalse;
        public static string? If(bool? condition, string? whenTrue, string? whenFalse) => condition is null ? null : condition.Value ? whenTrue : whenFalse;
    }

    public sealed record Criterion<TRow>(CriterionKind Kind, string Label, Func<TRow, bool?> Predicate);

    public sealed record GroupDefinition<TRow>(string Name, string Label, Func<TRow, bool?> Predicate);

    public sealed class Cohort<TRow>
    {
    }

    public sealed class ChildRows<TChild>
    {
    }

    public sealed class StudyRun
    {
        public StudyRun(StudySchema schema, StudyRunOptions options, IReadOnlyList<ReportFormat> declaredFormats, string declaredOutput) { }
        public DataTable Table(string name) => throw new NotSupportedException();
        public Cohort<TRow> Cohort<TRow>(IReadOnlyList<TRow> subjects, Func<TRow, string> key, Func<TRow, int> sourceRow,
            IReadOnlyList<Criterion<TRow>> criteria, IReadOnlyList<GroupDefinition<TRow>> groups) => new();
        public ChildRows<TChild> Children<TChild, TRow>(string table, IReadOnlyList<TChild> rows, Func<TChild, string> key, Cohort<TRow> cohort) => new();
        public void Describe(string source, params Variable[] variables) { }
        public void Compare(string source, IReadOnlyList<Variable> variables, Pairing pairing, TestKind test, AdjustMethod adjust) { }
        public void MixedModel(string source, MixedModelSpec spec) { }
        public void KaplanMeier(string source, TimeToEventVariable outcome, IReadOnlyList<double> times) { }
        public void LogRank(string source, TimeToEventVariable outcome, double rho, Variable? strata) { }
        public void Cox(string source, CoxSpec spec) { }
        public StudyResults Complete() => new();
    }

    public abstract class Variable
    {
        public string Name { get; init; } = "";
        public string Label { get; init; } = "";
        public string? Unit { get; init; }
    }

    public sealed class ContinuousVariable : Variable { }
    public sealed class BinaryVariable : Variable { }
    public sealed class CategoricalVariable : Variable { }
    public sealed class CountVariable : Variable { }
    public sealed class TimeToEventVariable : Variable { }
    public sealed class RepeatedVariable : Variable { }

    public enum Summary { Median, Mean }

    public static class Variables
    {
        public static ContinuousVariable Continuous<TRow>(Cohort<TRow> c, string name, string label, string? unit, Summary summary, Func<TRow, double?> value) => new();
        public static BinaryVariable Binary<TRow>(Cohort<TRow> c, string name, string label, Func<TRow, bool?> value) => new();
        public static CategoricalVariable Categorical<TRow>(Cohort<TRow> c, string name, string label, IReadOnlyList<string> levels, Func<TRow, int?> levelIndex) => new();
        public static CountVariable Count<TRow>(Cohort<TRow> c, string name, string label, Func<TRow, double?> value) => new();
        public static TimeToEventVariable TimeToEvent<TRow>(Cohort<TRow> c, string name, string label, string? unit, double? horizon, Func<TRow, double?> time, Func<TRow, bool?> @event) => new();
        public static RepeatedVariable Repeated<TChild>(ChildRows<TChild> rows, string name, string label, string? unit, string timeName, Func<TChild, double?> value, Func<TChild, double?> time) => new();
    }

    public abstract record Pairing
    {
        public sealed record VsReference(string Reference, IReadOnlyList<string> Others) : Pairing;
        public sealed record AllPairs : Pairing;
        public sealed record AcrossGroups : Pairing;
        public sealed record TwoGroups(string First, string Second) : Pairing;
    }

    public enum TestKind { MannWhitney, TTest, Welch, Fisher, ChiSquare, KruskalWallis, Anova }

    public enum ResponseTransform { None, Log }

    public enum TermFactorKind { Group, Time, TimeAsFactor, Covariate }

    public sealed record MixedModelSpec(RepeatedVariable Response, ResponseTransform Transform, IReadOnlyList<ModelTerm> FixedTerms,
        IReadOnlyList<RandomEffect> RandomEffects, IReadOnlyList<string>? GroupsIncluded, bool Reml);

    public sealed record ModelTerm(IReadOnlyList<TermFactor> Factors);

    public sealed record TermFactor(string Name, TermFactorKind Kind);

    public sealed record RandomEffect(string Grouping, bool Intercept, string? Slope);

    public sealed record CoxSpec(TimeToEventVariable Outcome, IReadOnlyList<CoxTerm> Terms, TiesMethod Ties, IReadOnlyList<Variable> Strata);

    public sealed record CoxTerm(Variable? Covariate, string? ReferenceLevel);

    public enum TiesMethod { Efron, Breslow }
}
