using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// The study header and the simple declarations: title, version, derive, include/exclude, a group
/// entry and outcomes. (Tables are in <c>StudyParser.Tables.cs</c>, analyses in
/// <c>StudyParser.Analyses.cs</c>.)
/// </summary>
public static partial class StudyParser
{
    private static readonly Parser<ExpressionSyntax> ExpressionAfterDeclaration = Defer(() => Expression!);

    /// <summary><c>study Name</c>; the <c>{</c> is read separately so a missing one can be recovered from.</summary>
    private static readonly Parser<IdentifierSyntax> StudyHeader =
        from study in Keyword("study")
        from name in Identifier("a study name after 'study'")
        select name;

    private static readonly Parser<DeclarationSyntax> Title = Node(
        from keyword in Keyword("title")
        from value in StringLiteral("a string after 'title'")
        select value,
        (value, span) => (DeclarationSyntax)new TitleSyntax(value, span));

    private static readonly Parser<DeclarationSyntax> Version = Node(
        from keyword in Keyword("version")
        from value in StringLiteral("a string after 'version'")
        select value,
        (value, span) => (DeclarationSyntax)new VersionSyntax(value, span));

    /// <summary><c>compute in engine</c> (the binder checks the word after <c>in</c>).</summary>
    private static readonly Parser<DeclarationSyntax> Compute = Node(
        from keyword in Keyword("compute")
        from @in in Keyword("in")
        from place in Identifier("'engine' after 'compute in'")
        select place,
        (place, span) => (DeclarationSyntax)new ComputeSyntax(place, span));

    /// <summary><c>derive name = expr [label "..."]</c>, in a table or at study level.</summary>
    private static readonly Parser<DeriveSyntax> Derive = Node(
        from keyword in Keyword("derive")
        from name in Identifier("a name after 'derive'")
        from equalsSign in Symbol("=", $"'=' after 'derive {name.Name}'")
        from expression in ExpressionAfterDeclaration
        from label in Opt(Keyword("label").Then(_ => StringLiteral("a string after 'label'")))
        select (name, expression, label),
        (v, span) => new DeriveSyntax(v.name, v.expression, v.label, span));

    private static readonly Parser<DeclarationSyntax> Criterion = Node(
        from keyword in OneOfKeywords("include", "exclude")
        from label in StringLiteral($"a label string after '{keyword.Name}'")
        from colon in Symbol(":", "':' after the criterion label")
        from predicate in ExpressionAfterDeclaration
        select (keyword, label, predicate),
        (v, span) => (DeclarationSyntax)new CriterionSyntax(
            v.keyword.Name == "include" ? CriterionKind.Include : CriterionKind.Exclude, v.label, v.predicate, span));

    /// <summary>One entry of <c>groups { }</c>: <c>Name "label": expr</c>.</summary>
    private static readonly Parser<GroupSyntax> GroupEntry = Node(
        from name in Identifier("a group name or '}'")
        from label in StringLiteral($"a label string after group name '{name.Name}'")
        from colon in Symbol(":", "':' after the group label")
        from predicate in ExpressionAfterDeclaration
        select (name, label, predicate),
        (v, span) => new GroupSyntax(v.name, v.label, v.predicate, span));

    private static readonly Parser<OutcomeKindSyntax> ContinuousOutcome = Node(
        from keyword in Keyword("continuous")
        from value in ExpressionAfterDeclaration
        from summary in Opt(Keyword("summary").Then(_ => OneOfKeywords("median", "mean", "geometric_mean")))
        select (value, summary),
        (v, span) => (OutcomeKindSyntax)new ContinuousOutcomeSyntax(v.value, v.summary, span));

    private static readonly Parser<OutcomeKindSyntax> BinaryOutcome = Node(
        Keyword("binary").Then(_ => ExpressionAfterDeclaration),
        (value, span) => (OutcomeKindSyntax)new BinaryOutcomeSyntax(value, span));

    private static readonly Parser<OutcomeKindSyntax> CategoricalOutcome = Node(
        Keyword("categorical").Then(_ => ExpressionAfterDeclaration),
        (value, span) => (OutcomeKindSyntax)new CategoricalOutcomeSyntax(value, span));

    private static readonly Parser<OutcomeKindSyntax> CountOutcome = Node(
        Keyword("count").Then(_ => ExpressionAfterDeclaration),
        (value, span) => (OutcomeKindSyntax)new CountOutcomeSyntax(value, span));

    private static readonly Parser<OutcomeKindSyntax> TimeToEventOutcome = Node(
        from keyword in Keyword("time_to_event")
        from open in Symbol("(", "'(' after 'time_to_event'")
        from time in ExpressionAfterDeclaration
        from comma in Symbol(",", "',' between the time and the event")
        from @event in ExpressionAfterDeclaration
        from close in Symbol(")", "')'")
        from horizon in Opt(Keyword("horizon").Then(_ => NumberLiteral(allowSign: true, "a number after 'horizon'")))
        select (time, @event, horizon),
        (v, span) => (OutcomeKindSyntax)new TimeToEventOutcomeSyntax(v.time, v.@event, v.horizon, span));

    private static readonly Parser<OutcomeKindSyntax> RepeatedOutcome = Node(
        from keyword in Keyword("repeated")
        from table in Identifier("a table name after 'repeated'")
        from dot in Symbol(".", "'.' between table and column (repeated table.column)")
        from column in Identifier("a column name after '.'")
        from over in Keyword("over")
        from time in Identifier("a time column after 'over'")
        select (table, column, time),
        (v, span) => (OutcomeKindSyntax)new RepeatedOutcomeSyntax(v.table, v.column, v.time, span));

    private static readonly Parser<OutcomeKindSyntax> OutcomeKind =
        ContinuousOutcome
            .XOr(BinaryOutcome)
            .XOr(CategoricalOutcome)
            .XOr(CountOutcome)
            .XOr(TimeToEventOutcome)
            .XOr(RepeatedOutcome);

    private static readonly Parser<DeclarationSyntax> Outcome = Node(
        from keyword in Keyword("outcome")
        from name in Identifier("an outcome name after 'outcome'")
        from label in Opt(StringLiteral("a label string or ':'"))
        from colon in Symbol(":", label is null ? "a label string or ':'" : "':' after the outcome label")
        from kind in OutcomeKind
        select (name, label, kind),
        (v, span) => (DeclarationSyntax)new OutcomeSyntax(v.name, v.label, v.kind, span));
}
