using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;

namespace ProtocolLang.Tests.Properties;

/// <summary>
/// A random valid study: a subject table with columns of every type (a category that defines the
/// groups, a number, a bool, and extra columns of random types, optional or not, with labels and
/// units), derives of several kinds, sometimes one or two child tables (a repeated outcome) and a study-level
/// derive, two or three groups, outcomes and a few analyses. All its names come from
/// <see cref="StudyNameGrammar"/>; labels, units and the title carry unicode text. Validity is by
/// construction: names are distinct, each expression is well typed, each analysis gets what it needs.
/// </summary>
/// <param name="Names">Distinct usable names, consumed in order (numbered fallbacks when they run out).</param>
/// <param name="Choices">The structure: read one by one (cyclically), each a small number; shrinks toward simpler studies.</param>
internal sealed record RandomStudy(IReadOnlyList<string> Names, int[] Choices)
{
    public static Gen<RandomStudy> Gen { get; } =
        CsCheck.Gen.Select(
            StudyNameGrammar.Fresh.Array[12, 40],
            StudyNameGrammar.Derivation.Array[12, 40],
            CsCheck.Gen.Int[0, 1000].Array[40, 40],
            (fresh, derivations, choices) => new RandomStudy(StudyNameGrammar.Resolve(fresh, derivations), choices));

    private static readonly string[] Labels = ["größe", "时间", "TIF1γ+ JDM", "\\\"quoted\\\" \\\\ back", "*/ </summary> //", "Ünïcödé ✓", "plain"];

    public string Text() => new Builder(this).Build();

    public override string ToString() => Text();

    private sealed class Builder(RandomStudy study)
    {
        private readonly StringBuilder _text = new();
        private int _name;
        private int _choice;

        private string Name() => _name < study.Names.Count ? study.Names[_name++] : "n" + _name++;

        /// <summary>A choice from 0 to <paramref name="count"/> - 1.</summary>
        private int Choose(int count) => study.Choices.Length == 0 ? 0 : study.Choices[_choice++ % study.Choices.Length] % count;

        private bool Maybe() => Choose(2) == 1;

        private string Label() => "\"" + Labels[Choose(Labels.Length)] + "\"";

        private void Line(string line) => _text.Append(line).Append('\n');

        public string Build()
        {
            var studyName = Name();
            var subjects = Name();
            var key = Name();
            var keyType = Maybe() ? "integer" : "text";
            var category = Name();
            var levels = Enumerable.Range(0, 2 + Choose(3)).Select(_ => Name()).ToList();
            var number = Name();
            var flag = Name();
            var time = Name();

            Line("study " + studyName + " {");
            Line("  title " + Label());
            if (Maybe())
            {
                Line("  on_invalid exclude");
            }

            Line("  table " + subjects + " from \"subjects.csv\" key " + key + (Maybe() ? " on_invalid fail" : string.Empty) + " {");
            Line("    " + key + ": " + keyType);
            Line("    " + category + ": category(" + string.Join(", ", levels) + ")" + (Maybe() ? " optional" : string.Empty) + " label " + Label());
            Line("    " + number + ": number unit " + Label() + (Maybe() ? " optional" : string.Empty));
            Line("    " + flag + ": bool" + (Maybe() ? " label " + Label() : string.Empty));
            Line("    " + time + ": number range 0..");
            var extras = ExtraColumns();
            var derives = Derives(number, flag, category, levels, extras);
            Line("  }");

            var child = Maybe() ? ChildTable(subjects, key, keyType) : null;
            if (Maybe())
            {
                // A second child table: its category may PascalCase like one of the subject table (a prefixed enum).
                Line("  table " + Name() + " from \"more.csv\" of " + subjects + " by " + key + " {");
                Line("    " + key + ": " + keyType);
                Line("    " + Name() + ": category(" + Name() + ", " + Name() + ") optional");
                Line("    " + Name() + ": text");
                Line("  }");
            }

            string? studyDerive = null;
            if (Maybe())
            {
                studyDerive = Name();
                Line("  derive " + studyDerive + " = " + number + " * 2 label " + Label());
            }

            if (Maybe())
            {
                Line("  include " + Label() + ": " + number + " is not missing");
            }

            if (Maybe())
            {
                Line("  exclude " + Label() + ": " + flag + " and " + category + " == " + levels[^1]);
            }

            var groups = Groups(category, levels);
            var continuous = Name();
            var binary = Name();
            var survival = Name();
            Line("  outcome " + continuous + " " + Label() + ": continuous " + (derives.Count > 0 && Maybe() ? derives[0] : number)
                + " summary " + new[] { "median", "mean", "geometric_mean" }[Choose(3)]);
            Line("  outcome " + binary + ": binary " + flag);
            Line("  outcome " + survival + ": time_to_event(" + time + ", " + flag + ")" + (Maybe() ? " horizon 12" : string.Empty));
            var categorical = Name();
            Line("  outcome " + categorical + ": categorical " + category);
            string? course = null;
            if (child is { } c)
            {
                course = Name();
                Line("  outcome " + course + ": repeated " + c.Table + "." + c.Value + " over " + c.Time);
            }

            var described = new List<string> { category, continuous, binary, categorical };
            described.AddRange(extras.Where(e => e.Type is not "text" and not "date").Select(e => e.Name).Take(Choose(3)));
            if (studyDerive is not null)
            {
                described.Add(studyDerive);
            }

            Line("  describe " + string.Join(", ", described) + " by group");
            Line("  compare " + continuous + ": " + groups[0] + " vs " + groups[1] + " using " + (Maybe() ? "mann_whitney" : "t_test"));
            Line("  compare " + binary + " across groups using fisher");
            if (Maybe())
            {
                Line("  compare " + continuous + ", " + number + ": " + groups[^1] + " vs each using mann_whitney adjust holm");
            }

            if (Maybe())
            {
                Line("  model kaplan_meier " + survival + " by group at 6, 12");
                Line("  test logrank " + survival + " by group");
            }

            if (Maybe())
            {
                Line("  model cox " + survival + " ~ group + " + number + (Maybe() ? " reference group = " + groups[^1] : string.Empty));
            }

            if (course is not null && Maybe())
            {
                Line("  model mixed " + course + " ~ group * " + child!.Value.Time + " + (1 | " + key + ")");
            }

            Line("  report \"report\" formats json");
            Line("}");
            return _text.ToString();
        }

        private List<(string Name, string Type)> ExtraColumns()
        {
            var extras = new List<(string Name, string Type)>();
            string[] types = ["number", "integer", "text", "bool", "date", "category"];
            for (var i = Choose(5); i > 0; i--)
            {
                var name = Name();
                var type = types[Choose(types.Length)];
                var declared = type == "category" ? "category(" + Name() + ", " + Name() + ")" : type;
                var unit = type is "number" or "integer" && Maybe() ? " unit " + Label() : string.Empty;
                Line("    " + name + ": " + declared + unit + (Maybe() ? " optional" : string.Empty) + (Maybe() ? " label " + Label() : string.Empty));
                extras.Add((name, type));
            }

            return extras;
        }

        private List<string> Derives(string number, string flag, string category, List<string> levels, List<(string Name, string Type)> extras)
        {
            var dates = extras.Where(e => e.Type == "date").Select(e => e.Name).ToList();
            var integers = extras.Where(e => e.Type == "integer").Select(e => e.Name).ToList();
            var derives = new List<string>();
            for (var i = Choose(4); i > 0; i--)
            {
                var name = Name();
                var expression = Choose(9) switch
                {
                    0 => "if " + flag + " then " + number + " else missing",
                    1 => "log(" + number + ") + 1",
                    2 => category + " == " + levels[Choose(levels.Count)] + " and " + flag,
                    3 => dates.Count > 0 ? "years_between(" + dates[0] + ", " + dates[^1] + ")" : "round(" + number + ", 1)",
                    4 => integers.Count > 0 ? integers[0] + " / 2" : "-" + number,
                    5 => category + " in (" + string.Join(", ", levels.Take(2)) + ")",
                    // A binder warning (PL2090) travels into the generated schema; a computed number's 'is missing'.
                    6 => number + " / 0",
                    7 => "if (" + number + " * 2) is missing then 0 else 1",
                    _ => "min(" + number + ", 10) * 3",
                };
                Line("    derive " + name + " = " + expression + (Maybe() ? " label " + Label() : string.Empty));
                var numeric = expression.Contains("==", System.StringComparison.Ordinal) || expression.Contains(" in (", System.StringComparison.Ordinal);
                if (!numeric)
                {
                    derives.Add(name);
                }
            }

            return derives;
        }

        private (string Table, string Value, string Time)? ChildTable(string subjects, string key, string keyType)
        {
            var table = Name();
            var time = Name();
            var value = Name();
            Line("  table " + table + " from \"visits.csv\" of " + subjects + " by " + key + " {");
            Line("    " + key + ": " + keyType);
            Line("    " + time + ": " + (Maybe() ? "integer" : "number"));
            Line("    " + value + ": number" + (Maybe() ? " optional" : string.Empty));
            if (Maybe())
            {
                var derive = Name();
                Line("    derive " + derive + " = " + value + " / (" + time + " + 1)");
                if (Maybe())
                {
                    value = derive;
                }
            }

            Line("  }");
            return (table, value, time);
        }

        private List<string> Groups(string category, List<string> levels)
        {
            var groups = new List<string>();
            Line("  groups" + (Maybe() ? " on_overlap exclude" : string.Empty) + " {");
            foreach (var level in levels.Take(2 + Choose(levels.Count - 1)))
            {
                var name = Name();
                Line("    " + name + " " + Label() + ": " + category + " == " + level);
                groups.Add(name);
            }

            Line("  }");
            return groups;
        }
    }
}
