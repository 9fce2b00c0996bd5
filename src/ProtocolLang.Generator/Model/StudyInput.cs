namespace ProtocolLang.Generator.Model;

/// <summary>One <c>.study</c> file as a value; <paramref name="Text"/> is null when it could not be read.</summary>
internal sealed record StudyInput(string Path, string? Text);
