using System;
using System.Collections.Generic;
using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The example run as it is and with one change of each kind the diff must explain (issue 16, item 7): a data value
/// (subject P002's baseline CK 11582 → 50), an analysis option (the Cox model gets <c>where age >= 6</c>), an analysis
/// added, the study's version; and the acceptance case, the CK value and the Cox option together. Each variant is a
/// copy of the example's study folder, run by <c>protocollang run</c> into its own report folder.
/// </summary>
public sealed class DiffRuns : IDisposable
{
    public const string CkBefore = "P002,NXP2,juvenile,9.9,M,11582,";
    public const string CkAfter = "P002,NXP2,juvenile,9.9,M,50,";
    public const string CoxBefore = "sex = F ties efron";
    public const string CoxAfter = "sex = F ties efron where age >= 6";
    public const string AddedAfter = "  compare CK: NXP2_JDM vs MDA5_JDM using t_test as ck_t_test\n  compare CMAS:";
    public const string VersionBefore = "version \"1.0\"";
    public const string VersionAfter = "version \"1.1\"";

    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, Variant> _runs = new(StringComparer.Ordinal);

    public DiffRuns()
    {
        var cache = _temp.Combine("cache");
        foreach (var (name, data, study) in new (string, (string, string)?, (string, string)?)[]
        {
            ("base", null, null),
            ("data-value", (CkBefore, CkAfter), null),
            ("analysis-option", null, (CoxBefore, CoxAfter)),
            ("analysis-added", null, ("  compare CMAS:", AddedAfter)),
            ("study-version", null, (VersionBefore, VersionAfter)),
            ("ck-and-cox", (CkBefore, CkAfter), (CoxBefore, CoxAfter)),
        })
        {
            var studyFile = _temp.CopyExample(name);
            var folder = Path.GetDirectoryName(studyFile)!;
            if (data is var (before, after))
            {
                Replace(Path.Combine(folder, "data", "subjects.csv"), before, after);
            }

            if (study is var (from, to))
            {
                Replace(studyFile, from, to);
            }

            var captured = new CapturedOutput();
            var report = _temp.Combine("report-" + name);
            var exit = RunCommand.Execute(new RunRequest(studyFile, report, "json", cache), captured.Output);
            if (exit != 0)
            {
                throw new InvalidOperationException("The " + name + " run failed (" + exit + "): " + captured.Error);
            }

            _runs.Add(name, new Variant(folder, report));
        }
    }

    public Variant this[string name] => _runs[name];

    public void Dispose() => _temp.Dispose();

    private static void Replace(string file, string before, string after)
    {
        var text = File.ReadAllText(file);
        if (!text.Contains(before, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(file + " no longer has the text this test changes: " + before);
        }

        File.WriteAllText(file, text.Replace(before, after, StringComparison.Ordinal));
    }
}

/// <param name="StudyFolder">The copy of the example's folder (study file and data/).</param>
/// <param name="Report">The folder the run wrote results.json into.</param>
public sealed record Variant(string StudyFolder, string Report);
