using System;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Whether a criterion keeps the subjects that satisfy it or removes them.</summary>
public enum CriterionKind
{
    /// <summary>Subjects whose predicate is false or missing (null) are excluded.</summary>
    Include,

    /// <summary>Subjects whose predicate is true are excluded; false or missing (null) keeps them.</summary>
    Exclude,
}

/// <summary>A labelled inclusion or exclusion criterion, counted in the subject flow.</summary>
public sealed record Criterion<TRow>(CriterionKind Kind, string Label, Func<TRow, bool?> Predicate);

/// <summary>A named, labelled group; a subject belongs to it when the predicate is true (null is not).</summary>
public sealed record GroupDefinition<TRow>(string Name, string Label, Func<TRow, bool?> Predicate);
