using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A variable of the analysed subjects, evaluated once into a column aligned with the cohort's
/// group codes. Missing values are NaN (numbers) or -1 (codes).
/// </summary>
public abstract class Variable
{
    private protected Variable(Cohort cohort, string name, string label, string? unit)
    {
        Cohort = cohort;
        Name = name;
        Label = label;
        Unit = unit;
    }

    public string Name { get; }

    public string Label { get; }

    public string? Unit { get; }

    /// <summary>The cohort the values are aligned with.</summary>
    public Cohort Cohort { get; }

    /// <summary>The variable kind as written in results: continuous, binary, categorical, count, time_to_event, repeated.</summary>
    public abstract string KindName { get; }

    /// <summary>
    /// Rows whose value was a number but not a finite one (NaN or an infinity from a derive); they are
    /// missing in the column, and each analysis of the variable warns with their count (PL5050).
    /// </summary>
    public int NotFiniteCount => NotFiniteRowArray.Length;

    /// <summary>
    /// The rows (positions in this variable's columns, ascending; a repeated variable lists a row once per non-finite
    /// value or time) whose number was not finite: a scoped analysis counts those of its own subjects (PL5050).
    /// </summary>
    internal int[] NotFiniteRowArray { get; init; } = [];

    /// <summary>
    /// For a variable of an <see cref="EngineCohort"/>: its value as the engine computes it (a number, a bool, or a category's
    /// level name); the variable then holds no values. Null in memory.
    /// </summary>
    internal Sql.SqlExpr? EngineValue { get; init; }
}

/// <summary>A continuous variable, summarised by median or mean.</summary>
public sealed class ContinuousVariable : Variable
{
    internal ContinuousVariable(Cohort cohort, string name, string label, string? unit, Summary summary, double[] values)
        : base(cohort, name, label, unit)
    {
        Summary = summary;
        ValueArray = values;
    }

    public Summary Summary { get; }

    /// <summary>One value per analysed subject; NaN = missing.</summary>
    public ReadOnlySpan<double> Values => ValueArray;

    public override string KindName => "continuous";

    internal double[] ValueArray { get; }
}

/// <summary>A yes/no variable.</summary>
public sealed class BinaryVariable : Variable
{
    internal BinaryVariable(Cohort cohort, string name, string label, int[] codes)
        : base(cohort, name, label, null)
    {
        CodeArray = codes;
    }

    /// <summary>One code per analysed subject: 1 = true, 0 = false, -1 = missing.</summary>
    public ReadOnlySpan<int> Codes => CodeArray;

    public override string KindName => "binary";

    internal int[] CodeArray { get; }
}

/// <summary>A variable with named levels.</summary>
public sealed class CategoricalVariable : Variable
{
    internal CategoricalVariable(Cohort cohort, string name, string label, IReadOnlyList<string> levels, IReadOnlyList<string> levelLabels, int[] codes)
        : base(cohort, name, label, null)
    {
        Levels = levels;
        LevelLabels = levelLabels;
        CodeArray = codes;
    }

    /// <summary>The levels as the data holds them (<c>1</c>, <c>F</c>, <c>Lev+5FU</c>), in declaration order; results keep these codes.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>
    /// What a reader sees for each level (<c>category(1 "Male", 2 "Female")</c> shows "Male", "Female"): same length and order
    /// as <see cref="Levels"/>; a level declared without a label is its own label.
    /// </summary>
    public IReadOnlyList<string> LevelLabels { get; }

    /// <summary>The label of level <paramref name="index"/> (an index into <see cref="Levels"/>).</summary>
    public string LevelLabel(int index) => LevelLabels[index];

    /// <summary>One level index per analysed subject; -1 = missing.</summary>
    public ReadOnlySpan<int> Codes => CodeArray;

    public override string KindName => "categorical";

    internal int[] CodeArray { get; }
}

/// <summary>A count variable (non-negative whole numbers), summarised like a continuous one.</summary>
public sealed class CountVariable : Variable
{
    internal CountVariable(Cohort cohort, string name, string label, double[] values)
        : base(cohort, name, label, null)
    {
        ValueArray = values;
    }

    public ReadOnlySpan<double> Values => ValueArray;

    public override string KindName => "count";

    internal double[] ValueArray { get; }
}

/// <summary>A time to an event, with its event indicator.</summary>
public sealed class TimeToEventVariable : Variable
{
    internal TimeToEventVariable(Cohort cohort, string name, string label, string? unit, double? horizon, double[] times, int[] events)
        : base(cohort, name, label, unit)
    {
        Horizon = horizon;
        TimeArray = times;
        EventArray = events;
    }

    /// <summary>Administrative censoring time, if declared (<c>horizon 36</c>); <see cref="Times"/> and <see cref="Events"/> are already censored at it.</summary>
    public double? Horizon { get; }

    /// <summary>One time per analysed subject; NaN = missing.</summary>
    public ReadOnlySpan<double> Times => TimeArray;

    /// <summary>1 = event, 0 = censored, -1 = missing.</summary>
    public ReadOnlySpan<int> Events => EventArray;

    public override string KindName => "time_to_event";

    internal double[] TimeArray { get; }

    internal int[] EventArray { get; }

    /// <summary>For an <see cref="EngineCohort"/>: the time, event and horizon as the engine computes them (no values are held here).</summary>
    internal Sql.SqlOutcome? EngineOutcome { get; init; }
}

/// <summary>A repeated measurement over time, one value per kept child row.</summary>
public sealed class RepeatedVariable : Variable
{
    internal RepeatedVariable(Cohort cohort, string table, string name, string label, string? unit, string timeName, double[] values, double[] times, int[] subjectIndex)
        : base(cohort, name, label, unit)
    {
        Table = table;
        TimeName = timeName;
        ValueArray = values;
        TimeArray = times;
        SubjectIndexArray = subjectIndex;
    }

    /// <summary>The child table the measurements come from.</summary>
    public string Table { get; }

    public string TimeName { get; }

    public ReadOnlySpan<double> Values => ValueArray;

    public ReadOnlySpan<double> Times => TimeArray;

    /// <summary>For each measurement, the index of its subject in the cohort.</summary>
    public ReadOnlySpan<int> SubjectIndex => SubjectIndexArray;

    /// <summary>The <c>.study</c> text of the child-row subset (<c>where month > 0</c>); null = every kept child row.</summary>
    public string? WhereText { get; internal init; }

    /// <summary>Kept child rows left out of this variable because its <c>where</c> was not true (false or missing).</summary>
    public int LeftOutByWhere { get; internal init; }

    /// <summary>Under <c>compute in engine</c>: the time per child row as the engine computes it (the value is <see cref="Variable.EngineValue"/>); null in memory.</summary>
    internal Sql.SqlExpr? EngineTime { get; init; }

    /// <summary>The child table's source (its <c>from</c> path); empty when not known.</summary>
    internal string Source { get; init; } = "";

    /// <summary>For each measurement, its 1-based data row in <see cref="Source"/>; empty when not known.</summary>
    internal int[] SourceRowArray { get; init; } = [];

    /// <summary>For each row counted in <see cref="LeftOutByWhere"/>, the index of its subject in the cohort (-1: none), so a scope can count its own subjects' rows.</summary>
    internal int[] LeftOutByWhereSubjectArray { get; init; } = [];

    public override string KindName => "repeated";

    internal double[] ValueArray { get; }

    internal double[] TimeArray { get; }

    internal int[] SubjectIndexArray { get; }
}
