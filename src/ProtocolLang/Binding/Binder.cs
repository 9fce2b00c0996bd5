using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>
/// Resolves names and checks types for a whole study, reporting every error it finds.
/// Split by area: <c>Binder.Tables.cs</c> (tables, columns, derives), <c>Binder.Expressions.cs</c>,
/// <c>Binder.Cohort.cs</c> (criteria, groups), <c>Binder.Outcomes.cs</c>, <c>Binder.Analyses.cs</c>,
/// <c>Binder.Models.cs</c> (mixed, Kaplan-Meier, log-rank, Cox).
/// </summary>
public sealed partial class Binder
{
    private readonly SourceText _source;
    private readonly StudySyntax _study;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<TableScope> _tables = [];
    private readonly List<GroupSymbol> _groups = [];
    private readonly List<OutcomeSymbol> _outcomes = [];
    private bool _excludeOverlapping;

    private Binder(SourceText source, StudySyntax study)
    {
        _source = source;
        _study = study;
        _diagnostics = new DiagnosticBag(source);
    }

    public static BindResult Bind(SourceText source, StudySyntax study)
    {
        var binder = new Binder(source, study);
        var bound = binder.BindStudy();
        return new BindResult(bound, binder._diagnostics.ToImmutable());
    }

    private TableScope? SubjectScope => _tables.Count > 0 ? _tables[0] : null;

    private BoundStudy? BindStudy()
    {
        var declarations = _study.Declarations;
        var title = Single<TitleSyntax>(declarations, "title")?.Value.Value;
        var version = Single<VersionSyntax>(declarations, "version")?.Value.Value;
        CheckNameLengths();

        var studyExcludesInvalid = BindStudyInvalidPolicy(declarations);
        DeclareTables(declarations);
        CheckStudyPaths(declarations);
        if (_tables.Count == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoTables, _study.Name.Span, _study.Name.Name);
        }

        var criteria = BindCriteria(declarations);
        BindGroups(declarations);
        BindOutcomes(declarations);
        BindGroupSets(declarations);
        var populations = BindPopulations(declarations);
        var analyses = BindAnalyses(declarations);
        var reportSyntax = Single<ReportSyntax>(declarations, "report");
        var report = BindReport(reportSyntax);
        analyses = WithStudyDecimals(analyses, reportSyntax?.Decimals);
        var tables = BindSources(ApplyInvalidPolicies(_tables.Select(t => t.ToSymbol()).ToImmutableArray(), studyExcludesInvalid));
        var computeInEngine = BindCompute(declarations);
        if (computeInEngine && !tables.IsEmpty)
        {
            CheckEngineMode(tables, criteria, analyses, populations);
        }

        if (tables.IsEmpty)
        {
            return null;
        }

        return new BoundStudy(
            _study.Name.Name,
            title,
            version,
            FileName(_source.Path),
            Sha256Hex(_source.Text),
            tables,
            criteria,
            _groups.ToImmutableArray(),
            _outcomes.ToImmutableArray(),
            analyses,
            report)
        {
            ExcludeOverlapping = _excludeOverlapping,
            ComputeInEngine = computeInEngine,
            Populations = populations,
            GroupSets = _groupSets.ToImmutableArray(),
        };
    }

    /// <summary>The one declaration of a kind that may appear once; later ones are reported.</summary>
    private T? Single<T>(ImmutableArray<DeclarationSyntax> declarations, string keyword)
        where T : DeclarationSyntax
    {
        T? first = null;
        foreach (var declaration in declarations.OfType<T>())
        {
            if (first is null)
            {
                first = declaration;
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateDeclaration, declaration.Span, keyword, Line(first.Span));
            }
        }

        return first;
    }

    private string Line(TextSpan span) =>
        (_source.GetLinePosition(span.Start).Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Snippet(TextSpan span) => SourceSnippet.Normalize(_source, span);

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private static string Sha256Hex(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>
    /// <c>report ... decimals n</c>: the study's default for every describe table that sets no <c>decimals</c> of its own
    /// (a variable's own <c>decimals CK = 0</c> still wins); 0 to 6.
    /// </summary>
    private ImmutableArray<BoundAnalysis> WithStudyDecimals(ImmutableArray<BoundAnalysis> analyses, NumberSyntax? decimals)
    {
        if (decimals is null)
        {
            return analyses;
        }

        if (decimals.Value is not (>= 0 and <= 6) || decimals.Value != System.Math.Floor(decimals.Value))
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidDecimals, decimals.Span, decimals.Text);
            return analyses;
        }

        return analyses.Select(a => a is BoundDescribe { Decimals: null } describe ? describe with { Decimals = (int)decimals.Value } : a).ToImmutableArray();
    }

    private BoundReport BindReport(ReportSyntax? report)
    {
        // Word output is asked for by name only: it draws every figure again at 300 dpi and is a binary file in the report folder.
        ImmutableArray<ReportFormat> all = [ReportFormat.Markdown, ReportFormat.Html, ReportFormat.Json];
        if (report is null)
        {
            return new BoundReport("report", all, null);
        }

        var formats = ImmutableArray.CreateBuilder<ReportFormat>();
        foreach (var format in report.Formats)
        {
            ReportFormat? value = format.Name switch
            {
                "markdown" => ReportFormat.Markdown,
                "html" => ReportFormat.Html,
                "json" => ReportFormat.Json,
                "docx" => ReportFormat.Docx,
                _ => null,
            };
            if (value is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownReportFormat, format.Span, format.Name,
                    NameSuggestions.DidYouMean(format.Name, ["markdown", "html", "json", "docx"]));
            }
            else if (!formats.Contains(value.Value))
            {
                formats.Add(value.Value);
            }
        }

        ImmutableArray<ReportFormat> bound = report.Formats.IsEmpty ? all : formats.ToImmutable();
        return new BoundReport(report.Directory.Value, bound, BindTemplate(report.Template, bound));
    }

    /// <summary>
    /// A study's own report template: a relative path ending in <c>.md.scriban</c> or <c>.html.scriban</c>
    /// (the extension says which report it replaces). The file itself is read when the study runs.
    /// </summary>
    private string? BindTemplate(StringSyntax? template, ImmutableArray<ReportFormat> formats)
    {
        if (template is null)
        {
            return null;
        }

        string path = template.Value;
        bool html = path.EndsWith(".html.scriban", System.StringComparison.OrdinalIgnoreCase);
        bool markdown = path.EndsWith(".md.scriban", System.StringComparison.OrdinalIgnoreCase);
        bool rooted = path.StartsWith("/", System.StringComparison.Ordinal) || path.StartsWith("\\", System.StringComparison.Ordinal)
            || (path.Length > 1 && path[1] == ':');
        if ((!html && !markdown) || rooted)
        {
            _diagnostics.Add(DiagnosticDescriptors.BadTemplateName, template.Span, path);
            return null;
        }

        ReportFormat format = html ? ReportFormat.Html : ReportFormat.Markdown;
        if (!formats.Contains(format))
        {
            _diagnostics.Add(DiagnosticDescriptors.TemplateFormatNotWritten, template.Span, path, html ? "HTML" : "Markdown");
        }

        return path;
    }
}
