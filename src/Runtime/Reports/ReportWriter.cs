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

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// Renders and writes the reports: <c>report.md</c> and <c>report.html</c> from built-in Scriban
/// templates (or the study's own), their figures as <c>figures/*.svg</c>, <c>report.docx</c> (Word, see
/// <see cref="Docx.DocxReport"/>) and <c>results.json</c>.
/// Files are UTF-8 without a byte-order mark, with LF line ends, and depend only on the results:
/// no timestamps, absolute paths or machine names, and no current culture.
/// </summary>
public static class ReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";
    public const string JsonFile = "results.json";
    public const string DocxFile = "report.docx";
    private const string MarkdownTemplate = "report.md.scriban";
    private const string HtmlTemplate = "report.html.scriban";

    /// <summary>The resource name of the built-in template of <paramref name="format"/> (Markdown or HTML).</summary>
    internal static string BuiltInTemplate(ReportFormat format) => format == ReportFormat.Html ? HtmlTemplate : MarkdownTemplate;

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
            ReportFormat.Docx => new ReportOutput("docx", DocxFile, ResultStatus.Ok),
            _ => new ReportOutput("html", HtmlFile, ResultStatus.Ok),
        }).ToArray();
    }

    /// <summary>Writes each output of <paramref name="formats"/> to <paramref name="outputDirectory"/> (created if needed).</summary>
    public static void Write(StudyResults results, string outputDirectory, IReadOnlyList<ReportFormat> formats) =>
        Write(results, outputDirectory, formats, template: null);

    /// <summary>
    /// As <see cref="Write(StudyResults, string, IReadOnlyList{ReportFormat})"/>, with the study's own
    /// template replacing the built-in Markdown or HTML one (see <see cref="ReportTemplate"/>).
    /// The Markdown and HTML reports also write their figures to <c>figures/</c>.
    /// </summary>
    public static void Write(StudyResults results, string outputDirectory, IReadOnlyList<ReportFormat> formats, ReportTemplate? template) =>
        Write(results, outputDirectory, formats, template, open: null);

    /// <summary>
    /// The files are written as one set through temporary files (see <see cref="ReportFolder"/>);
    /// <paramref name="open"/> replaces each temporary file's stream (tests simulate a full disk).
    /// </summary>
    internal static void Write(StudyResults results, string outputDirectory, IReadOnlyList<ReportFormat> formats, ReportTemplate? template,
        Func<string, Stream>? open)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(formats);

        // Render everything before writing anything, so a bad template leaves no half-written report.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var files = new List<(string Name, byte[] Bytes)>();
        ReportView? view = null;
        bool svgFigures = false;
        foreach (ReportFormat format in formats.Distinct())
        {
            switch (format)
            {
                case ReportFormat.Markdown:
                    view ??= ReportViewBuilder.Build(results);
                    files.Add((MarkdownFile, utf8.GetBytes(Render(view, ReportFormat.Markdown, template))));
                    svgFigures = true;
                    break;
                case ReportFormat.Html:
                    view ??= ReportViewBuilder.Build(results);
                    files.Add((HtmlFile, utf8.GetBytes(Render(view, ReportFormat.Html, template))));
                    svgFigures = true;
                    break;
                case ReportFormat.Json:
                    files.Add((JsonFile, utf8.GetBytes(ResultsJson.Serialize(results))));
                    break;
                case ReportFormat.Docx:
                    view ??= ReportViewBuilder.Build(results);
                    files.Add((DocxFile, Docx.DocxReport.Render(view)));
                    break;
            }
        }

        // The SVG files belong to the Markdown and HTML reports; Word embeds its own PNG copies.
        if (svgFigures && view is not null)
        {
            files.AddRange(view.Figures.Select(f => (f.File, utf8.GetBytes(f.FileSvg))));
            files.AddRange(view.Figures.Where(f => f.PngFile.Length > 0).Select(f => (f.PngFile, f.Png)));
        }

        ReportFolder.Write(outputDirectory, files, figuresRendered: svgFigures, open);
    }

    /// <summary>The Markdown report of <paramref name="results"/>.</summary>
    public static string RenderMarkdown(StudyResults results, ReportTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Render(ReportViewBuilder.Build(results), ReportFormat.Markdown, template);
    }

    /// <summary>The Word report of <paramref name="results"/>: the bytes of <c>report.docx</c>.</summary>
    public static byte[] RenderDocx(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Docx.DocxReport.Render(ReportViewBuilder.Build(results));
    }

    /// <summary>The self-contained HTML report of <paramref name="results"/> (inline CSS and SVG; no scripts, no external files).</summary>
    public static string RenderHtml(StudyResults results, ReportTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Render(ReportViewBuilder.Build(results), ReportFormat.Html, template);
    }

    private static string Render(ReportView view, ReportFormat format, ReportTemplate? template)
    {
        bool own = template is not null && ReportTemplates.FormatOf(template.Path) == format;
        Template scriban = own
            ? ReportTemplates.LoadUser(template!.Path, template.ShownName)
            : ReportTemplates.LoadBuiltIn(BuiltInTemplate(format));
        ReportView formatted = format == ReportFormat.Html ? ReportViews.ForHtml(view) : ReportViews.ForMarkdown(view);
        return Normalise(ReportTemplates.Render(scriban, formatted, own ? template!.ShownName : null));
    }

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

    private static string ToolVersion()
    {
        Version version = typeof(ReportWriter).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return version.ToString(3);
    }
}

/// <summary>
/// A study's own report template (<c>template "my.md.scriban"</c>): <c>*.html.scriban</c> replaces the
/// built-in HTML template, any other name the Markdown one. <see cref="ShownName"/> is the path as
/// the protocol writes it, used in error messages.
/// </summary>
public sealed record ReportTemplate(string Path, string ShownName);
