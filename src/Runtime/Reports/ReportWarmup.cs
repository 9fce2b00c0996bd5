using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports.Figures;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// Starts the one-off costs of rendering on a worker thread (parsing the built-in templates, and the
/// plotting library's first drawing: loading the font and compiling its code), so they overlap the data
/// loading and the analyses, which run on the caller's thread. With the compiled study cached, a run
/// takes about a second and these costs were about a third of it (benchmarks/cli-cache.sh).
/// The reports do not depend on it: the worker only fills caches, and figures are drawn only after it
/// has finished (<see cref="WaitUntilDone"/>), so the plotting library is never used from two threads at once.
/// </summary>
internal static class ReportWarmup
{
    private static readonly object Gate = new();
    private static Task? _warmup;

    /// <summary>Starts the warm-up once per process, when a Markdown, HTML or Word report is to be written.</summary>
    public static void Start(IReadOnlyList<ReportFormat> formats)
    {
        if (!formats.Any(f => f is ReportFormat.Markdown or ReportFormat.Html or ReportFormat.Docx))
        {
            return;
        }

        lock (Gate)
        {
            _warmup ??= Task.Run(Warm);
        }
    }

    /// <summary>Blocks until a started warm-up has finished; returns at once when none was started.</summary>
    public static void WaitUntilDone()
    {
        Task? warmup;
        lock (Gate)
        {
            warmup = _warmup;
        }

        warmup?.GetAwaiter().GetResult();
    }

    private static void Warm()
    {
        ReportTemplates.LoadBuiltIn(ReportWriter.BuiltInTemplate(ReportFormat.Markdown));
        ReportTemplates.LoadBuiltIn(ReportWriter.BuiltInTemplate(ReportFormat.Html));
        FigureStyle.WarmUp();
    }
}
