namespace ProtocolLang.Runtime.Data;

/// <summary>
/// What a run does with an invalid data row (<c>on_invalid</c>, per table) or with a subject in more than one
/// group (<c>on_overlap</c>). Nothing is dropped unless the study says so.
/// </summary>
public enum DataPolicy
{
    /// <summary>The default: the run stops (<see cref="StudyDataException"/>, exit 2) and lists every problem.</summary>
    Fail,

    /// <summary>The rows (subjects) are excluded, and counted by reason in the flow of the results and reports.</summary>
    Exclude,
}
