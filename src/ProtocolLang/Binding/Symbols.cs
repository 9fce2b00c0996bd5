using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>A declared table. <see cref="BoundStudy.Tables"/>[0] is the subject table.</summary>
/// <param name="Derived">Per-row derived variables; for the subject table also the study-level derives.</param>
public sealed record TableSymbol(
    string Name,
    string Source,
    string? Key,
    string? Parent,
    string? LinkColumn,
    ImmutableArray<ColumnSymbol> Columns,
    ImmutableArray<DeriveSymbol> Derived,
    TextSpan Span)
{
    public bool IsChild => Parent is not null;

    /// <summary><c>on_invalid exclude</c> (the table's or the study's): invalid rows are excluded and counted instead of failing the run.</summary>
    public bool ExcludeInvalidRows { get; init; }

    /// <summary>What <see cref="Source"/> is (<c>from parquet "..."</c>, <c>from duckdb "..." table "..."</c>,
    /// <c>from postgres "CONNECTION" table "..."</c>, where <see cref="Source"/> is the connection's name); CSV by default.</summary>
    public TableSourceKind SourceKind { get; init; }

    /// <summary>For a DuckDB or PostgreSQL source: the table in the database (<c>name</c> or <c>schema.name</c>).</summary>
    public string? SourceTable { get; init; }
}

/// <summary>Where a table's rows live; the runtime's <c>DataSourceKind</c> has the same members.</summary>
public enum TableSourceKind
{
    Csv,
    Parquet,
    DuckDb,

    /// <summary>A table of a PostgreSQL server; the source is a connection name, resolved at run time.</summary>
    Postgres,

    /// <summary>A table of a ClickHouse server (over HTTP); the source is a connection name, resolved at run time.</summary>
    ClickHouse,
}

/// <summary>A declared column. <see cref="Min"/>/<see cref="Max"/> are inclusive.</summary>
public sealed record ColumnSymbol(
    string Table,
    string Name,
    BoundType Type,
    string? Unit,
    double? Min,
    double? Max,
    bool Optional,
    string? Label,
    TextSpan Span);

/// <summary>A derived variable: in a table (per row) or at study level (<see cref="IsStudyLevel"/>, per subject).</summary>
public sealed record DeriveSymbol(
    string Table,
    string Name,
    BoundExpression Expression,
    string? Label,
    bool IsStudyLevel,
    TextSpan Span)
{
    public BoundType Type => Expression.Type;
}

public enum CriterionKind
{
    Include,
    Exclude,
}

public sealed record BoundCriterion(CriterionKind Kind, string Label, BoundExpression Predicate, TextSpan Span);

public sealed record GroupSymbol(string Name, string Label, BoundExpression Predicate, TextSpan Span);

public enum OutcomeKind
{
    Continuous,
    Binary,
    Categorical,
    Count,
    TimeToEvent,
    Repeated,
}

public enum SummaryKind
{
    Median,
    Mean,
    GeometricMean,
}

/// <summary>
/// A declared outcome. Which fields are set depends on <see cref="Kind"/>:
/// <see cref="Value"/> for continuous/binary/categorical/count; <see cref="Time"/> and
/// <see cref="Event"/> for time-to-event; <see cref="RepeatedTable"/>, <see cref="RepeatedValue"/>
/// and <see cref="RepeatedTime"/> (expressions over the child table's row) for repeated measures.
/// </summary>
public sealed record OutcomeSymbol(
    string Name,
    string Label,
    OutcomeKind Kind,
    string? Unit,
    BoundExpression? Value,
    SummaryKind Summary,
    BoundExpression? Time,
    BoundExpression? Event,
    double? Horizon,
    string? RepeatedTable,
    BoundExpression? RepeatedValue,
    string? RepeatedTimeName,
    BoundExpression? RepeatedTime,
    TextSpan Span);

public enum ReportFormat
{
    Markdown,
    Html,
    Json,

    /// <summary><c>report.docx</c> (Word); not among the defaults.</summary>
    Docx,
}

/// <summary>The <c>report</c> declaration, or its defaults when the study has none.</summary>
public sealed record BoundReport(string Directory, ImmutableArray<ReportFormat> Formats, string? Template);

/// <summary>
/// A named group set (<c>groups arm { treat "Treatment": arm_code == 1  control "Control": arm_code == 2 }</c>): a
/// categorical factor whose levels are its groups. A subject in none is missing for it; in several, the run fails
/// (PL4020) unless <see cref="ExcludeOverlapping"/>, which makes such a subject missing for the factor.
/// </summary>
public sealed record GroupSetSymbol(string Name, ImmutableArray<GroupSymbol> Groups, bool ExcludeOverlapping, TextSpan Span);
