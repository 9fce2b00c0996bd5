using System;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// Analyses and the report: <c>describe</c>, <c>compare</c>, <c>model mixed | kaplan_meier | cox</c>,
/// <c>test logrank</c>, <c>report</c>. Test, adjustment and format names are read as identifiers
/// (the binder checks them and suggests the nearest); the grammar's fixed choices
/// (<c>ties</c>, <c>method</c>) are checked here.
/// </summary>
public static partial class StudyParser
{
    private static readonly Parser<ExpressionSyntax> ExpressionInAnalysis = Defer(() => Expression!);

    private static readonly Parser<FormulaSyntax> FormulaInAnalysis = Defer(() => Formula!);

    private static readonly Parser<IdentifierSyntax> ByGroup =
        from byKeyword in Keyword("by")
        from grouping in Keyword("group")
        select grouping;

    private static readonly Parser<DeclarationSyntax> Describe = Node(
        from keyword in Keyword("describe")
        from variables in CommaList(Identifier("a variable to describe"))
        from byKeyword in ByGroup.Named("',' or 'by group'")
        from statistics in Keyword("statistics").Then(_ => CommaList(Identifier("a statistic name after 'statistics'"))).XOptional()
        from quantileType in Opt(Keyword("quantile_type").Then(_ => NumberLiteral(allowSign: true, "a quantile type (1 to 9) after 'quantile_type'")))
        select (variables, statistics, quantileType),
        (v, span) => (DeclarationSyntax)new DescribeSyntax(
            v.variables, v.statistics.GetOrElse(ImmutableArray<IdentifierSyntax>.Empty), v.quantileType, span));

    private static readonly Parser<PairingSyntax> AllPairs = Node(
        from all in Keyword("all")
        from pairs in Keyword("pairs")
        select pairs,
        (_, span) => (PairingSyntax)new AllPairsPairingSyntax(span));

    private static readonly Parser<ImmutableArray<IdentifierSyntax>> GroupList =
        from open in Symbol("(")
        from groups in CommaList(Identifier("a group name"))
        from close in Symbol(")", "',' or ')'")
        select groups;

    private static readonly Parser<PairingSyntax> VsPairing = Node(
        from reference in Identifier("a group name or 'all pairs'")
        from vs in Keyword("vs")
        from other in Keyword("each").Select(_ => (Func<TextSpan, PairingSyntax>)(s => new VsEachPairingSyntax(reference, s)))
            .XOr(GroupList.Select(list => (Func<TextSpan, PairingSyntax>)(s => new VsListPairingSyntax(reference, list, s))))
            .XOr(Identifier("a group name").Select(second => (Func<TextSpan, PairingSyntax>)(s => new TwoGroupsPairingSyntax(reference, second, s))))
            .Named("a group name, 'each' or '(' after 'vs'")
        select other,
        (make, span) => make(span));

    /// <summary><c>all pairs</c> is tried with backtracking so that a group called <c>all</c> still works.</summary>
    private static readonly Parser<PairingSyntax> Pairing = AllPairs.Or(VsPairing);

    private static readonly Parser<PairingSyntax> AcrossGroups = Node(
        from across in Keyword("across")
        from groups in Keyword("groups")
        select groups,
        (_, span) => (PairingSyntax)new AcrossGroupsPairingSyntax(span));

    /// <summary>A test option such as <c>exact</c> or <c>no_correct</c>: any word but <c>adjust</c> (the binder checks it).</summary>
    private static readonly Parser<IdentifierSyntax> TestOption =
        Word("a test option or 'adjust'", name => !string.Equals(name, "adjust", StringComparison.Ordinal));

    private static readonly Parser<DeclarationSyntax> Compare = Node(
        from keyword in Keyword("compare")
        from variables in CommaList(Identifier("a variable to compare"))
        from pairing in Symbol(":").Then(_ => Pairing).XOr(AcrossGroups).Named("',', ':' or 'across groups'")
        from usingKeyword in Keyword("using")
        from test in Identifier("a test name after 'using'")
        from options in TestOption.XMany()
        from adjust in Opt(Keyword("adjust").Then(_ => Identifier("an adjustment method after 'adjust'")))
        select (variables, pairing, test, options, adjust),
        (v, span) => (DeclarationSyntax)new CompareSyntax(v.variables, v.pairing, v.test, v.options.ToImmutableArray(), v.adjust, span));

    private static readonly Parser<Func<TextSpan, DeclarationSyntax>> MixedModelBody =
        from mixed in Keyword("mixed")
        from formula in FormulaInAnalysis
        from whereClause in Opt(Keyword("where").Then(_ => ExpressionInAnalysis))
        from method in Opt(Keyword("method").Then(_ => OneOfKeywords("reml", "ml")))
        select (Func<TextSpan, DeclarationSyntax>)(span => new MixedModelSyntax(formula, whereClause, method, span));

    private static readonly Parser<Func<TextSpan, DeclarationSyntax>> KaplanMeierBody =
        from km in Keyword("kaplan_meier")
        from outcome in Identifier("an outcome after 'kaplan_meier'")
        from byKeyword in ByGroup
        from times in Keyword("at").Then(_ => CommaList(NumberLiteral(allowSign: true, "a time after 'at'"))).XOptional()
        from confType in Opt(Keyword("conf_type").Then(_ => OneOfKeywords("log", "log_log", "plain")))
        select (Func<TextSpan, DeclarationSyntax>)(span =>
            new KaplanMeierSyntax(outcome, times.GetOrElse(ImmutableArray<NumberSyntax>.Empty), confType, span));

    private static readonly Parser<ReferenceSyntax> Reference = Node(
        from first in Identifier("a reference level or 'variable = level'")
        from level in Symbol("=").Then(_ => Identifier("a level after '='")).XOptional()
        select (first, level),
        (v, span) => v.level.IsDefined
            ? new ReferenceSyntax(v.first, v.level.Get(), span)
            : new ReferenceSyntax(null, v.first, span));

    private static readonly Parser<Func<TextSpan, DeclarationSyntax>> CoxModelBody =
        from cox in Keyword("cox")
        from outcome in Identifier("an outcome after 'cox'")
        from tilde in Symbol("~", "'~' after the outcome")
        from terms in Identifier("a covariate").Once().Then(first =>
            Symbol("+").Then(_ => Identifier("a covariate after '+'")).XMany().Select(rest => ImmutableArray.CreateRange(first).AddRange(rest)))
        from references in Keyword("reference").Then(_ => CommaList(Reference)).XOptional()
        from ties in Opt(Keyword("ties").Then(_ => OneOfKeywords("efron", "breslow")))
        from strata in Keyword("strata").Then(_ => CommaList(Identifier("a strata variable"))).XOptional()
        select (Func<TextSpan, DeclarationSyntax>)(span => new CoxModelSyntax(
            outcome,
            terms,
            references.GetOrElse(ImmutableArray<ReferenceSyntax>.Empty),
            ties,
            strata.GetOrElse(ImmutableArray<IdentifierSyntax>.Empty),
            span));

    private static readonly Parser<DeclarationSyntax> Model = Node(
        from keyword in Keyword("model")
        from body in MixedModelBody.XOr(KaplanMeierBody).XOr(CoxModelBody)
        select body,
        (make, span) => make(span));

    private static readonly Parser<DeclarationSyntax> LogRankTest = Node(
        from keyword in Keyword("test")
        from logrank in Keyword("logrank")
        from outcome in Identifier("an outcome after 'logrank'")
        from byKeyword in ByGroup
        from rho in Opt(Keyword("rho").Then(_ => NumberLiteral(allowSign: true, "a number after 'rho'")))
        from strata in Opt(Keyword("strata").Then(_ => Identifier("a strata variable after 'strata'")))
        from pairwise in Opt(Keyword("pairwise"))
        from adjust in pairwise is null ? Sprache.Parse.Return<IdentifierSyntax?>(null) : Opt(Keyword("adjust").Then(_ => Identifier("an adjustment method after 'adjust'")))
        select (outcome, rho, strata, pairwise, adjust),
        (v, span) => (DeclarationSyntax)new LogRankSyntax(v.outcome, v.rho, v.strata, v.pairwise, v.adjust, span));

    private static readonly Parser<DeclarationSyntax> Report = Node(
        from keyword in Keyword("report")
        from directory in StringLiteral("an output directory string after 'report'")
        from formats in Keyword("formats").Then(_ => CommaList(Identifier("a format name"))).XOptional()
        from template in Opt(Keyword("template").Then(_ => StringLiteral("a template path string after 'template'")))
        select (directory, formats, template),
        (v, span) => (DeclarationSyntax)new ReportSyntax(
            v.directory, v.formats.GetOrElse(ImmutableArray<IdentifierSyntax>.Empty), v.template, span));
}
