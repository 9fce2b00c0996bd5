using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Catalog;
using ProtocolLang.Syntax.Lexing;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// Every analysis has one shape, <c>verb [kind] head { clause }</c>, read without knowing the kind: the verbs and
/// the clause keywords with their value shapes come from <see cref="AnalysisCatalog"/>, clauses may come in any
/// order, and an unknown word where a clause is expected is kept for the binder (which says "did you mean").
/// Names, tests and option values are read as words and checked by the binder against the catalog.
/// Also the report declaration.
/// </summary>
public static partial class StudyParser
{
    private static readonly Parser<ExpressionSyntax> ExpressionInAnalysis = Defer(() => Expression!);

    /// <summary>An expression that stops before a clause <c>in PP</c> (an <c>in</c> not followed by <c>(</c>).</summary>
    private static readonly Parser<ExpressionSyntax> ClauseExpression = input =>
    {
        var window = Window(input);
        var limit = ClauseInLimit(window.Source, window.Position, window.End);
        var result = ExpressionInAnalysis(window.Until(limit));
        var remainder = window.At(result.Remainder.Position);
        return result.WasSuccessful
            ? Result.Success(result.Value, remainder)
            : Result.Failure<ExpressionSyntax>(remainder, result.Message, result.Expectations);
    };

    private static readonly Parser<PairingSyntax> AllPairs = Node(
        from all in Keyword("all")
        from pairs in Keyword("pairs")
        select pairs,
        (_, span) => (PairingSyntax)new AllPairsPairingSyntax(span));

    /// <summary>
    /// A group or level as a pairing or reference names it: a name, or a level's number code or quoted text as the
    /// category declares it (<c>1 vs 2 by Diet</c>, <c>reference sex = 2</c>, <c>"Lev+5FU" vs "Obs" by rx</c>).
    /// </summary>
    private static Parser<IdentifierSyntax> LevelName(string expectation) =>
        Identifier(expectation)
            .XOr(NumberLiteral(allowSign: true, expectation).Select(n => new IdentifierSyntax(n.Text, n.Span)))
            .XOr(StringLiteral(expectation).Select(s => new IdentifierSyntax(s.Value, s.Span)));

    private static readonly Parser<ImmutableArray<IdentifierSyntax>> GroupList =
        from open in Symbol("(")
        from groups in CommaList(LevelName("a group name"))
        from close in Symbol(")", "',' or ')'")
        select groups;

    private static readonly Parser<PairingSyntax> VsPairing = Node(
        from reference in LevelName("a group name or 'all pairs'")
        from vs in Keyword("vs")
        from other in Keyword("each").Select(_ => (Func<TextSpan, PairingSyntax>)(s => new VsEachPairingSyntax(reference, s)))
            .XOr(GroupList.Select(list => (Func<TextSpan, PairingSyntax>)(s => new VsListPairingSyntax(reference, list, s))))
            .XOr(LevelName("a group name").Select(second => (Func<TextSpan, PairingSyntax>)(s => new TwoGroupsPairingSyntax(reference, second, s))))
            .Named("a group name, 'each' or '(' after 'vs'")
        select other,
        (make, span) => make(span));

    /// <summary><c>all pairs</c> is tried with backtracking so that a group called <c>all</c> still works.</summary>
    private static readonly Parser<PairingSyntax> Pairing = AllPairs.Or(VsPairing);

    private static readonly Parser<ReferenceSyntax> Reference = Node(
        from first in Identifier("a reference level or 'variable = level'")
        from level in Symbol("=").Then(_ => LevelName("a level after '='")).XOptional()
        select (first, level),
        (v, span) => v.level.IsDefined
            ? new ReferenceSyntax(v.first, v.level.Get(), span)
            : new ReferenceSyntax(null, v.first, span));

    /// <summary><c>1</c> or <c>name = 1</c>.</summary>
    private static Parser<NumberAssignmentSyntax> NumberAssignment(string expectation) => Node(
        NumberLiteral(allowSign: true, expectation).Select(n => ((IdentifierSyntax?)null, n))
            .XOr(from name in Identifier(expectation)
                 from assign in Symbol("=", $"'=' and a number after '{name.Name}'")
                 from value in NumberLiteral(allowSign: true, $"a number after '{name.Name} ='")
                 select ((IdentifierSyntax?)name, value)),
        (v, span) => new NumberAssignmentSyntax(v.Item1, v.Item2, span));

    /// <summary>A word after a test name (<c>exact</c>, <c>no_correct</c>): any word that is not a clause keyword.</summary>
    private static readonly Parser<IdentifierSyntax> TestOption =
        Word("a test option", name => AnalysisCatalog.Clause(name) is null);

    /// <summary><c>head</c>: a comma list of expressions, or one response followed by <c>~</c> and formula terms.</summary>
    private static readonly Parser<AnalysisHeadSyntax> AnalysisHead = input =>
    {
        var items = CommaList(ClauseExpression)(input);
        if (!items.WasSuccessful)
        {
            return Result.Failure<AnalysisHeadSyntax>(items.Remainder, items.Message, items.Expectations);
        }

        var tilde = Symbol("~")(items.Remainder);
        var first = items.Value[0];
        var listSpan = TextSpan.FromBounds(first.Span.Start, items.Value[items.Value.Length - 1].Span.End);
        if (!tilde.WasSuccessful)
        {
            return Result.Success<AnalysisHeadSyntax>(new ListHeadSyntax(items.Value, listSpan), items.Remainder);
        }

        if (items.Value.Length != 1)
        {
            return Fail<AnalysisHeadSyntax>(items.Remainder, "one response before '~' (not a list)");
        }

        var response = ToResponse(first);
        if (response is null)
        {
            return Fail<AnalysisHeadSyntax>(input, "a response variable or transform(variable) before '~'");
        }

        var terms = FormulaTerms!(tilde.Remainder);
        if (!terms.WasSuccessful)
        {
            return Result.Failure<AnalysisHeadSyntax>(terms.Remainder, terms.Message, terms.Expectations);
        }

        var span = TextSpan.FromBounds(first.Span.Start, terms.Value[terms.Value.Length - 1].Span.End);
        return Result.Success<AnalysisHeadSyntax>(new FormulaHeadSyntax(new FormulaSyntax(response, terms.Value, span), span), terms.Remainder);
    };

    /// <summary><c>{ clause }</c> until the end of the declaration, or a symbol no clause starts with (left for the caller to report).</summary>
    private static readonly Parser<ImmutableArray<ClauseSyntax>> AnalysisClauses = input =>
    {
        var clauses = ImmutableArray.CreateBuilder<ClauseSyntax>();
        var remainder = input;
        while (true)
        {
            var window = Window(remainder);
            var text = window.Source;
            var start = Lexeme.SkipTrivia(text, window.Position, window.End);
            if (start >= window.End)
            {
                break;
            }

            string? keyword = null;
            if (Lexeme.IsWordStart(text[start]))
            {
                keyword = text.Substring(start, Lexeme.ScanWord(text, start, window.End) - start);
            }
            else if (string.Equals(Lexeme.ScanSymbol(text, start, window.End), ":", StringComparison.Ordinal))
            {
                keyword = ":";
            }

            if (keyword is null)
            {
                break;
            }

            var name = new IdentifierSyntax(keyword, new TextSpan(start, keyword.Length));
            var afterKeyword = window.At(start + keyword.Length);
            var definition = AnalysisCatalog.Clause(keyword);
            if (definition is null)
            {
                var end = SkipUnknownClause(text, afterKeyword.Position, window.End, out var lastEnd);
                clauses.Add(new ClauseSyntax(name, false, null, TextSpan.FromBounds(start, Math.Max(lastEnd, name.Span.End))));
                remainder = window.At(end);
                continue;
            }

            var value = ClauseValue(definition)(afterKeyword);
            if (!value.WasSuccessful)
            {
                return Result.Failure<ImmutableArray<ClauseSyntax>>(value.Remainder, value.Message, value.Expectations);
            }

            var valueEnd = value.Value?.Span.End ?? name.Span.End;
            clauses.Add(new ClauseSyntax(name, true, value.Value, TextSpan.FromBounds(start, valueEnd)));
            remainder = value.Remainder;
        }

        return Result.Success(clauses.ToImmutable(), remainder);
    };

    /// <summary>The parser of a clause's value, by the registry's shape; null value for a flag.</summary>
    private static Parser<ClauseValueSyntax?> ClauseValue(ClauseDefinition clause)
    {
        var expectation = clause.Value + " after '" + clause.Keyword + "'";
        return clause.Shape switch
        {
            ClauseShape.Flag => Sprache.Parse.Return<ClauseValueSyntax?>(null),
            ClauseShape.Word or ClauseShape.Identifier => Identifier(expectation).Select(w => (ClauseValueSyntax?)new WordValueSyntax(w)),
            ClauseShape.WordList => CommaList(Identifier(expectation)).Select(w => (ClauseValueSyntax?)new WordListValueSyntax(w, Through(w[0].Span, w[w.Length - 1].Span))),
            ClauseShape.Number => NumberLiteral(allowSign: true, expectation).Select(n => (ClauseValueSyntax?)new NumberValueSyntax(n)),
            ClauseShape.NumberList => CommaList(NumberLiteral(allowSign: true, expectation))
                .Select(n => (ClauseValueSyntax?)new NumberListValueSyntax(n, Through(n[0].Span, n[n.Length - 1].Span))),
            ClauseShape.Expression => ClauseExpression.Select(e => (ClauseValueSyntax?)new ExpressionValueSyntax(e)),
            ClauseShape.ExpressionList => CommaList(ClauseExpression)
                .Select(e => (ClauseValueSyntax?)new ExpressionListValueSyntax(e, Through(e[0].Span, e[e.Length - 1].Span))),
            ClauseShape.References => CommaList(Reference)
                .Select(r => (ClauseValueSyntax?)new ReferencesValueSyntax(r, Through(r[0].Span, r[r.Length - 1].Span))),
            ClauseShape.Pairing => Pairing.Select(p => (ClauseValueSyntax?)new PairingValueSyntax(p)),
            ClauseShape.NumberAssignments => CommaList(NumberAssignment(expectation))
                .Select(a => (ClauseValueSyntax?)new NumberAssignmentsValueSyntax(a, Through(a[0].Span, a[a.Length - 1].Span))),
            _ => (
                from test in Identifier(expectation)
                from options in TestOption.XMany()
                select (ClauseValueSyntax?)new TestValueSyntax(
                    test, options.ToImmutableArray(), options.Any() ? Through(test.Span, options.Last().Span) : test.Span)),
        };
    }

    /// <summary>Skips the words (and anything else) after an unknown clause word, up to the next known clause; returns where it stopped.</summary>
    private static int SkipUnknownClause(string text, int position, int end, out int lastEnd)
    {
        lastEnd = position;
        var at = Lexeme.SkipTrivia(text, position, end);
        while (at < end)
        {
            int next;
            var c = text[at];
            if (Lexeme.IsWordStart(c))
            {
                next = Lexeme.ScanWord(text, at, end);
                if (AnalysisCatalog.Clause(text.Substring(at, next - at)) is not null)
                {
                    return at;
                }
            }
            else if (Lexeme.IsDigit(c))
            {
                next = Lexeme.ScanNumberLexeme(text, at, end);
            }
            else if (c == '"')
            {
                next = Lexeme.ScanString(text, at, end, out _, out _, out _);
            }
            else
            {
                var symbol = Lexeme.ScanSymbol(text, at, end);
                if (symbol == ":")
                {
                    return at;
                }

                next = at + Math.Max(1, symbol?.Length ?? 1);
            }

            lastEnd = next;
            at = Lexeme.SkipTrivia(text, next, end);
        }

        return at;
    }

    /// <summary>
    /// Where an expression must stop so that a clause <c>in Name</c> is not read as the operator <c>in (...)</c>:
    /// the first <c>in</c> outside parentheses that a word follows; the window's end when there is none.
    /// </summary>
    private static int ClauseInLimit(string text, int position, int end)
    {
        var depth = 0;
        var at = Lexeme.SkipTrivia(text, position, end);
        while (at < end)
        {
            var c = text[at];
            int next;
            if (Lexeme.IsWordStart(c))
            {
                next = Lexeme.ScanWord(text, at, end);
                if (depth == 0 && next - at == 2 && string.CompareOrdinal(text, at, "in", 0, 2) == 0)
                {
                    var after = Lexeme.SkipTrivia(text, next, end);
                    if (after < end && Lexeme.IsWordStart(text[after]))
                    {
                        return at;
                    }
                }
            }
            else if (Lexeme.IsDigit(c))
            {
                next = Lexeme.ScanNumberLexeme(text, at, end);
            }
            else if (c == '"')
            {
                next = Lexeme.ScanString(text, at, end, out _, out _, out _);
            }
            else
            {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                next = at + Math.Max(1, Lexeme.ScanSymbol(text, at, end)?.Length ?? 1);
            }

            at = Lexeme.SkipTrivia(text, next, end);
        }

        return end;
    }

    /// <summary><c>y</c> or <c>transform(y)</c> as the response of a formula; null for anything else.</summary>
    private static ResponseSyntax? ToResponse(ExpressionSyntax expression) => expression switch
    {
        NameExpressionSyntax { Qualifier: null } name => new ResponseSyntax(null, name.Name, name.Span),
        CallExpressionSyntax { Arguments.Length: 1 } call when call.Arguments[0] is NameExpressionSyntax { Qualifier: null } inner =>
            new ResponseSyntax(call.Function, inner.Name, call.Span),
        _ => null,
    };

    /// <summary>The parser of one analysis verb: <c>verb [kind] head { clause }</c>.</summary>
    private static Parser<DeclarationSyntax> AnalysisDeclaration(AnalysisVerb verb)
    {
        var kinds = string.Join(", ", AnalysisCatalog.Kinds.Where(k => k.Verb == verb.Name && k.HasKindWord).Select(k => k.Name));
        var kindWord = verb.TakesKind
            ? Identifier("an analysis kind after '" + verb.Name + "' (" + kinds + ")").Select(k => (IdentifierSyntax?)k)
            : Sprache.Parse.Return<IdentifierSyntax?>(null);
        return Node(
            from keyword in Keyword(verb.Name)
            from kind in kindWord
            from head in AnalysisHead
            from clauses in AnalysisClauses
            select (keyword, kind, head, clauses),
            (v, span) => (DeclarationSyntax)new AnalysisSyntax(v.keyword, v.kind, v.head, v.clauses, span));
    }

    /// <summary><c>population Name "label": condition</c>.</summary>
    private static readonly Parser<DeclarationSyntax> Population = Node(
        from keyword in Keyword("population")
        from name in Identifier("a population name after 'population'")
        from label in StringLiteral("a label string after population name '" + name.Name + "'")
        from colon in Symbol(":", "':' after the population label")
        from condition in ExpressionInAnalysis
        select (name, label, condition),
        (v, span) => (DeclarationSyntax)new PopulationSyntax(v.name, v.label, v.condition, span));

    private static readonly Parser<DeclarationSyntax> Report = Node(
        from keyword in Keyword("report")
        from directory in StringLiteral("an output directory string after 'report'")
        from formats in Keyword("formats").Then(_ => CommaList(Identifier("a format name"))).XOptional()
        from template in Opt(Keyword("template").Then(_ => StringLiteral("a template path string after 'template'")))
        from decimals in Opt(Keyword("decimals").Then(_ => NumberLiteral(allowSign: true, "a number of decimals after 'decimals'")))
        select (directory, formats, template, decimals),
        (v, span) => (DeclarationSyntax)new ReportSyntax(
            v.directory, v.formats.GetOrElse(ImmutableArray<IdentifierSyntax>.Empty), v.template, span) { Decimals = v.decimals });
}
