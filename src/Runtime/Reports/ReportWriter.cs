using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using Scriban;
using Scriban.Runtime;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// Renders and writes the reports: <c>report.md</c> from the built-in Scriban template and
/// <c>results.json</c>. Files are UTF-8 without a byte-order mark, with LF line ends, and depend
/// only on the results: no timestamps, absolute paths or machine names, and no current culture.
/// </summary>
public static class ReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string JsonFile = "results.json";
    private const string TemplateResource = "ProtocolLang.Runtime.Reports.Templates.report.md.scriban";

    private static readonly Lazy<Template> MarkdownTemplate = new(LoadTemplate);

    /// <summary>This tool's name and version (major.minor.patch of the runtime assembly).</summary>
    public static ToolInfo Tool { get; } = new("ProtocolLang", ToolVersion());

    /// <summary>The outputs for <paramref name="formats"/>, each once, in the order asked.</summary>
    public static IReadOnlyList<ReportOutput> Outputs(IReadOnlyList<ReportFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        return formats.Distinct().Select(f => f switch
        {
            ReportFormat.Markdown => new ReportOutput("markdown", MarkdownFile, ResultStatus.Ok),
            ReportFormat.Json => new ReportOutput("json", JsonFile, ResultStatus.Ok),
            _ => new ReportOutput("html", null, ResultStatus.NotImplemented),
        }).ToArray();
    }

    /// <summary>Writes each output of <paramref name="formats"/> to <paramref name="outputDirectory"/> (created if needed).</summary>
    public static void Write(StudyResults results, string outputDirectory, IReadOnlyList<ReportFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(formats);
        Directory.CreateDirectory(outputDirectory);
        foreach (ReportFormat format in formats.Distinct())
        {
            switch (format)
            {
                case ReportFormat.Markdown:
                    WriteText(Path.Combine(outputDirectory, MarkdownFile), RenderMarkdown(results));
                    break;
                case ReportFormat.Json:
                    WriteText(Path.Combine(outputDirectory, JsonFile), ResultsJson.Serialize(results));
                    break;
                default:
                    // HTML is listed in results.reports as "not_implemented"; nothing to write.
                    break;
            }
        }
    }

    /// <summary>The Markdown report of <paramref name="results"/>.</summary>
    public static string RenderMarkdown(StudyResults results)
    {
        ReportView view = ReportViewBuilder.Build(results);
        var globals = new ScriptObject();
        globals.Import(view);
        var context = new TemplateContext
        {
            MemberRenamer = StandardMemberRenamer.Default,
            NewLine = "\n",
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            // Scriban counts array.join's internal steps across the whole render; a report with
            // several model tables passes its default of 1000. The template has no unbounded loops.
            LoopLimit = 0,
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        string text = MarkdownTemplate.Value.Render(context);
        return Normalise(text);
    }

    private static void WriteText(string path, string text) =>
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>LF line ends, no trailing spaces, at most one blank line in a row, one final newline.</summary>
    private static string Normalise(string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var builder = new StringBuilder(text.Length);
        bool blank = true;
        foreach (string raw in lines)
        {
            string line = raw.TrimEnd(' ', '\t');
            if (line.Length == 0)
            {
                if (!blank)
                {
                    builder.Append('\n');
                }

                blank = true;
                continue;
            }

            builder.Append(line).Append('\n');
            blank = false;
        }

        string result = builder.ToString();
        return result.EndsWith("\n\n", StringComparison.Ordinal) ? result[..^1] : result;
    }

    private static Template LoadTemplate()
    {
        using Stream stream = typeof(ReportWriter).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"Embedded template '{TemplateResource}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Template template = Template.Parse(reader.ReadToEnd(), TemplateResource);
        if (template.HasErrors)
        {
            throw new InvalidOperationException("The built-in report template does not parse: " + string.Join("; ", template.Messages));
        }

        return template;
    }

    private static string ToolVersion()
    {
        Version version = typeof(ReportWriter).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return version.ToString(3);
    }
}
