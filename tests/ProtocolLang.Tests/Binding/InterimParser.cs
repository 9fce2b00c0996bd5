using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// A throwaway recursive-descent reader of the .study grammar, used by binder and emitter tests only
/// while <see cref="StudyParser.Parse"/> is not implemented (see <see cref="TestStudies.Parse"/>).
/// No error recovery: it throws on the first syntax error. Delete it once the real parser lands.
/// </summary>
internal sealed class InterimParser
{
    private readonly List<(string Text, int Start, char Kind)> _tokens = [];
    private int _p;

    private InterimParser(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/') { while (i < text.Length && text[i] != '\n') { i++; } continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*') { i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) + 2; continue; }
            var start = i;
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) { i++; }
                _tokens.Add((text.Substring(start, i - start), start, 'i'));
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && (char.IsDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))) { i++; }
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E')) { i++; if (text[i] == '-' || text[i] == '+') { i++; } while (i < text.Length && char.IsDigit(text[i])) { i++; } }
                _tokens.Add((text.Substring(start, i - start), start, 'n'));
            }
            else if (c == '"')
            {
                i++;
                var value = new System.Text.StringBuilder();
                while (text[i] != '"')
                {
                    if (text[i] == '\\') { i++; value.Append(text[i] switch { 'n' => '\n', 't' => '\t', _ => text[i] }); }
                    else { value.Append(text[i]); }
                    i++;
                }

                i++;
                _tokens.Add((value.ToString(), start, 's'));
                _ends.Add(_tokens.Count - 1, i);
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                var op = two is "==" or "!=" or "<=" or ">=" or ".." ? two : c.ToString();
                i += op.Length;
                _tokens.Add((op, start, 'o'));
            }
        }

        _tokens.Add(("<eof>", text.Length, 'e'));
    }

    private readonly Dictionary<int, int> _ends = [];

    public static StudySyntax Parse(string text) => new InterimParser(text).Study();

    private (string Text, int Start, char Kind) Peek(int k = 0) => _tokens[Math.Min(_p + k, _tokens.Count - 1)];

    private bool Is(string text, int k = 0) => Peek(k).Kind != 's' && Peek(k).Text == text;

    private int End(int index) => _ends.TryGetValue(index, out var end) ? end : _tokens[index].Start + _tokens[index].Text.Length;

    private int LastEnd => End(_p - 1);

    private TextSpan From(int start) => TextSpan.FromBounds(start, LastEnd);

    private bool Accept(string text)
    {
        if (!Is(text)) { return false; }
        _p++;
        return true;
    }

    private void Expect(string text)
    {
        if (!Accept(text)) { throw new FormatException($"expected '{text}' at {Peek().Start}, found '{Peek().Text}'"); }
    }

    private IdentifierSyntax Ident()
    {
        var t = Peek();
        if (t.Kind != 'i') { throw new FormatException($"expected identifier at {t.Start}, found '{t.Text}'"); }
        _p++;
        return new IdentifierSyntax(t.Text, new TextSpan(t.Start, t.Text.Length));
    }

    private StringSyntax Str()
    {
        var t = Peek();
        if (t.Kind != 's') { throw new FormatException($"expected string at {t.Start}"); }
        _p++;
        return new StringSyntax(t.Text, TextSpan.FromBounds(t.Start, End(_p - 1)));
    }

    private NumberSyntax Num()
    {
        var start = Peek().Start;
        var negative = Accept("-");
        var t = Peek();
        _p++;
        var text = (negative ? "-" : string.Empty) + t.Text;
        return new NumberSyntax(double.Parse(text, CultureInfo.InvariantCulture), text, From(start));
    }

    private ImmutableArray<IdentifierSyntax> IdentList()
    {
        var list = ImmutableArray.CreateBuilder<IdentifierSyntax>();
        do { list.Add(Ident()); } while (Accept(","));
        return list.ToImmutable();
    }

    private StudySyntax Study()
    {
        var start = Peek().Start;
        Expect("study");
        var name = Ident();
        Expect("{");
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        while (!Is("}"))
        {
            declarations.Add(Declaration());
        }

        Expect("}");
        return new StudySyntax(name, declarations.ToImmutable(), From(start));
    }

    private DeclarationSyntax Declaration()
    {
        var start = Peek().Start;
        var keyword = Ident().Name;
        switch (keyword)
        {
            case "title": { var s = Str(); return new TitleSyntax(s, From(start)); }
            case "version": { var s = Str(); return new VersionSyntax(s, From(start)); }
            case "table": return Table(start);
            case "derive": return Derive(start);
            case "include":
            case "exclude":
            {
                var label = Str();
                Expect(":");
                var e = Expr();
                return new CriterionSyntax(keyword == "include" ? CriterionKind.Include : CriterionKind.Exclude, label, e, From(start));
            }

            case "groups":
            {
                Expect("{");
                var groups = ImmutableArray.CreateBuilder<GroupSyntax>();
                while (!Is("}"))
                {
                    var gs = Peek().Start;
                    var n = Ident();
                    var l = Str();
                    Expect(":");
                    var e = Expr();
                    groups.Add(new GroupSyntax(n, l, e, From(gs)));
                }

                Expect("}");
                return new GroupsSyntax(groups.ToImmutable(), From(start));
            }

            case "outcome": return Outcome(start);
            case "describe":
            {
                var vars = IdentList();
                Expect("by");
                Expect("group");
                return new DescribeSyntax(vars, From(start));
            }

            case "compare": return Compare(start);
            case "model": return Model(start);
            case "test":
            {
                Expect("logrank");
                var o = Ident();
                Expect("by");
                Expect("group");
                NumberSyntax? rho = Accept("rho") ? Num() : null;
                IdentifierSyntax? strata = Accept("strata") ? Ident() : null;
                return new LogRankSyntax(o, rho, strata, From(start));
            }

            case "report":
            {
                var dir = Str();
                var formats = Accept("formats") ? IdentList() : ImmutableArray<IdentifierSyntax>.Empty;
                StringSyntax? template = Accept("template") ? Str() : null;
                return new ReportSyntax(dir, formats, template, From(start));
            }

            default: throw new FormatException($"unknown declaration '{keyword}' at {start}");
        }
    }

    private TableSyntax Table(int start)
    {
        var name = Ident();
        Expect("from");
        var source = Str();
        IdentifierSyntax? key = Accept("key") ? Ident() : null;
        IdentifierSyntax? parent = null, link = null;
        if (Accept("of")) { parent = Ident(); Expect("by"); link = Ident(); }
        Expect("{");
        var columns = ImmutableArray.CreateBuilder<ColumnSyntax>();
        var derived = ImmutableArray.CreateBuilder<DeriveSyntax>();
        while (!Is("}"))
        {
            var cs = Peek().Start;
            if (Is("derive") && Peek(1).Kind == 'i' && Is("=", 2)) { _p++; derived.Add(Derive(cs)); continue; }
            var names = IdentList();
            Expect(":");
            var ts = Peek().Start;
            var keyword = Ident();
            var levels = ImmutableArray<IdentifierSyntax>.Empty;
            if (Accept("(")) { levels = IdentList(); Expect(")"); }
            var type = new TypeSyntax(keyword, levels, From(ts));
            var options = ImmutableArray.CreateBuilder<ColumnOptionSyntax>();
            while (true)
            {
                var os = Peek().Start;
                if (Accept("unit")) { options.Add(new UnitOptionSyntax(Str(), From(os))); }
                else if (Accept("label")) { options.Add(new LabelOptionSyntax(Str(), From(os))); }
                else if (Accept("optional")) { options.Add(new OptionalOptionSyntax(From(os))); }
                else if (Accept("key")) { options.Add(new KeyOptionSyntax(From(os))); }
                else if (Accept("range"))
                {
                    NumberSyntax? min = Is("..") ? null : Num();
                    Expect("..");
                    NumberSyntax? max = Peek().Kind == 'n' || Is("-") ? Num() : null;
                    options.Add(new RangeOptionSyntax(min, max, From(os)));
                }
                else { break; }
            }

            columns.Add(new ColumnSyntax(names, type, options.ToImmutable(), From(cs)));
        }

        Expect("}");
        return new TableSyntax(name, source, key, parent, link, columns.ToImmutable(), derived.ToImmutable(), From(start));
    }

    private DeriveSyntax Derive(int start)
    {
        var name = Ident();
        Expect("=");
        var e = Expr();
        StringSyntax? label = Accept("label") ? Str() : null;
        return new DeriveSyntax(name, e, label, From(start));
    }

    private OutcomeSyntax Outcome(int start)
    {
        var name = Ident();
        StringSyntax? label = Peek().Kind == 's' ? Str() : null;
        Expect(":");
        var ks = Peek().Start;
        var kind = Ident().Name;
        OutcomeKindSyntax k;
        switch (kind)
        {
            case "continuous": { var e = Expr(); var s = Accept("summary") ? Ident() : null; k = new ContinuousOutcomeSyntax(e, s, From(ks)); break; }
            case "binary": k = new BinaryOutcomeSyntax(Expr(), From(ks)); break;
            case "categorical": k = new CategoricalOutcomeSyntax(Expr(), From(ks)); break;
            case "count": k = new CountOutcomeSyntax(Expr(), From(ks)); break;
            case "time_to_event":
            {
                Expect("(");
                var t = Expr();
                Expect(",");
                var ev = Expr();
                Expect(")");
                var h = Accept("horizon") ? Num() : null;
                k = new TimeToEventOutcomeSyntax(t, ev, h, From(ks));
                break;
            }

            default:
            {
                var table = Ident();
                Expect(".");
                var column = Ident();
                Expect("over");
                k = new RepeatedOutcomeSyntax(table, column, Ident(), From(ks));
                break;
            }
        }

        return new OutcomeSyntax(name, label, k, From(start));
    }

    private CompareSyntax Compare(int start)
    {
        var vars = IdentList();
        PairingSyntax pairing;
        var ps = Peek().Start;
        if (Accept("across")) { Expect("groups"); pairing = new AcrossGroupsPairingSyntax(From(ps)); }
        else
        {
            Expect(":");
            ps = Peek().Start;
            if (Accept("all")) { Expect("pairs"); pairing = new AllPairsPairingSyntax(From(ps)); }
            else
            {
                var first = Ident();
                Expect("vs");
                if (Accept("each")) { pairing = new VsEachPairingSyntax(first, From(ps)); }
                else if (Accept("(")) { var others = IdentList(); Expect(")"); pairing = new VsListPairingSyntax(first, others, From(ps)); }
                else { pairing = new TwoGroupsPairingSyntax(first, Ident(), From(ps)); }
            }
        }

        Expect("using");
        var test = Ident();
        var adjust = Accept("adjust") ? Ident() : null;
        return new CompareSyntax(vars, pairing, test, adjust, From(start));
    }

    private DeclarationSyntax Model(int start)
    {
        var kind = Ident().Name;
        if (kind == "kaplan_meier")
        {
            var o = Ident();
            Expect("by");
            Expect("group");
            var times = ImmutableArray.CreateBuilder<NumberSyntax>();
            if (Accept("at")) { do { times.Add(Num()); } while (Accept(",")); }
            return new KaplanMeierSyntax(o, times.ToImmutable(), From(start));
        }

        if (kind == "cox")
        {
            var o = Ident();
            Expect("~");
            var terms = ImmutableArray.CreateBuilder<IdentifierSyntax>();
            do { terms.Add(Ident()); } while (Accept("+"));
            var refs = ImmutableArray.CreateBuilder<ReferenceSyntax>();
            if (Accept("reference"))
            {
                do
                {
                    var rs = Peek().Start;
                    var a = Ident();
                    refs.Add(Accept("=") ? new ReferenceSyntax(a, Ident(), From(rs)) : new ReferenceSyntax(null, a, From(rs)));
                }
                while (Accept(","));
            }

            var ties = Accept("ties") ? Ident() : null;
            var strata = Accept("strata") ? IdentList() : ImmutableArray<IdentifierSyntax>.Empty;
            return new CoxModelSyntax(o, terms.ToImmutable(), refs.ToImmutable(), ties, strata, From(start));
        }

        var fs = Peek().Start;
        var rs2 = Peek().Start;
        var first = Ident();
        ResponseSyntax response = Accept("(") ? new ResponseSyntax(first, Ident(), From(rs2)) : new ResponseSyntax(null, first, From(rs2));
        if (response.Transform is not null) { Expect(")"); response = response with { Span = From(rs2) }; }
        Expect("~");
        var fterms = ImmutableArray.CreateBuilder<FormulaTermSyntax>();
        do
        {
            var ts = Peek().Start;
            if (Is("(") && (Peek(1).Text == "1" || Is("|", 2)))
            {
                _p++;
                var intercept = false;
                IdentifierSyntax? slope = null;
                if (Accept("1")) { intercept = true; if (Accept("+")) { slope = Ident(); } }
                else { slope = Ident(); }
                Expect("|");
                var g = Ident();
                Expect(")");
                fterms.Add(new RandomTermSyntax(intercept, slope, g, From(ts)));
                continue;
            }

            var factors = ImmutableArray.CreateBuilder<FormulaFactorSyntax>();
            var op = FormulaOperator.None;
            do
            {
                var fa = Peek().Start;
                if (Accept("factor")) { Expect("("); var v = Ident(); Expect(")"); factors.Add(new FormulaFactorSyntax(v, true, From(fa))); }
                else { factors.Add(new FormulaFactorSyntax(Ident(), false, From(fa))); }
                if (Is("*")) { op = FormulaOperator.Crossed; }
                else if (Is(":")) { op = FormulaOperator.Interaction; }
            }
            while (Accept("*") || Accept(":"));
            fterms.Add(new FixedTermSyntax(factors.ToImmutable(), op, From(ts)));
        }
        while (Accept("+"));
        var formula = new FormulaSyntax(response, fterms.ToImmutable(), From(fs));
        var where = Accept("where") ? Expr() : null;
        var method = Accept("method") ? Ident() : null;
        return new MixedModelSyntax(formula, where, method, From(start));
    }

    private ExpressionSyntax Expr() => Or();

    private ExpressionSyntax Or()
    {
        var left = And();
        while (Is("or")) { var os = Peek().Start; _p++; var right = And(); left = new BinaryExpressionSyntax(BinaryOperator.Or, left, right, new TextSpan(os, 2), TextSpan.FromBounds(left.Span.Start, right.Span.End)); }
        return left;
    }

    private ExpressionSyntax And()
    {
        var left = Not();
        while (Is("and")) { var os = Peek().Start; _p++; var right = Not(); left = new BinaryExpressionSyntax(BinaryOperator.And, left, right, new TextSpan(os, 3), TextSpan.FromBounds(left.Span.Start, right.Span.End)); }
        return left;
    }

    private ExpressionSyntax Not()
    {
        var start = Peek().Start;
        if (Accept("not")) { var operand = Not(); return new UnaryExpressionSyntax(UnaryOperator.Not, operand, From(start)); }
        return Comparison();
    }

    private ExpressionSyntax Comparison()
    {
        var left = Additive();
        var t = Peek();
        var op = t.Kind == 'o' ? t.Text switch
        {
            "==" => BinaryOperator.Equal, "!=" => BinaryOperator.NotEqual, "<" => BinaryOperator.Less, "<=" => BinaryOperator.LessOrEqual,
            ">" => BinaryOperator.Greater, ">=" => BinaryOperator.GreaterOrEqual, _ => (BinaryOperator?)null,
        } : null;
        if (op is not null) { _p++; var right = Additive(); return new BinaryExpressionSyntax(op.Value, left, right, new TextSpan(t.Start, t.Text.Length), TextSpan.FromBounds(left.Span.Start, right.Span.End)); }
        if (Accept("is")) { var negated = Accept("not"); Expect("missing"); return new IsMissingExpressionSyntax(left, negated, TextSpan.FromBounds(left.Span.Start, LastEnd)); }
        if (Is("in") || (Is("not") && Is("in", 1)))
        {
            var negated = Accept("not");
            Expect("in");
            Expect("(");
            var values = ImmutableArray.CreateBuilder<ExpressionSyntax>();
            do { values.Add(Expr()); } while (Accept(","));
            Expect(")");
            return new InExpressionSyntax(left, values.ToImmutable(), negated, TextSpan.FromBounds(left.Span.Start, LastEnd));
        }

        return left;
    }

    private ExpressionSyntax Additive()
    {
        var left = Multiplicative();
        while (Is("+") || Is("-"))
        {
            var t = Peek(); _p++;
            var right = Multiplicative();
            left = new BinaryExpressionSyntax(t.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract, left, right, new TextSpan(t.Start, 1), TextSpan.FromBounds(left.Span.Start, right.Span.End));
        }

        return left;
    }

    private ExpressionSyntax Multiplicative()
    {
        var left = Unary();
        while (Is("*") || Is("/"))
        {
            var t = Peek(); _p++;
            var right = Unary();
            left = new BinaryExpressionSyntax(t.Text == "*" ? BinaryOperator.Multiply : BinaryOperator.Divide, left, right, new TextSpan(t.Start, 1), TextSpan.FromBounds(left.Span.Start, right.Span.End));
        }

        return left;
    }

    private ExpressionSyntax Unary()
    {
        var start = Peek().Start;
        if (Accept("-")) { var operand = Unary(); return new UnaryExpressionSyntax(UnaryOperator.Negate, operand, From(start)); }
        return Primary();
    }

    private ExpressionSyntax Primary()
    {
        var t = Peek();
        var start = t.Start;
        if (t.Kind == 'n') { return new NumberLiteralExpressionSyntax(Num()); }
        if (t.Kind == 's') { return new StringLiteralExpressionSyntax(Str()); }
        if (Accept("true") || Accept("false")) { return new BoolLiteralExpressionSyntax(t.Text == "true", From(start)); }
        if (Accept("missing")) { return new MissingLiteralExpressionSyntax(From(start)); }
        if (Accept("if"))
        {
            var c = Expr(); Expect("then"); var a = Expr(); Expect("else"); var b = Expr();
            return new ConditionalExpressionSyntax(c, a, b, From(start));
        }

        if (Accept("(")) { var inner = Expr(); Expect(")"); return new ParenthesizedExpressionSyntax(inner, From(start)); }
        var name = Ident();
        if (Accept("("))
        {
            var args = ImmutableArray.CreateBuilder<ExpressionSyntax>();
            if (!Is(")")) { do { args.Add(Expr()); } while (Accept(",")); }
            Expect(")");
            return new CallExpressionSyntax(name, args.ToImmutable(), From(start));
        }

        if (Accept(".")) { var member = Ident(); return new NameExpressionSyntax(name, member, From(start)); }
        return new NameExpressionSyntax(null, name, From(start));
    }
}
