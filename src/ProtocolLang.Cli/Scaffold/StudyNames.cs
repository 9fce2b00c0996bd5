using System.Text;

namespace ProtocolLang.Cli.Scaffold;

/// <summary>
/// Turns the name a user gives <c>protocollang new</c> into the study's name, which also names the
/// C# project, namespace and types: PascalCase over ASCII letters and digits, so <c>my-study</c>,
/// <c>my_study</c> and <c>my study</c> all give <c>MyStudy</c> (and <c>mystudy</c> gives <c>Mystudy</c>).
/// Every other character separates words. The letters after a word's first are kept as written
/// (<c>NXP2-cohort</c> gives <c>NXP2Cohort</c>).
/// </summary>
internal static class StudyNames
{
    /// <summary>The study name, or null when the result would not start with a letter (no letters, or a leading digit).</summary>
    public static string? FromRequested(string requested)
    {
        var name = new StringBuilder(requested.Length);
        var startOfWord = true;
        foreach (var c in requested)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            name.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        return name.Length > 0 && char.IsAsciiLetter(name[0]) ? name.ToString() : null;
    }
}
