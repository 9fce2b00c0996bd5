using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>
    /// The labels a reader sees where results.json keeps R's codes: the study's groups (the factor <c>group</c>, and each
    /// named group set by its name) and a model's labelled category levels. Model terms are relabelled as a paper prints
    /// them: <c>groupMDA5_JDM:factor(month)12</c> → "MDA5+ JDM × month 12".
    /// </summary>
    internal sealed class ReportLabels
    {
        private readonly Dictionary<string, Dictionary<string, string>> factors = new(StringComparer.Ordinal);

        public static ReportLabels None { get; } = new();

        public static ReportLabels Of(StudyResults results)
        {
            var labels = new ReportLabels();
            if (results.Flow.Cohort is { } cohort)
            {
                labels.Add("group", cohort.Groups.Select(g => g.Name), cohort.Groups.Select(g => g.Label));
                foreach (GroupSetFlow set in cohort.GroupSets ?? [])
                {
                    labels.Add(set.Name, set.Groups.Select(g => g.Name), set.Groups.Select(g => g.Label));
                }
            }

            return labels;
        }

        /// <summary>The labels of one factor's levels (tests, and a study's group factor).</summary>
        internal static ReportLabels From(string factor, IReadOnlyList<string> codes, IReadOnlyList<string> names)
        {
            var labels = new ReportLabels();
            labels.Add(factor, codes, names);
            return labels;
        }

        /// <summary>These labels and a model's own labelled levels (<c>arm</c>: control = "Control").</summary>
        public ReportLabels With(IReadOnlyList<LevelLabelsRow>? levels, string? groupTerm = null)
        {
            var labels = new ReportLabels();
            foreach (var (name, map) in factors)
            {
                labels.factors[name] = new Dictionary<string, string>(map, StringComparer.Ordinal);
            }

            if (groupTerm is not null && groupTerm != "group" && factors.TryGetValue("group", out var groups) && !labels.factors.ContainsKey(groupTerm))
            {
                labels.factors[groupTerm] = new Dictionary<string, string>(groups, StringComparer.Ordinal);
            }

            foreach (LevelLabelsRow row in levels ?? [])
            {
                labels.Add(row.Variable, row.Levels, row.Labels);
            }

            return labels;
        }

        private void Add(string factor, IEnumerable<string> codes, IEnumerable<string> names)
        {
            if (!factors.TryGetValue(factor, out var map))
            {
                factors[factor] = map = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            foreach (var (code, name) in codes.Zip(names))
            {
                map[code] = name;
            }
        }

        /// <summary>A level's label: of <paramref name="factor"/> when given, else of any factor that has the code; else the code.</summary>
        public string Level(string code, string? factor = null)
        {
            if (factor is not null)
            {
                return factors.TryGetValue(factor, out var map) && map.TryGetValue(code, out var label) ? label : code;
            }

            foreach (var map in factors.Values)
            {
                if (map.TryGetValue(code, out var label))
                {
                    return label;
                }
            }

            return code;
        }

        /// <summary>"treatment - control" → "Treatment − Control" (U+2212: a difference, not a hyphen).</summary>
        public string Contrast(string contrast, string? factor) =>
            string.Join(" − ", contrast.Split(" - ").Select(side => Level(side.Trim(), factor)));

        /// <summary>
        /// A model term as a paper prints it: each part of an interaction joined by " × "; <c>factor(x)v</c> as "x v"; a
        /// factor's dummy (<c>groupMDA5_JDM</c>, <c>armtreatment</c>) as its level's label; a term test's factor
        /// (<c>factor(month)</c>) as "month"; anything else (a covariate, the intercept) as R names it.
        /// </summary>
        public string Term(string term) =>
            term == "(Intercept)" ? term : string.Join(" × ", term.Split(':').Select(Part));

        private string Part(string part)
        {
            if (part.StartsWith("factor(", StringComparison.Ordinal) && part.IndexOf(')', StringComparison.Ordinal) is > 7 and var close)
            {
                string variable = part[7..close];
                string level = part[(close + 1)..];
                return level.Length == 0 ? variable : $"{variable} {level}";
            }

            // The longest factor name that prefixes the part with a known level after it: "group" + "MDA5_JDM".
            foreach (var (name, map) in factors.OrderByDescending(f => f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal))
            {
                if (part.Length > name.Length && part.StartsWith(name, StringComparison.Ordinal) && map.TryGetValue(part[name.Length..], out var label))
                {
                    return label;
                }
            }

            return part;
        }
    }
}
