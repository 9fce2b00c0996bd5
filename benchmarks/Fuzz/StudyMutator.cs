using System;
using System.Collections.Generic;
using System.Text;

namespace ProtocolLang.Fuzzing;

/// <summary>
/// Seeded mutations of a real <c>.study</c> text: the same seed gives the same case, so a failure
/// is reproduced from its seed alone. Each case applies one to four of: deleting a range, inserting
/// a token or random (also invalid) Unicode, swapping two tokens, duplicating a range, a long line,
/// deep nesting, replacing a character. Truncation at every byte is a separate, systematic pass
/// (<see cref="TruncateAtByte"/>).
/// </summary>
public static class StudyMutator
{
    private static readonly string[] Vocabulary =
    [
        "study", "table", "from", "key", "of", "by", "derive", "include", "exclude", "groups", "outcome",
        "describe", "compare", "model", "test", "report", "title", "version", "continuous", "binary",
        "time_to_event", "repeated", "over", "summary", "vs", "each", "across", "using", "adjust",
        "statistics", "mixed", "cox", "kaplan_meier", "logrank", "pairwise", "reference", "ties", "at",
        "horizon", "formats", "where", "if", "then", "else", "not", "and", "or", "is", "missing", "in",
        "true", "false", "number", "integer", "text", "bool", "date", "category", "optional", "label",
        "unit", "range", "group", "factor", "log", "id", "age", "ck", "NXP2_JDM", "Fn", "StudyRun",
        "{", "}", "(", ")", ",", ":", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "~",
        "|", ".", "..", "\"", "\"x\"", "\"\\", "/*", "*/", "//", "\n", "\r\n", "\t", " ", "0", "1e400",
        "1.5", "-3", "1e", "0..", "..10", "@", "#", "\\", "\u00a0",
    ];

    private static readonly string[] Hostile =
    [
        "\u001b[31m", "\u0007", "\u0000", "\u007f", "\u009b", "\u202e", "\u2066", "\u200b", "\ufeff",
        "\ufffd", "\u2028", "\u2029", "\ud800", "\udc00", "\ud83d\ude00", "γ", "名", "\u0301", "ǅ",
        "\uffff", "\r", "\v", "\f",
    ];

    /// <summary>Case <paramref name="seed"/> over <paramref name="original"/>, and a short description of what was done.</summary>
    public static (string Text, string Description) Mutate(string original, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(original);
        var done = new List<string>();
        for (var steps = random.Next(1, 5); steps > 0; steps--)
        {
            done.Add(Step(text, random));
        }

        return (text.ToString(), string.Join(", ", done));
    }

    /// <summary>The text's UTF-8 bytes cut after <paramref name="length"/> bytes and decoded again (a cut character becomes U+FFFD).</summary>
    public static string TruncateAtByte(byte[] utf8, int length) => Encoding.UTF8.GetString(utf8, 0, length);

    private static string Step(StringBuilder text, Random random)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(10))
        {
            case 0:
            {
                var length = Math.Min(text.Length - at, random.Next(1, random.Next(2) == 0 ? 4 : 60));
                text.Remove(at, length);
                return $"delete {length} at {at}";
            }

            case 1:
            case 2:
            {
                var token = Vocabulary[random.Next(Vocabulary.Length)];
                text.Insert(at, random.Next(2) == 0 ? " " + token + " " : token);
                return $"insert '{Escape(token)}' at {at}";
            }

            case 3:
            {
                var chars = RandomUnicode(random, random.Next(1, 4));
                text.Insert(at, chars);
                return $"insert unicode '{Escape(chars)}' at {at}";
            }

            case 4:
                return SwapTokens(text, random);

            case 5:
            {
                var length = Math.Min(text.Length - at, random.Next(1, 200));
                var copy = text.ToString(at, length);
                var to = random.Next(text.Length + 1);
                text.Insert(to, copy);
                return $"duplicate {length} at {at} to {to}";
            }

            case 6:
            {
                var length = random.Next(2) == 0 ? random.Next(100, 2_000) : random.Next(2_000, 100_000);
                var line = random.Next(4) switch
                {
                    0 => new string('a', length),
                    1 => "\"" + new string('x', length) + "\"",
                    2 => new string('9', length),
                    _ => string.Concat(System.Linq.Enumerable.Repeat("a + ", length / 4)) + "a",
                };
                text.Insert(at, line);
                return $"long line {length} at {at}";
            }

            case 7:
            {
                var depth = random.Next(2) == 0 ? random.Next(30, 100) : random.Next(100, 20_000);
                var (open, close) = random.Next(5) switch
                {
                    0 => ("(", ")"),
                    1 => ("- ", string.Empty),
                    2 => ("not ", string.Empty),
                    3 => ("if a then 1 else ", string.Empty),
                    _ => ("f(", ")"),
                };
                var nested = new StringBuilder();
                for (var i = 0; i < depth; i++)
                {
                    nested.Append(open);
                }

                nested.Append('a');
                for (var i = 0; i < depth && random.Next(20) != 0; i++)
                {
                    nested.Append(close);
                }

                text.Insert(at, nested.ToString());
                return $"nesting '{open}' x{depth} at {at}";
            }

            case 8:
            {
                if (at < text.Length)
                {
                    text[at] = random.Next(2) == 0 ? RandomUnicode(random, 1)[0] : (char)random.Next(32, 127);
                }

                return $"replace at {at}";
            }

            default:
            {
                // An expression with prefix operators in a flat list: must stay within the nesting limit.
                var terms = new StringBuilder("\n  derive z = ");
                var count = random.Next(2, 200);
                for (var i = 0; i < count; i++)
                {
                    terms.Append(i == 0 ? string.Empty : random.Next(2) == 0 ? " + " : " and ").Append(random.Next(2) == 0 ? "-a" : "not b");
                }

                text.Insert(at, terms.Append('\n').ToString());
                return $"flat list of {count} at {at}";
            }
        }
    }

    private static string SwapTokens(StringBuilder text, Random random)
    {
        var source = text.ToString();
        var tokens = new List<(int Start, int Length)>();
        for (var i = 0; i < source.Length;)
        {
            var start = i;
            if (char.IsLetterOrDigit(source[i]) || source[i] == '_')
            {
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            if (!char.IsWhiteSpace(source[start]))
            {
                tokens.Add((start, i - start));
            }
        }

        if (tokens.Count < 2)
        {
            return "swap (none)";
        }

        var a = random.Next(tokens.Count);
        var b = random.Next(tokens.Count);
        if (a > b)
        {
            (a, b) = (b, a);
        }

        if (a == b)
        {
            return "swap (same)";
        }

        var first = tokens[a];
        var second = tokens[b];
        var firstText = source.Substring(first.Start, first.Length);
        var secondText = source.Substring(second.Start, second.Length);
        text.Remove(second.Start, second.Length).Insert(second.Start, firstText);
        text.Remove(first.Start, first.Length).Insert(first.Start, secondText);
        return $"swap '{Escape(firstText)}' and '{Escape(secondText)}'";
    }

    private static string RandomUnicode(Random random, int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(random.Next(3) switch
            {
                0 => Hostile[random.Next(Hostile.Length)],
                1 => ((char)random.Next(0, 0x80)).ToString(),
                _ => ((char)random.Next(0, 0x10000)).ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Printable: control and non-ASCII characters as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > 40 ? text.Substring(0, 40) + "..." : text)
        {
            if (c < 32 || c > 126)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
