namespace ProtocolLang.Generator;

/// <summary>
/// Names of the generator's pipeline steps, so tests can read each step's run reason
/// (<c>Cached</c>, <c>Unchanged</c>, <c>Modified</c>, <c>New</c>) from the driver.
/// </summary>
internal static class TrackingNames
{
    /// <summary>The additional files whose name ends in <c>.study</c>.</summary>
    public const string StudyFiles = nameof(StudyFiles);

    /// <summary>Each study file as a (path, text) value.</summary>
    public const string StudyText = nameof(StudyText);

    /// <summary>Parse → bind → emit, as an equatable <see cref="Model.StudyModel"/>.</summary>
    public const string BuildModel = nameof(BuildModel);

    /// <summary>The generated source of one study (a stub when it has errors, none when its header did not parse).</summary>
    public const string Source = nameof(Source);

    /// <summary>Whether the compilation references ProtocolLang.Runtime (a stub's runtime-typed members need it).</summary>
    public const string ReferencesRuntime = nameof(ReferencesRuntime);

    /// <summary>All studies' sources together (with <see cref="ReferencesRuntime"/>), to give each a unique hint name.</summary>
    public const string AllSources = nameof(AllSources);

    /// <summary>The diagnostics of one study.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
