using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Plan;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// Loads and renders report templates: the built-in ones (embedded resources) and a study's own
/// (<c>template "my.md.scriban"</c>), all fed the same view, with the same Scriban settings.
/// </summary>
internal static class ReportTemplates
{
    private const string ResourcePrefix = "ProtocolLang.Runtime.Reports.Templates.";
    private static readonly ConcurrentDictionary<string, Template> BuiltIn = new(StringComparer.Ordinal);

    /// <summary>Which report a study's template replaces: <c>*.html.scriban</c> the HTML one, any other name the Markdown one.</summary>
    public static ReportFormat FormatOf(string templatePath) =>
        templatePath.EndsWith(".html.scriban", StringComparison.OrdinalIgnoreCase) ? ReportFormat.Html : ReportFormat.Markdown;

    public static Template LoadBuiltIn(string name) => BuiltIn.GetOrAdd(name, n =>
    {
        string resource = ResourcePrefix + n;
        using Stream stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded template '{resource}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Template template = Template.Parse(reader.ReadToEnd(), resource);
        if (template.HasErrors)
        {
            throw new InvalidOperationException("The built-in report template does not parse: " + string.Join("; ", template.Messages));
        }

        return template;
    });

    /// <summary>Reads and parses a study's template; <paramref name="shownName"/> is how errors name it.</summary>
    public static Template LoadUser(string path, string shownName)
    {
        if (!File.Exists(path))
        {
            throw new ReportTemplateException(ReportTemplateException.MissingCode, shownName, null, null,
                $"the report template '{shownName}' does not exist (looked for {Path.GetFileName(path)} next to the .study file)");
        }

        string text = File.ReadAllText(path, Encoding.UTF8);
        Template template = Template.Parse(text, shownName);
        if (template.HasErrors)
        {
            LogMessage first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new ReportTemplateException(ReportTemplateException.SyntaxCode, shownName, first.Span.Start.Line + 1, first.Span.Start.Column + 1,
                "the report template does not parse: " + first.Message);
        }

        return template;
    }

    /// <summary>Renders <paramref name="template"/> with the view's members as globals, in the invariant culture.</summary>
    public static string Render(Template template, ReportView view, string? userTemplateName)
    {
        var globals = new ScriptObject();
        globals.Import(view);
        var context = new TemplateContext
        {
            MemberRenamer = StandardMemberRenamer.Default,
            NewLine = "\n",
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            // Scriban counts array.join's internal steps across the whole render; a report with
            // several model tables passes its default of 1000. The templates have no unbounded loops.
            LoopLimit = 0,
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e) when (userTemplateName is not null)
        {
            throw new ReportTemplateException(ReportTemplateException.RenderCode, userTemplateName, e.Span.Start.Line + 1, e.Span.Start.Column + 1,
                "the report template fails: " + e.OriginalMessage);
        }
    }
}
