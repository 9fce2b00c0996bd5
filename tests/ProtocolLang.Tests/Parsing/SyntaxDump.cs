using System.Collections;
using System.Globalization;
using System.Linq;
using System.Text;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Parsing;

/// <summary>
/// A structural text dump of a syntax tree (every property, spans included). Records holding
/// <c>ImmutableArray</c> compare arrays by reference, so trees from two parses are compared by dump.
/// </summary>
internal static class SyntaxDump
{
    public static string Dump(object? node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int indent)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                builder.Append('"').Append(s).Append('"');
                break;
            case double d:
                builder.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case TextSpan span:
                builder.Append('[').Append(span.Start.ToString(CultureInfo.InvariantCulture)).Append("..")
                    .Append(span.End.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case SyntaxNode node:
                builder.Append(node.GetType().Name).Append(" {");
                foreach (var property in node.GetType().GetProperties().Where(p => p.Name != "EqualityContract").OrderBy(p => p.Name, System.StringComparer.Ordinal))
                {
                    builder.Append('\n').Append(' ', indent + 2).Append(property.Name).Append(": ");
                    Write(builder, property.GetValue(node), indent + 2);
                }

                builder.Append('\n').Append(' ', indent).Append('}');
                break;
            case IEnumerable items:
                builder.Append('[');
                foreach (var item in items)
                {
                    builder.Append('\n').Append(' ', indent + 2);
                    Write(builder, item, indent + 2);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(System.Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
