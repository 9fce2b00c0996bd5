using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Independent analyses on several cores (<see cref="StudyRunOptions.ParallelAnalyses"/>). Analyses only
/// read the cohort and its variables, which are complete before the first analysis; what an analysis
/// writes (its results and figures) goes to its own buffer while it runs, and buffers are committed to
/// the run in protocol order as soon as every earlier analysis has finished, so numbering, figure
/// de-duplication ("once per variable": the first analysis in protocol order keeps it), progress and the
/// results are those of a sequential run.
/// </summary>
public sealed partial class StudyRun
{
    private readonly List<DeferredAnalysis> _deferred = [];

    // The buffer of the analysis the current thread is running, when it runs deferred.
    [ThreadStatic]
    private static AnalysisBuffer? t_buffer;

    private bool HasPendingAnalyses => _deferred.Count > 0;

    /// <summary>Queues an analysis; its id is taken now, so later analyses' derived ids and checks see it.</summary>
    private void Defer(AnalysisInfo analysis, Action run)
    {
        _analyses.Reserve(analysis.Id);
        _deferred.Add(new DeferredAnalysis(run, new AnalysisBuffer()));
    }

    /// <summary>Runs every queued analysis, two or more at a time, and commits them in protocol order.</summary>
    private void RunDeferredAnalyses()
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        DeferredAnalysis[] queue = _deferred.ToArray();
        _deferred.Clear();
        var gate = new object();
        int claimed = -1;
        int committed = 0;
        ExceptionDispatchInfo? failure = null;

        void Work()
        {
            int k;
            while ((k = Interlocked.Increment(ref claimed)) < queue.Length && Volatile.Read(ref failure) is null)
            {
                DeferredAnalysis item = queue[k];
                t_buffer = item.Buffer;
                try
                {
                    item.Run();
                }
#pragma warning disable CA1031 // Rethrown below on the caller's thread, in protocol order, as a sequential run would throw it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    item.Buffer.Failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    t_buffer = null;
                }

                lock (gate)
                {
                    item.Buffer.Done = true;
                    while (committed < queue.Length && failure is null && queue[committed].Buffer.Done)
                    {
                        failure = Commit(queue[committed].Buffer);
                        committed++;
                    }
                }
            }
        }

        int threads = Math.Min(Environment.ProcessorCount, queue.Length);
        Task[] workers = Enumerable.Range(0, threads - 1).Select(_ => Task.Run(Work)).ToArray();
        Work();
        Task.WaitAll(workers);
        failure?.Throw();
    }

    /// <summary>Adds one finished analysis' results and figures to the run; returns its failure, if it threw.</summary>
    private ExceptionDispatchInfo? Commit(AnalysisBuffer buffer)
    {
        foreach (AnalysisResult result in buffer.Results)
        {
            _analyses.Add(result with { Index = _analyses.Count + 1 });
        }

        foreach (FigureResult figure in buffer.Figures)
        {
            if (!_figures.Any(f => f.Id == figure.Id))
            {
                _figures.Add(figure);
            }
        }

        if (buffer.Failure is null && buffer.Results.Count > 0)
        {
            _analyses.EndAnalysis();
        }

        return buffer.Failure;
    }

    /// <summary>Keeps a result in the running analysis' buffer when it runs deferred; false when it runs at once.</summary>
    private static bool Buffer(AnalysisResult result)
    {
        if (t_buffer is not { } buffer)
        {
            return false;
        }

        buffer.Results.Add(result);
        return true;
    }

    /// <summary>Whether this analysis (or, running at once, the run) already has the figure.</summary>
    private bool HasFigure(string id) =>
        t_buffer is { } buffer ? buffer.Figures.Any(f => f.Id == id) : _figures.Any(f => f.Id == id);

    private void AddFigure(FigureResult figure)
    {
        if (t_buffer is { } buffer)
        {
            buffer.Figures.Add(figure);
        }
        else
        {
            _figures.Add(figure);
        }
    }

    private sealed record DeferredAnalysis(Action Run, AnalysisBuffer Buffer);

    private sealed class AnalysisBuffer
    {
        public List<AnalysisResult> Results { get; } = [];

        public List<FigureResult> Figures { get; } = [];

        public ExceptionDispatchInfo? Failure { get; set; }

        public bool Done { get; set; }
    }
}
