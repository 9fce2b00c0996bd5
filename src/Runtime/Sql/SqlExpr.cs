using System.Collections.Generic;

namespace ProtocolLang.Runtime.Sql;

/// <summary>Comparison operators of <see cref="SqlExpr"/>.</summary>
public enum SqlComparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>Arithmetic operators of <see cref="SqlExpr"/>; operands are doubles, as in the language (7 / 2 is 3.5).</summary>
public enum SqlArithmetic
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>Functions of <see cref="SqlExpr"/>; each is undefined (missing) where the runtime's <c>Fn</c> gives missing.</summary>
public enum SqlFunction
{
    Log,
    Exp,
    Sqrt,
    Abs,
    Min,
    Max,
    DaysBetween,
    YearsBetween,
}

/// <summary>
/// A <c>.study</c> expression as an engine computes it: the generator writes one beside each criterion, group and
/// derived variable it can map, and a <see cref="SqlDialect"/> renders it as one engine's SQL. Its meaning is the
/// runtime's <c>Fn</c> semantics: missing is NULL, logic is three-valued (as SQL's), and an undefined number (x / 0,
/// log of 0, exp overflow) is missing, never an infinity or NaN. Text and level names are always parameters (or, for an
/// engine without them, literals through the dialect's one quoting function): study text never becomes SQL text.
/// </summary>
public abstract record SqlExpr
{
    public static SqlExpr Column(string name) => new SqlColumn(name);

    public static SqlExpr Number(double value) => new SqlNumber(value);

    public static SqlExpr Text(string value) => new SqlText(value);

    public static SqlExpr Bool(bool value) => new SqlBool(value);

    public static SqlExpr Missing { get; } = new SqlMissing();

    public static SqlExpr Not(SqlExpr operand) => new SqlNot(operand);

    public static SqlExpr Negate(SqlExpr operand) => new SqlNegate(operand);

    public static SqlExpr And(SqlExpr left, SqlExpr right) => new SqlLogic(true, left, right);

    public static SqlExpr Or(SqlExpr left, SqlExpr right) => new SqlLogic(false, left, right);

    public static SqlExpr Compare(SqlComparison op, SqlExpr left, SqlExpr right) => new SqlCompare(op, left, right);

    public static SqlExpr Arithmetic(SqlArithmetic op, SqlExpr left, SqlExpr right) => new SqlArithmeticExpr(op, left, right);

    public static SqlExpr IsMissing(SqlExpr operand, bool negated) => new SqlIsMissing(operand, negated);

    public static SqlExpr In(SqlExpr operand, bool negated, params SqlExpr[] values) => new SqlIn(operand, values, negated);

    public static SqlExpr Call(SqlFunction function, params SqlExpr[] arguments) => new SqlCall(function, arguments);

    public static SqlExpr If(SqlExpr condition, SqlExpr whenTrue, SqlExpr whenFalse) => new SqlIf(condition, whenTrue, whenFalse);
}

/// <summary>A column of the table, by its declared name (quoted by the dialect).</summary>
public sealed record SqlColumn(string Name) : SqlExpr;

public sealed record SqlNumber(double Value) : SqlExpr;

/// <summary>A text value or a level name: a parameter.</summary>
public sealed record SqlText(string Value) : SqlExpr;

public sealed record SqlBool(bool Value) : SqlExpr;

/// <summary>The literal <c>missing</c>: NULL.</summary>
public sealed record SqlMissing : SqlExpr;

public sealed record SqlNot(SqlExpr Operand) : SqlExpr;

public sealed record SqlNegate(SqlExpr Operand) : SqlExpr;

/// <summary><c>and</c> (<paramref name="IsAnd"/>) or <c>or</c>: Kleene logic, as the runtime's <c>Fn.And</c>/<c>Fn.Or</c>.</summary>
public sealed record SqlLogic(bool IsAnd, SqlExpr Left, SqlExpr Right) : SqlExpr;

public sealed record SqlCompare(SqlComparison Op, SqlExpr Left, SqlExpr Right) : SqlExpr;

public sealed record SqlArithmeticExpr(SqlArithmetic Op, SqlExpr Left, SqlExpr Right) : SqlExpr;

public sealed record SqlIsMissing(SqlExpr Operand, bool Negated) : SqlExpr;

/// <summary><c>x in (a, b)</c>; the values are constants.</summary>
public sealed record SqlIn(SqlExpr Operand, IReadOnlyList<SqlExpr> Values, bool Negated) : SqlExpr;

public sealed record SqlCall(SqlFunction Function, IReadOnlyList<SqlExpr> Arguments) : SqlExpr;

/// <summary><c>if(c, a, b)</c>: missing when <c>c</c> is missing, as <c>Fn.If</c>.</summary>
public sealed record SqlIf(SqlExpr Condition, SqlExpr WhenTrue, SqlExpr WhenFalse) : SqlExpr;

/// <summary>A criterion as an engine computes it; <see cref="Predicate"/> is null when it cannot, and <see cref="Unmapped"/> says why.</summary>
public sealed record SqlCriterion(Plan.CriterionKind Kind, string Label, SqlExpr? Predicate, string? Unmapped = null);

/// <summary>A group as an engine computes it; <see cref="Predicate"/> is null when it cannot, and <see cref="Unmapped"/> says why.</summary>
public sealed record SqlGroup(string Name, string Label, SqlExpr? Predicate, string? Unmapped = null);

/// <summary>
/// A declared outcome of the subject table as an engine computes it: <see cref="Value"/> for a continuous, binary,
/// categorical or count outcome; <see cref="Time"/>, <see cref="Event"/> (true for an event) and <see cref="Horizon"/>
/// for a time-to-event one. Null expressions and <see cref="Unmapped"/> when it cannot (e.g. a repeated outcome).
/// </summary>
public sealed record SqlOutcome(string Name, SqlExpr? Value, SqlExpr? Time, SqlExpr? Event, double? Horizon, string? Unmapped = null);

/// <summary>The subject table's criteria (in order), groups (in declared order) and outcomes, as an engine computes them.</summary>
public sealed record CohortSql(IReadOnlyList<SqlCriterion> Criteria, IReadOnlyList<SqlGroup> Groups, IReadOnlyList<SqlOutcome>? Outcomes = null)
{
    /// <summary>The outcome named <paramref name="name"/>.</summary>
    /// <exception cref="System.ArgumentException">The study declares no such outcome, or it has no engine form (the reason is in the message).</exception>
    public SqlOutcome Outcome(string name)
    {
        foreach (var outcome in Outcomes ?? [])
        {
            if (string.Equals(outcome.Name, name, System.StringComparison.Ordinal))
            {
                return outcome.Unmapped is null
                    ? outcome
                    : throw new System.ArgumentException($"Outcome {name} cannot be computed by an engine: {outcome.Unmapped}.", nameof(name));
            }
        }

        throw new System.ArgumentException($"The study declares no outcome {name}.", nameof(name));
    }

    /// <summary>The first criterion or group an engine cannot compute, as a sentence; null when it can compute them all.</summary>
    public string? Unmapped()
    {
        foreach (var criterion in Criteria)
        {
            if (criterion.Predicate is null)
            {
                return $"criterion \"{criterion.Label}\": {criterion.Unmapped}";
            }
        }

        foreach (var group in Groups)
        {
            if (group.Predicate is null)
            {
                return $"group {group.Name}: {group.Unmapped}";
            }
        }

        return null;
    }
}
