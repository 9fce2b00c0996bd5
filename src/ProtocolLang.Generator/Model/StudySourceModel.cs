namespace ProtocolLang.Generator.Model;

/// <summary>The C# generated for one <c>.study</c> file, with the file it came from.</summary>
internal sealed record StudySourceModel(string FilePath, string HintName, string Text);
