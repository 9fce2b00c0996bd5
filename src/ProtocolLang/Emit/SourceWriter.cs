using System.Text;

namespace ProtocolLang.Emit;

/// <summary>Writes C# text with four-space indentation and <c>\n</c> line ends, whatever the platform.</summary>
public sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;
    private bool _atLineStart = true;

    public SourceWriter Write(string text)
    {
        if (text.Length == 0)
        {
            return this;
        }

        if (_atLineStart)
        {
            _builder.Append(' ', _indent * 4);
            _atLineStart = false;
        }

        _builder.Append(text);
        return this;
    }

    public SourceWriter Line(string text = "")
    {
        Write(text);
        _builder.Append('\n');
        _atLineStart = true;
        return this;
    }

    /// <summary><c>{</c> on its own line, then one level deeper.</summary>
    public SourceWriter OpenBrace()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>One level shallower, then <c>}</c> followed by <paramref name="suffix"/> (e.g. <c>;</c>).</summary>
    public SourceWriter CloseBrace(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Unindent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
