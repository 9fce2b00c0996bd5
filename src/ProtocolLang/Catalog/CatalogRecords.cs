using System.Collections.Immutable;

namespace ProtocolLang.Catalog;

/// <summary>One clause keyword of the registry: its value shape and what the value is, for messages and the reference.</summary>
/// <param name="Keyword">The keyword as written (<c>:</c> for a pairing).</param>
/// <param name="Value">What follows the keyword, in words: "an adjustment method" (empty for a flag).</param>
public sealed record ClauseDefinition(string Keyword, ClauseShape Shape, string Value);

/// <summary>What an analysis reads before its clauses.</summary>
public enum HeadShape
{
    /// <summary>One or more variables (or expressions), comma-separated: <c>describe age, sex</c>.</summary>
    Variables,

    /// <summary>One outcome: <c>model kaplan_meier Relapse</c>.</summary>
    Outcome,

    /// <summary>A model formula: <c>Relapse ~ group + age</c>.</summary>
    Formula,
}

/// <summary>One option (clause) an analysis kind takes.</summary>
/// <param name="Name">The clause keyword; its value shape is the registry's.</param>
/// <param name="Allowed">The words allowed for a <see cref="ClauseShape.Word"/>, <see cref="ClauseShape.WordList"/> or <see cref="ClauseShape.TestWithOptions"/> option; empty otherwise.</param>
/// <param name="Default">The value when the clause is absent, as written in a study (null: none, or "not applied").</param>
/// <param name="REquivalent">What the option is in R.</param>
/// <param name="Doc">One line for the reference.</param>
public sealed record AnalysisOption(string Name, ImmutableArray<string> Allowed, string? Default, string REquivalent, string Doc);

/// <summary>
/// One analysis kind: <c>verb [kind] head { clause }</c>. The binder checks clauses against <see cref="Options"/>;
/// docs/language.md's reference is generated from these entries.
/// </summary>
/// <param name="Name">The kind's name: its kind word after <c>model</c>/<c>test</c>, or the verb itself.</param>
/// <param name="Verb">The declaration keyword: describe, compare, model or test.</param>
/// <param name="Accepts">What the head may name, as variable kinds: continuous, binary, categorical, count, time_to_event, repeated.</param>
/// <param name="Required">Clauses that must be present; each entry lists alternatives (<c>":"</c> or <c>"across"</c>).</param>
public sealed record AnalysisKind(
    string Name,
    string Verb,
    string Doc,
    string REquivalent,
    HeadShape Head,
    ImmutableArray<string> Accepts,
    ImmutableArray<AnalysisOption> Options,
    ImmutableArray<ImmutableArray<string>> Required)
{
    /// <summary>True when the kind is written <c>verb kind</c> (<c>model cox</c>), false when the verb is the kind (<c>describe</c>).</summary>
    public bool HasKindWord => Name != Verb;

    /// <summary>How the kind starts in a study: <c>model cox</c> or <c>describe</c>.</summary>
    public string Keywords => HasKindWord ? Verb + " " + Name : Verb;

    /// <summary>Whether and from which statistics the kind is computed under <c>compute in engine</c>.</summary>
    public EngineSupport Engine => EngineCatalog.Of(Name);

    public AnalysisOption? Option(string name)
    {
        foreach (var option in Options)
        {
            if (option.Name == name)
            {
                return option;
            }
        }

        return null;
    }
}

/// <summary>A declaration keyword that starts an analysis; <see cref="TakesKind"/> when a kind word follows it.</summary>
public sealed record AnalysisVerb(string Name, bool TakesKind);

/// <summary>A kind announced for a later version (<c>model linear</c>): recognised, so it is "not available yet", not "unknown".</summary>
public sealed record PlannedKind(string Name, string Verb, string REquivalent);
