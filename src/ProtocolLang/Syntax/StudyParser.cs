using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax.Lexing;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// The <c>.study</c> parser. Sprache stops at the first failure, so parsing runs in steps:
/// <list type="number">
/// <item>a coarse scan (<see cref="StudyTokenizer"/>) finds lexical errors: unterminated strings
/// and comments, bad escapes, malformed numbers;</item>
/// <item><see cref="DeclarationSplitter"/> cuts the study body into declarations (and table /
/// groups bodies into items), and <see cref="NestingGuard"/> bounds nesting;</item>
/// <item>each piece is parsed with Sprache on its own window of the text. A piece that fails gives
/// one diagnostic where it failed and is left out; the rest are still parsed.</item>
/// </list>
/// Every node's span is an absolute offset into the source text.
/// </summary>
public static partial class StudyParser
{
    private static readonly Dictionary<string, Parser<DeclarationSyntax>> DeclarationParsers = new Dictionary<string, Parser<DeclarationSyntax>>(StringComparer.Ordinal)
    {
        ["title"] = Defer(() => Title!),
        ["version"] = Defer(() => Version!),
        ["derive"] = Defer(() => Derive!).Select(d => (DeclarationSyntax)d),
        ["include"] = Defer(() => Criterion!),
        ["exclude"] = Defer(() => Criterion!),
        ["outcome"] = Defer(() => Outcome!),
        ["report"] = Defer(() => Report!),
        ["population"] = Defer(() => Population!),
        ["compute"] = Defer(() => Compute!),
        ["on_invalid"] = Defer(() => PolicyClause("on_invalid")).Select(p => (DeclarationSyntax)p),
    }.WithAnalysisVerbs();

    /// <summary>Adds one parser per analysis verb of the catalog (describe, compare, model, test).</summary>
    private static Dictionary<string, Parser<DeclarationSyntax>> WithAnalysisVerbs(this Dictionary<string, Parser<DeclarationSyntax>> parsers)
    {
        foreach (var verb in ProtocolLang.Catalog.AnalysisCatalog.Verbs)
        {
            parsers[verb.Name] = Defer(() => AnalysisDeclaration(verb));
        }

        return parsers;
    }

    public static ParseResult Parse(SourceText source)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        return new Run(source).Parse();
    }

    /// <summary>The state of one parse: the text, its tokens and the diagnostics so far.</summary>
    private sealed partial class Run
    {
        private readonly SourceText _source;
        private readonly string _text;
        private readonly DiagnosticBag _diagnostics;
        private readonly StudyTokenizer _scan;

        public Run(SourceText source)
        {
            _source = source;
            _text = source.Text;
            _diagnostics = new DiagnosticBag(source);
            _scan = StudyTokenizer.Tokenize(_text);
        }

        private List<StudyToken> Tokens => _scan.Tokens;

        public ParseResult Parse()
        {
            foreach (var error in _scan.Errors)
            {
                _diagnostics.Add(error.Descriptor, error.Span, error.Argument);
            }

            var study = ParseStudy();
            return new ParseResult(_source, study, _diagnostics.ToImmutable());
        }

        private StudySyntax? ParseStudy()
        {
            var header = StudyHeader(new SourceInput(_source, 0, _text.Length));
            if (!header.WasSuccessful)
            {
                Report(DiagnosticDescriptors.ExpectedStudy, header);
                return null;
            }

            var name = header.Value;
            var studyStart = TokenStart(new SourceInput(_source, 0, _text.Length));
            var open = Symbol("{", $"'{{' after study name '{name.Name}'")(header.Remainder);
            int bodyStartOffset;
            if (open.WasSuccessful)
            {
                bodyStartOffset = open.Value.End;
            }
            else
            {
                Report(DiagnosticDescriptors.UnexpectedToken, open);
                bodyStartOffset = name.Span.End;
            }

            var bodyStart = FirstTokenAtOrAfter(bodyStartOffset);
            var splitter = DeclarationSplitter.Split(_text, Tokens, bodyStart);
            var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
            foreach (var chunk in splitter.Chunks)
            {
                var declaration = chunk.Body is null ? ParseDeclaration(chunk) : ParseBodyDeclaration(chunk, splitter);
                if (declaration is not null)
                {
                    declarations.Add(declaration);
                }
            }

            foreach (var (chunk, found) in splitter.UnclosedBodies)
            {
                var what = splitter.IsKeyword(chunk.First, "table") && chunk.First + 1 < Tokens.Count
                    ? "table '" + TextOf(Tokens[chunk.First + 1]) + "'"
                    : "groups";
                var openBrace = Tokens[chunk.Body!.OpenBrace];
                ReportMissingBrace(what, openBrace.Start, chunk.End > chunk.First ? Tokens[chunk.End - 1].End : openBrace.End, found);
            }

            int studyEnd;
            if (splitter.StudyCloseBrace >= 0)
            {
                studyEnd = Tokens[splitter.StudyCloseBrace].End;
                if (splitter.StudyCloseBrace + 1 < Tokens.Count)
                {
                    var extra = Tokens[splitter.StudyCloseBrace + 1];
                    _diagnostics.Add(DiagnosticDescriptors.TextAfterStudy, extra.Span, DescribeFound(extra.Start));
                }
            }
            else
            {
                studyEnd = Tokens.Count > 0 ? Tokens[Tokens.Count - 1].End : _text.Length;
                if (_scan.UnterminatedComment < 0)
                {
                    ReportMissingBrace("the study '" + name.Name + "'", open.WasSuccessful ? open.Value.Start : name.Span.Start, studyEnd, Tokens.Count);
                }
            }

            return new StudySyntax(name, declarations.ToImmutable(), TextSpan.FromBounds(studyStart, studyEnd));
        }

        /// <summary>A declaration without a body; null when it failed (after reporting why).</summary>
        private DeclarationSyntax? ParseDeclaration(DeclarationChunk chunk)
        {
            var first = Tokens[chunk.First];
            var keyword = first.Kind == TokenKind.Word ? TextOf(first) : string.Empty;
            if (keyword is "table" or "groups")
            {
                // A table or groups header whose '{' never came: the header parser says where.
                if (Checked(chunk.First, chunk.End))
                {
                    var window = Window(chunk.First, chunk.End);
                    var header = keyword == "table" ? TableHeaderParser.Select(_ => true)(window) : GroupsHeader.Select(_ => true)(window);
                    Report(DiagnosticDescriptors.UnexpectedToken, header);
                }

                return null;
            }

            if (!DeclarationParsers.TryGetValue(keyword, out var parser))
            {
                if (!first.HasError && !TryReportMisspeltDeclaration(first.Start) && !TryReportLeftoverHint(first.Start))
                {
                    _diagnostics.Add(DiagnosticDescriptors.ExpectedDeclaration, first.Span, DescribeFound(first.Start));
                }

                ReportMisspeltDeclarationLines(chunk, first.Start);
                return null;
            }

            if (!Checked(chunk.First, chunk.End))
            {
                return null;
            }

            var result = parser(Window(chunk.First, chunk.End));
            if (!result.WasSuccessful)
            {
                Report(DiagnosticDescriptors.UnexpectedToken, result);
                ReportMisspeltDeclarationLines(chunk, TokenStart(result.Remainder));
                return null;
            }

            // A complete declaration followed by more text: the text is where the next declaration should start.
            var rest = TokenStart(result.Remainder);
            if (rest < Tokens[chunk.End - 1].End)
            {
                if (!TryReportLeftoverHint(rest))
                {
                    _diagnostics.Add(DiagnosticDescriptors.ExpectedDeclaration, TokenSpanAt(rest), DescribeFound(rest));
                }

                ReportMisspeltDeclarationLines(chunk, rest);
            }

            return result.Value;
        }

        /// <summary>A table or groups declaration: header, then each item on its own.</summary>
        private DeclarationSyntax? ParseBodyDeclaration(DeclarationChunk chunk, DeclarationSplitter splitter)
        {
            var body = chunk.Body!;
            var isTable = splitter.IsKeyword(chunk.First, "table");
            if (!Checked(chunk.First, body.OpenBrace + 1))
            {
                return null;
            }

            var headerWindow = Window(chunk.First, body.OpenBrace + 1);
            TableHeader? tableHeader = null;
            PolicySyntax? onOverlap = null;
            IdentifierSyntax? setName = null;
            if (isTable)
            {
                var header = TableHeaderParser(headerWindow);
                if (!header.WasSuccessful)
                {
                    Report(DiagnosticDescriptors.UnexpectedToken, header);
                    return null;
                }

                tableHeader = header.Value;
            }
            else
            {
                var header = GroupsHeader(headerWindow);
                if (!header.WasSuccessful)
                {
                    Report(DiagnosticDescriptors.UnexpectedToken, header);
                    return null;
                }

                (setName, onOverlap) = header.Value;
            }

            var items = ImmutableArray.CreateBuilder<SyntaxNode>();
            foreach (var (first, end) in body.Items)
            {
                var item = ParseItem(isTable ? TableItem : GroupEntry.Select(g => (SyntaxNode)g), first, end, isTable);
                if (item is not null)
                {
                    items.Add(item);
                }
            }

            var last = body.CloseBrace >= 0 ? body.CloseBrace : chunk.End - 1;
            var span = TextSpan.FromBounds(Tokens[chunk.First].Start, Tokens[last].End);
            return isTable
                ? BuildTable(tableHeader!, items.ToImmutable(), span)
                : new GroupsSyntax(items.OfType<GroupSyntax>().ToImmutableArray(), span) { OnOverlap = onOverlap, Name = setName };
        }

        private SyntaxNode? ParseItem(Parser<SyntaxNode> parser, int first, int end, bool isTable)
        {
            if (!Checked(first, end))
            {
                return null;
            }

            var result = parser(Window(first, end));
            if (!result.WasSuccessful)
            {
                if (!(isTable && TryReportMisspeltDerive(first, end)))
                {
                    Report(DiagnosticDescriptors.UnexpectedToken, result);
                }

                return null;
            }

            var rest = TokenStart(result.Remainder);
            if (rest < Tokens[end - 1].End)
            {
                var expected = result.Value switch
                {
                    ColumnSyntax => "a column option (unit, range, optional, key or label)",
                    DeriveSyntax d when d.Label is null => "an operator or 'label'",
                    GroupSyntax => isTable ? "a column" : "an operator or the next group",
                    _ => "the next column or '}'",
                };
                if (!TryReportHint(rest, expected))
                {
                    _diagnostics.Add(DiagnosticDescriptors.UnexpectedToken, TokenSpanAt(rest), expected, DescribeFound(rest));
                }

                return null;
            }

            return result.Value;
        }

        /// <summary>False (and nothing more to do) when tokens <c>[first, end)</c> hold a lexical error or nest too deeply.</summary>
        private bool Checked(int first, int end)
        {
            for (var k = first; k < end; k++)
            {
                if (Tokens[k].HasError)
                {
                    return false; // already reported by the tokenizer
                }
            }

            var nesting = NestingGuard.Check(_text, Tokens, first, end);
            if (nesting is { } error)
            {
                _diagnostics.Add(error.Descriptor, error.Span, error.Argument);
                return false;
            }

            return true;
        }

        private SourceInput Window(int firstToken, int endToken) =>
            new(_source, Tokens[firstToken].Start, Tokens[endToken - 1].End);

        /// <summary>One diagnostic for a Sprache failure, at the token where it failed.</summary>
        private void Report<T>(DiagnosticDescriptor descriptor, IResult<T> failure)
        {
            var at = Lexeme.SkipTrivia(_text, failure.Remainder.Position, _text.Length);
            var expected = FormatExpectations(failure);
            // PL1009 explains what a .study file starts with; a hint would hide that.
            if (descriptor == DiagnosticDescriptors.ExpectedStudy || !TryReportHint(at, expected))
            {
                _diagnostics.Add(descriptor, TokenSpanAt(at), expected, DescribeFound(at));
            }
        }

        private void ReportMissingBrace(string what, int openOffset, int expectedAt, int foundToken)
        {
            var found = foundToken < Tokens.Count ? DescribeFound(Tokens[foundToken].Start) : "end of file";
            var line = (_source.GetLinePosition(openOffset).Line + 1).ToString(CultureInfo.InvariantCulture);
            _diagnostics.Add(DiagnosticDescriptors.MissingClosingBrace, new TextSpan(expectedAt, 0), what, line, found);
        }

        private static string FormatExpectations<T>(IResult<T> failure)
        {
            var expectations = failure.Expectations.Distinct(StringComparer.Ordinal).ToList();
            if (expectations.Count == 0)
            {
                return failure.Message ?? "something else";
            }

            return expectations.Count == 1
                ? expectations[0]
                : string.Join(", ", expectations.Take(expectations.Count - 1)) + " or " + expectations[expectations.Count - 1];
        }

        private int FirstTokenAtOrAfter(int offset)
        {
            var index = 0;
            while (index < Tokens.Count && Tokens[index].Start < offset)
            {
                index++;
            }

            return index;
        }

        private string TextOf(StudyToken token) => _text.Substring(token.Start, token.End - token.Start);

        /// <summary>The span of the token starting at <paramref name="offset"/> (empty at the end of the file).</summary>
        private TextSpan TokenSpanAt(int offset) => new(offset, TokenLength(offset));

        private int TokenLength(int offset)
        {
            if (offset >= _text.Length)
            {
                return 0;
            }

            var c = _text[offset];
            if (Lexeme.IsWordStart(c))
            {
                return Lexeme.ScanWord(_text, offset, _text.Length) - offset;
            }

            if (Lexeme.IsDigit(c))
            {
                return Lexeme.ScanNumberLexeme(_text, offset, _text.Length) - offset;
            }

            if (c == '"')
            {
                return Lexeme.ScanString(_text, offset, _text.Length, out _, out _, out _) - offset;
            }

            return Lexeme.ScanSymbol(_text, offset, _text.Length)?.Length ?? 1;
        }

        /// <summary>What the parser found, for messages: <c>'word'</c>, a string, or <c>end of file</c>.</summary>
        private string DescribeFound(int offset)
        {
            if (offset >= _text.Length)
            {
                return "end of file";
            }

            var length = TokenLength(offset);
            var text = _text.Substring(offset, length);
            if (_text[offset] == '"')
            {
                return "string " + (text.Length > 32 ? text.Substring(0, 29) + "...\"" : text);
            }

            return "'" + (text.Length > 32 ? text.Substring(0, 29) + "..." : text) + "'";
        }
    }
}
