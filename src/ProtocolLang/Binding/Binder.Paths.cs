using System.Collections.Generic;
using System.Collections.Immutable;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// Paths the study declares (<c>from</c>, <c>report</c>, <c>template</c>) are meant to stay inside the
/// <c>.study</c> file's folder. A path that says otherwise in its text (absolute, or <c>..</c> climbing
/// out of the folder) is warned about here (PL2070); the run refuses it unless it is explicitly allowed
/// (PL4040-PL4042), and catches symbolic links too, which the text cannot show.
/// </summary>
public sealed partial class Binder
{
    private void CheckStudyPaths(ImmutableArray<DeclarationSyntax> declarations)
    {
        foreach (var declaration in declarations)
        {
            switch (declaration)
            {
                case TableSyntax table when IsFileSource(table):
                    CheckStudyPath(table.Source, "the data file of table '" + table.Name.Name + "'");
                    break;
                case ReportSyntax report:
                    CheckStudyPath(report.Directory, "the report folder");
                    if (report.Template is { } template && !IsRooted(template.Value))
                    {
                        // An absolute template is already the error PL2085.
                        CheckStudyPath(template, "the report template");
                    }

                    break;
            }
        }
    }

    private void CheckStudyPath(StringSyntax path, string what)
    {
        if (IsRooted(path.Value))
        {
            _diagnostics.Add(DiagnosticDescriptors.PathOutsideStudy, path.Span, what, path.Value, "is an absolute path outside the study's folder");
        }
        else if (ClimbsOut(path.Value))
        {
            _diagnostics.Add(DiagnosticDescriptors.PathOutsideStudy, path.Span, what, path.Value, "leads out of the study's folder with '..'");
        }
    }

    /// <summary>'/x', '\x', 'C:...' (netstandard2.0 has no Path.IsPathFullyQualified; the check must not depend on the OS).</summary>
    private static bool IsRooted(string path) =>
        path.StartsWith("/", System.StringComparison.Ordinal) || path.StartsWith("\\", System.StringComparison.Ordinal)
        || (path.Length > 1 && path[1] == ':');

    /// <summary>True when, read as text, the path's '..' segments go above its start (a/../.. does; a/../b does not).</summary>
    private static bool ClimbsOut(string path)
    {
        var depth = 0;
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                if (--depth < 0)
                {
                    return true;
                }
            }
            else if (segment.Length > 0 && segment != ".")
            {
                depth++;
            }
        }

        return false;
    }
}
