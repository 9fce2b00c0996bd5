using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.IO;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// One execution of a study's analysis plan. Generated code creates it (which loads and validates
/// every table), defines the cohort and child rows, calls the analyses in protocol order and
/// finally <see cref="Complete"/>, which builds the results and writes the reports.
/// Analyses never throw for statistical reasons: each records one result entry.
/// </summary>
public sealed partial class StudyRun
{
    /// <summary>How many unassigned or overlapping subjects the results list by row and key.</summary>
    internal const int SubjectNoteLimit = 20;

    /// <summary>How many data problems a run keeps to list on the console and in <c>problems.txt</c>; all are counted.</summary>
    internal const int ProblemListLimit = 10_000;

    /// <summary>How many data problems <c>results.json</c> and the reports list (the problems file has them all).</summary>
    internal const int ResultsProblemLimit = 100;

    private readonly StudySchema _schema;
    private readonly StudyRunOptions _options;
    private readonly IReadOnlyList<ReportFormat> _declaredFormats;
    private readonly string _declaredOutput;
    private readonly string? _declaredTemplate;
    private readonly StudyPaths _paths;
    private readonly LoadedData _data;
    private readonly AnalysisLog _analyses;
    private readonly Dictionary<string, List<ExclusionCount>> _childExclusions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _childKept = new(StringComparer.Ordinal);
    private CohortState? _cohort;

    public StudyRun(StudySchema schema, StudyRunOptions options, IReadOnlyList<ReportFormat> declaredFormats, string declaredOutput)
        : this(schema, options, declaredFormats, declaredOutput, analysisPlan: null, declaredTemplate: null)
    {
    }

    /// <param name="declaredTemplate">The study's own report template (<c>template "my.md.scriban"</c>), relative to the <c>.study</c> file's folder.</param>
    public StudyRun(StudySchema schema, StudyRunOptions options, IReadOnlyList<ReportFormat> declaredFormats, string declaredOutput, string? declaredTemplate)
        : this(schema, options, declaredFormats, declaredOutput, analysisPlan: null, declaredTemplate)
    {
    }

    /// <param name="analysisPlan">
    /// The <c>.study</c> text of every analysis the plan will run, in protocol order, so progress can
    /// say what runs next and out of how many; null reports only finished analyses.
    /// </param>
    /// <param name="declaredTemplate">The study's own report template (<c>template "my.md.scriban"</c>), relative to the <c>.study</c> file's folder.</param>
    public StudyRun(StudySchema schema, StudyRunOptions options, IReadOnlyList<ReportFormat> declaredFormats, string declaredOutput,
        IReadOnlyList<string>? analysisPlan, string? declaredTemplate = null)
        : this(schema, options, declaredFormats, declaredOutput, analysisPlan, declaredTemplate, computeInEngine: false)
    {
    }

    /// <param name="computeInEngine">
    /// <c>compute in engine</c>: no table is read into memory; <see cref="EngineCohort"/> opens the subject table where it lives.
    /// </param>
    private StudyRun(StudySchema schema, StudyRunOptions options, IReadOnlyList<ReportFormat> declaredFormats, string declaredOutput,
        IReadOnlyList<string>? analysisPlan, string? declaredTemplate, bool computeInEngine)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(declaredFormats);
        ArgumentNullException.ThrowIfNull(declaredOutput);
        if (schema.Tables.Count == 0)
        {
            throw new ArgumentException("A study needs at least one table (the subject table).", nameof(schema));
        }

        _schema = schema;
        _options = options;
        _declaredFormats = declaredFormats;
        _declaredOutput = declaredOutput;
        _declaredTemplate = declaredTemplate;
        _analyses = new AnalysisLog(options.Progress, analysisPlan);
        ReportWarmup.Start(options.Formats ?? declaredFormats);
        _analyses.Report(StudyProgressStage.LoadingData);
        _paths = new StudyPaths(options.StudyDirectory, options.AllowOutside);
        if (computeInEngine)
        {
            // The rows stay in the engine: nothing is loaded here, and the data checks run there (EngineCohort).
            _data = new LoadedData([], [], 0, []);
            return;
        }

        _data = DataLoader.Load(schema, options.StudyDirectory, ProblemListLimit, _paths);
        if (_data.HasFatalProblems)
        {
            throw DataFailure(null, _data.Problems, _data.ProblemCount);
        }

        if (InvalidRowPolicy.Violation(schema, _data) is { } violation)
        {
            throw DataFailure(violation, _data.Problems, _data.ProblemCount);
        }

        _analyses.Report(StudyProgressStage.DataLoaded);
    }

    /// <summary>A loaded, validated table (invalid rows are not in it; they are counted in the flow).</summary>
    public DataTable Table(string name) => _data[name];

    /// <summary>The analyses recorded so far, in protocol order (analyses still deferred by <see cref="StudyRunOptions.ParallelAnalyses"/> run first).</summary>
    public IReadOnlyList<AnalysisResult> Analyses
    {
        get
        {
            RunDeferredAnalyses();
            return _analyses;
        }
    }

    /// <summary>
    /// Builds the results model, writes the reports asked for (options, else the study's declared
    /// formats) to the output directory (created if needed) and returns the results.
    /// </summary>
    public StudyResults Complete()
    {
        RunDeferredAnalyses();
        IReadOnlyList<ReportFormat> formats = _options.Formats ?? _declaredFormats;
        StudyResults results = BuildResults(formats);
        _engineSource?.Dispose();
        string outputDirectory = OutputDirectory;
        ReportTemplate? template = _declaredTemplate is null
            ? null
            : new ReportTemplate(Resolve(_declaredTemplate, "the report template", StudyPathException.TemplateCode), _declaredTemplate);
        _analyses.Report(StudyProgressStage.Rendering, outputDirectory);
        ReportWriter.Write(results, outputDirectory, formats, template);
        ProblemsFile.Write(outputDirectory, _schema, null, _data.Problems, _data.ProblemCount, _schema.Warnings);
        _analyses.Report(StudyProgressStage.Completed, outputDirectory);
        return results;
    }

    internal StudyResults BuildResults(IReadOnlyList<ReportFormat> formats)
    {
        var identity = new StudyIdentity(_schema.Name, _schema.Title, _schema.Version, _schema.StudyFileName, _schema.StudySha256);
        var files = _data.Files
            .Select(f => new DataFileResult(f.Table, RelativePath(f.Path), f.Sha256, f.RowsRead))
            .ToArray();
        var problems = new ProblemsResult(
            _data.ProblemCount,
            _data.Problems.Take(ResultsProblemLimit).Select(p => new ProblemResult(p.Code, RelativePath(p.File), p.Row, p.Column, p.Message)).ToArray());
        var flow = new FlowResult(_schema.Tables.Select(t => BuildTableFlow(t)).ToArray(),
            CohortFlowWithSubsets());
        return new StudyResults(
            StudyResults.CurrentSchemaVersion,
            ReportWriter.Tool,
            identity,
            files,
            problems,
            flow,
            _analyses.ToArray(),
            ReportWriter.Outputs(formats))
        {
            DataSources = _engineSource is { } engine
                ? [EngineDataSource(engine)]
                : _data.Servers.Count == 0
                ? null
                : _data.Servers.Select(s => new DataSourceResult(s.Table, s.Engine, s.Connection, s.SourceTable, s.RowsRead, s.Query,
                    s.ReadAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))).ToArray(),
            Figures = _figures.Count == 0 ? null : _figures.ToArray(),
            SourceNotes = SourceNotes(),
            Warnings = _schema.Warnings.Count == 0
                ? null
                : _schema.Warnings.Select(w => new StudyWarningResult(w.Code, w.File, w.Line, w.Column, w.Message)).ToArray(),
        };
    }

    /// <summary>The caller's output folder, else the study's declared one resolved inside its folder (or an allowed place).</summary>
    private string OutputDirectory => _options.OutputDirectory ?? Resolve(_declaredOutput, "the report folder", StudyPathException.ReportCode);

    /// <summary>
    /// The run stops on its data: every problem goes to <c>problems.txt</c> in the report folder (when it can be
    /// written: a folder that cannot be written must not hide the data problems) and into the exception's message.
    /// </summary>
    private StudyDataException DataFailure(string? reason, IReadOnlyList<DataProblem> problems, int problemCount)
    {
        string? file;
        try
        {
            file = ProblemsFile.Write(OutputDirectory, _schema, reason, problems, problemCount, _schema.Warnings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StudyPathException)
        {
            // The data problems are the error to report; a report folder that is refused or unwritable must not hide them.
            file = null;
        }

        return new StudyDataException(reason, problems, problemCount, _schema.Warnings, file);
    }

    private void Record(ScopedAnalysis analysis, string kind, string status, string? method, string? reason, string? specification,
        IReadOnlyList<WarningResult> warnings, DescribeResult? describe = null, CompareResult? compare = null)
    {
        Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, status, method, reason, specification, warnings, describe, compare));
    }

    /// <summary>Records one result: numbered in protocol order, with the scope it ran on.</summary>
    private void Record(ScopedAnalysis analysis, AnalysisResult result)
    {
        AnalysisResult scoped = result with
        {
            Id = analysis.Id,
            Source = analysis.Source,
            Scope = analysis.Result,
            Warnings = analysis.Warnings.Count == 0 ? result.Warnings : analysis.Warnings.Concat(result.Warnings).ToArray(),
        };
        if (!Buffer(scoped))
        {
            _analyses.Add(scoped with { Index = _analyses.Count + 1 });
        }
    }

    /// <summary>The run's cohort; every variable an analysis is given must be built on it (the scope maps them onto its subjects).</summary>
    private Cohort RequireCohort(IEnumerable<Variable> variables)
    {
        CohortState state = _cohort ?? throw new InvalidOperationException("Define the cohort (StudyRun.Cohort) before any analysis.");
        foreach (Variable variable in variables)
        {
            if (!ReferenceEquals(variable.Cohort, state.Cohort))
            {
                throw new ArgumentException($"Variable '{variable.Name}' belongs to another cohort than this run's.", nameof(variables));
            }
        }

        return state.Cohort;
    }

    /// <summary>A path the study declares, resolved inside its folder (or an allowed place); else <see cref="StudyPathException"/>.</summary>
    private string Resolve(string declared, string what, string code) =>
        _paths.TryResolve(declared, what, out string resolved, out string refusal)
            ? resolved
            : throw new StudyPathException(code, _schema.StudyFileName, declared, refusal);

    /// <summary>Paths in outputs are relative to the study folder, with '/' separators, never absolute.</summary>
    private string RelativePath(string path)
    {
        string relative = Path.IsPathRooted(path) ? Path.GetRelativePath(_options.StudyDirectory, path) : path;
        return relative.Replace('\\', '/');
    }
}
