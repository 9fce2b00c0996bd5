using System;
using System.Collections.Generic;

namespace ProtocolLang.Syntax.Lexing;

/// <summary>A <c>{ ... }</c> body of a table or groups declaration, split into items.</summary>
/// <param name="OpenBrace">Token index of <c>{</c>.</param>
/// <param name="Items">Token ranges <c>[First, End)</c> of the columns, derives or group entries.</param>
/// <param name="CloseBrace">Token index of <c>}</c>, or -1 when the body is not closed.</param>
internal sealed record DeclarationBody(int OpenBrace, IReadOnlyList<(int First, int End)> Items, int CloseBrace);

/// <summary>One top-level declaration: tokens <c>[First, End)</c>, and its body if it has one.</summary>
internal sealed record DeclarationChunk(int First, int End, DeclarationBody? Body);

/// <summary>
/// The recovery step before Sprache: splits the study body into top-level declarations at
/// declaration keywords, and table/groups bodies into items, so each piece can be parsed (and
/// fail) on its own. Keywords are reserved only where the grammar expects them, so a keyword
/// starts a declaration only where a declaration can start: not after an operator or
/// <c>across</c> (<c>across groups</c>), not before an operator. A body whose <c>}</c> is missing
/// ends where a declaration keyword opens a line. Linear in the number of tokens.
/// </summary>
internal sealed class DeclarationSplitter
{
    /// <summary>The words that start a top-level declaration.</summary>
    public static readonly IReadOnlyList<string> DeclarationKeywords =
    [
        "title", "version", "table", "derive", "include", "exclude", "groups",
        "outcome", "describe", "compare", "model", "test", "report", "on_invalid", "population", "compute",
    ];

    /// <summary>Tokens after which a word is an operand, never a declaration keyword.</summary>
    private static readonly HashSet<string> OperandContext = new(StringComparer.Ordinal)
    {
        "(", ",", ":", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "~", ".", "|", "..",
        "and", "or", "not", "in", "is", "if", "then", "else", "vs", "across",

        // Words after which the grammar expects a name.
        "compare", "describe", "outcome", "derive", "table", "of", "by", "key", "using", "adjust", "over",
        "strata", "reference", "formats", "mixed", "cox", "kaplan_meier", "logrank", "repeated",
        "on_invalid", "on_overlap",
    };

    private static readonly HashSet<string> ColumnOptionKeywords = new(StringComparer.Ordinal)
    {
        "unit", "range", "optional", "key", "label",
    };

    /// <summary>Words that continue an expression from the line before.</summary>
    private static readonly HashSet<string> ExpressionOperatorWords = new(StringComparer.Ordinal)
    {
        "and", "or", "is", "not", "in", "then", "else", "label",
    };

    private readonly string _text;
    private readonly List<StudyToken> _tokens;
    private readonly int _bodyStart;
    private readonly int _lastDeclarationStart;

    private DeclarationSplitter(string text, List<StudyToken> tokens, int bodyStart)
    {
        _text = text;
        _tokens = tokens;
        _bodyStart = bodyStart;
        _lastDeclarationStart = -1;
        for (var i = tokens.Count - 1; i >= bodyStart; i--)
        {
            if (IsDeclarationStart(i))
            {
                _lastDeclarationStart = i;
                break;
            }
        }
    }

    public List<DeclarationChunk> Chunks { get; } = [];

    /// <summary>Token index of the study's closing <c>}</c>, or -1 when it is missing.</summary>
    public int StudyCloseBrace { get; private set; } = -1;

    /// <summary>Bodies not closed: (chunk, token index the <c>}</c> was expected before, or token count at end of file).</summary>
    public List<(DeclarationChunk Chunk, int FoundToken)> UnclosedBodies { get; } = [];

    public static DeclarationSplitter Split(string text, List<StudyToken> tokens, int bodyStart)
    {
        var splitter = new DeclarationSplitter(text, tokens, bodyStart);
        splitter.Run();
        return splitter;
    }

    public bool IsKeyword(int index, string keyword) =>
        index >= 0 && index < _tokens.Count && _tokens[index].Kind == TokenKind.Word && _tokens[index].Is(keyword, _text);

    private bool IsSymbol(int index, string symbol) =>
        index >= 0 && index < _tokens.Count && _tokens[index].Kind == TokenKind.Symbol && _tokens[index].Is(symbol, _text);

    private bool IsKind(int index, TokenKind kind) => index >= 0 && index < _tokens.Count && _tokens[index].Kind == kind;

    private bool IsDeclarationKeyword(int index)
    {
        if (!IsKind(index, TokenKind.Word))
        {
            return false;
        }

        foreach (var keyword in DeclarationKeywords)
        {
            if (_tokens[index].Is(keyword, _text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A declaration keyword where a declaration can start (see the class remarks).</summary>
    private bool IsDeclarationStart(int index)
    {
        if (!IsDeclarationKeyword(index))
        {
            return false;
        }

        // After an operator the word is an operand, unless it opens a line: then the line before
        // is more likely unfinished than continued by a column named like a keyword.
        if (index > _bodyStart && OperandContext.Contains(TokenText(index - 1))
            && (!_tokens[index].FirstOnLine || TokenText(index - 1) == "across"))
        {
            return false;
        }

        // `from duckdb "file" table "name"`: there 'table' sits between two strings, where no declaration starts.
        if (IsKeyword(index, "table") && IsKind(index - 1, TokenKind.String) && IsKind(index + 1, TokenKind.String))
        {
            return false;
        }

        var next = index + 1;
        return !(IsKind(next, TokenKind.Symbol) && !IsSymbol(next, "{"));
    }

    /// <summary>
    /// <c>on_invalid</c> inside a table header (<c>table t from "f" on_invalid exclude {</c>) is a clause, not the
    /// study-level declaration: it is one unless it opens a line that does not go on to the body's <c>{</c>.
    /// </summary>
    private bool IsHeaderPolicy(int index) =>
        IsKeyword(index, "on_invalid") && (!_tokens[index].FirstOnLine || IsSymbol(index + 2, "{"));

    private string TokenText(int index)
    {
        var token = _tokens[index];
        return token.Kind is TokenKind.Word or TokenKind.Symbol ? _text.Substring(token.Start, token.End - token.Start) : string.Empty;
    }

    private void Run()
    {
        var i = _bodyStart;
        var chunkStart = -1;
        var nestedBraces = 0;
        while (i < _tokens.Count)
        {
            if (IsSymbol(i, "}") && nestedBraces == 0 && i > _lastDeclarationStart)
            {
                CloseChunk(ref chunkStart, i);
                StudyCloseBrace = i;
                return;
            }

            if (IsDeclarationStart(i))
            {
                CloseChunk(ref chunkStart, i);
                nestedBraces = 0;
                if (IsKeyword(i, "table") || IsKeyword(i, "groups"))
                {
                    i = SplitBodyDeclaration(i);
                    continue;
                }

                chunkStart = i;
            }
            else if (chunkStart < 0)
            {
                chunkStart = i;
            }

            // A brace inside an ordinary declaration is an error Sprache reports; keep the pair together.
            if (IsSymbol(i, "{"))
            {
                nestedBraces++;
            }
            else if (IsSymbol(i, "}") && nestedBraces > 0)
            {
                nestedBraces--;
            }

            i++;
        }

        CloseChunk(ref chunkStart, _tokens.Count);
    }

    private void CloseChunk(ref int chunkStart, int end)
    {
        if (chunkStart >= 0 && end > chunkStart)
        {
            Chunks.Add(new DeclarationChunk(chunkStart, end, null));
        }

        chunkStart = -1;
    }

    /// <summary>Splits <c>table ... { items }</c> or <c>groups { items }</c>; returns the token after it.</summary>
    private int SplitBodyDeclaration(int start)
    {
        var isTable = IsKeyword(start, "table");
        var j = start + 1;
        while (j < _tokens.Count && !IsSymbol(j, "{") && !IsSymbol(j, "}") && !(IsDeclarationStart(j) && !IsHeaderPolicy(j)))
        {
            j++;
        }

        if (!IsSymbol(j, "{"))
        {
            // No body: the header alone goes to Sprache, which reports the missing '{'.
            Chunks.Add(new DeclarationChunk(start, j, null));
            return j;
        }

        var open = j;
        var items = new List<(int First, int End)>();
        var itemStart = -1;
        var parens = 0;
        var braces = 0;
        var k = open + 1;
        var close = -1;
        for (; k < _tokens.Count; k++)
        {
            if (IsSymbol(k, "}") && braces == 0)
            {
                close = k;
                break;
            }

            if (_tokens[k].FirstOnLine && braces == 0 && EndsBodyImplicitly(k, isTable))
            {
                break;
            }

            var startsItem = isTable ? StartsTableItem(k, parens) : StartsGroupEntry(k, parens);
            if (itemStart < 0 || (braces == 0 && startsItem))
            {
                if (itemStart >= 0)
                {
                    items.Add((itemStart, k));
                }

                itemStart = k;
                parens = 0;
            }

            if (IsSymbol(k, "("))
            {
                parens++;
            }
            else if (IsSymbol(k, ")"))
            {
                parens = Math.Max(0, parens - 1);
            }
            else if (IsSymbol(k, "{"))
            {
                braces++;
            }
            else if (IsSymbol(k, "}"))
            {
                braces--;
            }
        }

        if (itemStart >= 0)
        {
            items.Add((itemStart, k));
        }

        var chunk = new DeclarationChunk(start, close >= 0 ? close + 1 : k, new DeclarationBody(open, items, close));
        Chunks.Add(chunk);
        if (close < 0)
        {
            UnclosedBodies.Add((chunk, k));
            return k;
        }

        return close + 1;
    }

    /// <summary>
    /// <c>name :</c>, <c>name ,</c> (not after a comma), <c>derive name</c>, or any other word
    /// opening a line that does not continue the line before (a column option or an operand).
    /// </summary>
    private bool StartsTableItem(int k, int parens)
    {
        if (!IsKind(k, TokenKind.Word) || IsSymbol(k - 1, ","))
        {
            return false;
        }

        var lineStart = _tokens[k].FirstOnLine;
        if (IsSymbol(k + 1, ":") || (IsKeyword(k, "derive") && IsKind(k + 1, TokenKind.Word)))
        {
            return parens == 0 || lineStart;
        }

        if (IsSymbol(k + 1, ","))
        {
            return parens == 0;
        }

        return lineStart && parens == 0 && !ContinuesLine(k) && !ColumnOptionKeywords.Contains(TokenText(k));
    }

    /// <summary><c>Name "label"</c>, or any other word opening a line that does not continue the line before.</summary>
    private bool StartsGroupEntry(int k, int parens)
    {
        if (!IsKind(k, TokenKind.Word))
        {
            return false;
        }

        if (IsKind(k + 1, TokenKind.String))
        {
            return parens == 0 || _tokens[k].FirstOnLine;
        }

        return _tokens[k].FirstOnLine && parens == 0 && !ContinuesLine(k);
    }

    /// <summary>The word at <paramref name="k"/> continues an expression: an operator is before or it is one.</summary>
    private bool ContinuesLine(int k) =>
        OperandContext.Contains(TokenText(k - 1)) || ExpressionOperatorWords.Contains(TokenText(k));

    /// <summary>
    /// A declaration keyword opening a line inside a body, and not shaped like an item of that
    /// body (<c>name:</c>, <c>name,</c>, a table's <c>derive</c>, a group <c>Name "label":</c>),
    /// means the body's <c>}</c> is missing.
    /// </summary>
    private bool EndsBodyImplicitly(int k, bool isTable)
    {
        if (!IsDeclarationStart(k) || IsSymbol(k + 1, ":") || IsSymbol(k + 1, ","))
        {
            return false;
        }

        if (isTable && IsKeyword(k, "derive"))
        {
            return false;
        }

        return isTable || !(IsKind(k + 1, TokenKind.String) && IsSymbol(k + 2, ":"));
    }
}
