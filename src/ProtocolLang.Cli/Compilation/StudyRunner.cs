using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using ProtocolLang.Runtime;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Cli.Compilation;

/// <summary>What <see cref="StudyRunner.Run"/> did: the results, and whether the compiled assembly came from the cache.</summary>
internal sealed record StudyRunOutcome(StudyResults Results, bool CacheHit, string CacheKey)
{
    /// <summary>The assembly was built but could not be stored in the cache (a warning said why).</summary>
    public bool NotCached { get; init; }
}

/// <summary>The stages a run reports to a progress display, in order.</summary>
internal static class RunStage
{
    public const string Compile = "Compiling the study";
    public const string Load = "Loading the compiled study";
    public const string Analyse = "Loading data, running the analyses and rendering the reports";
}

/// <summary>
/// Runs a <c>.study</c> file without a project: the compiled assembly is taken from the cache or built
/// (our compiler, then Roslyn in memory), loaded into a collectible context, and its generated
/// <c>&lt;Name&gt;Study.Run(StudyRunOptions)</c> is called with the study's folder as the data root.
/// </summary>
internal sealed class StudyRunner
{
    private readonly AssemblyCache _cache;
    private readonly Action<string> _note;
    private bool _cacheWriteFailed;

    /// <param name="note">Told of cache problems the run recovered from (a corrupt or foreign entry, an unwritable folder).</param>
    public StudyRunner(AssemblyCache cache, Action<string>? note = null)
    {
        _cache = cache;
        _note = note ?? (_ => { });
    }

    /// <summary>
    /// Returns null after writing the diagnostics when the study has errors. A data problem throws
    /// <see cref="Runtime.Data.StudyDataException"/>, as the generated code does.
    /// </summary>
    public StudyRunOutcome? Run(
        StudyFile study,
        string? outputDirectory,
        IReadOnlyList<ReportFormat>? formats,
        Action<string> stage,
        Action<StudyCompilation> onErrors,
        IProgress<StudyProgress>? progress = null,
        IReadOnlyList<string>? allowOutside = null)
    {
        stage(RunStage.Compile);
        var key = AssemblyCache.Key(study);
        var identity = AssemblyCache.IdentityOf(key, study);
        var lookup = _cache.TryRead(identity);
        if (lookup.Problem is not null)
        {
            _note(lookup.Problem);
        }

        var image = lookup.Image;
        var cacheHit = image is not null;
        image ??= Build(study, identity, onErrors);
        if (image is null)
        {
            return null;
        }

        var options = new StudyRunOptions
        {
            StudyDirectory = study.Directory,
            OutputDirectory = outputDirectory,
            Formats = formats,
            Progress = progress,
            AllowOutside = allowOutside,

            // The tool runs analyses on every core; the committed example reports come from the example
            // projects' sequential runs, and the tool's tests compare against them byte for byte.
            ParallelAnalyses = true,
        };
        stage(RunStage.Load);
        var run = TryLoad(key, image, out var context);
        if (run is null && cacheHit)
        {
            // The hash matched, so the image was stored bad (or the runtime changed under it): rebuild once.
            _note($"the cached assembly '{_cache.PathFor(key)}' does not load; rebuilt it");
            context.Unload();
            _cache.Remove(key);
            cacheHit = false;
            image = Build(study, identity, onErrors);
            if (image is null)
            {
                return null;
            }

            run = TryLoad(key, image, out context);
        }

        try
        {
            if (run is null)
            {
                throw new BadImageFormatException("The freshly compiled study assembly does not load.");
            }

            stage(RunStage.Analyse);
            return new StudyRunOutcome(Invoke(run, options), cacheHit, key) { NotCached = _cacheWriteFailed };
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Compiles the study and caches the image; null after reporting the study's errors.</summary>
    private byte[]? Build(StudyFile study, CacheIdentity identity, Action<StudyCompilation> onErrors)
    {
        var compilation = StudyCompiler.Compile(study.DisplayPath, study.Text);
        if (compilation.HasErrors || compilation.GeneratedSource is null)
        {
            onErrors(compilation);
            return null;
        }

        var image = CSharpAssemblyCompiler.Compile("ProtocolLang.Study." + identity.Key[..16], compilation.HintName, compilation.GeneratedSource);
        if (_cache.Write(identity, image) is { } warning)
        {
            _cacheWriteFailed = true;
            _note(warning);
        }

        return image;
    }

    /// <summary>The study's Run method from <paramref name="image"/>, or null when the image is not a loadable assembly.</summary>
    private static MethodInfo? TryLoad(string key, byte[] image, out StudyLoadContext context)
    {
        context = new StudyLoadContext("protocollang-study-" + key[..16]);
        try
        {
            return FindRunMethod(context.LoadImage(image));
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>The one public static <c>StudyResults Run(StudyRunOptions)</c> the emitter writes on the study class.</summary>
    private static MethodInfo FindRunMethod(Assembly assembly)
    {
        var candidates = assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed)
            .Select(t => t.GetMethod("Run", BindingFlags.Public | BindingFlags.Static, [typeof(StudyRunOptions)]))
            .OfType<MethodInfo>()
            .Where(m => m.ReturnType == typeof(StudyResults))
            .ToArray();
        return candidates.Length == 1
            ? candidates[0]
            : throw new InvalidOperationException(
                $"Expected one generated study class with Run(StudyRunOptions); found {candidates.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
    }

    private static StudyResults Invoke(MethodInfo run, StudyRunOptions options)
    {
        try
        {
            return (StudyResults)run.Invoke(null, [options])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
