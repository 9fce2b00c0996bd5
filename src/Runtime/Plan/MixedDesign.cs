using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A <see cref="MixedModelSpec"/> turned into the kernel's input: the rows that enter, the group
/// and time factors coded as R codes them, and the R formula that fits the same model.
/// </summary>
internal sealed class MixedDesign
{
    private MixedDesign(MixedModelInput input, string formula, IReadOnlyList<string>? groupLevels, IReadOnlyList<double>? timeLevels, IReadOnlyList<RowsLeftOut> leftOut, MeansGrid? means)
    {
        Input = input;
        Means = means;
        Formula = formula;
        GroupLevels = groupLevels;
        TimeLevels = timeLevels;
        LeftOut = leftOut;
    }

    public MixedModelInput Input { get; }

    public string Formula { get; }

    public IReadOnlyList<string>? GroupLevels { get; }

    public IReadOnlyList<double>? TimeLevels { get; }

    public IReadOnlyList<RowsLeftOut> LeftOut { get; }

    /// <summary>The outcome's time of each row that entered (parallel to the input's rows): an MMRM's visit.</summary>
    public double[] RowTimes { get; private init; } = [];

    /// <summary>For each row that entered, its subject's index in the cohort (for messages naming the subject).</summary>
    public int[] RowCohortSubjects { get; private init; } = [];

    /// <summary>For each row that entered, its 1-based data row in the response's source; empty when not known.</summary>
    public int[] RowSourceRows { get; private init; } = [];

    /// <summary>The distinct times of the rows that entered, ascending, whether or not time is a term.</summary>
    public double[] AllTimeLevels { get; private init; } = [];

    /// <summary>
    /// Every group × time cell in group-major order, for a model with group and factor time: emmeans'
    /// reference grid (other factors averaged with equal weights, numbers at their mean over the
    /// fitted rows; <see cref="ReferenceGrid"/>); else null.
    /// </summary>
    public MeansGrid? Means { get; }

    /// <exception cref="UnsupportedException">The specification uses what the kernel does not fit.</exception>
    public static MixedDesign Build(MixedModelSpec spec, Cohort cohort)
    {
        RepeatedVariable response = spec.Response;
        if (spec.Mmrm is not null || spec.RmAnova is not null)
        {
            if (spec.RandomEffects.Count > 0)
            {
                throw new UnsupportedException(spec.Mmrm is not null
                    ? "an MMRM models the within-subject covariance directly and has no random-effects terms"
                    : "a repeated-measures ANOVA takes its error strata from the design and has no random-effects terms");
            }
        }
        else if (spec.RandomEffects.Count == 0 || (spec.RandomEffects.Count > 1 && !IsUncorrelatedPair(spec.RandomEffects)))
        {
            throw new UnsupportedException(string.Create(CultureInfo.InvariantCulture,
                $"the mixed-model kernel fits one random-effects term per subject, or an uncorrelated intercept and slope (1 | id) + (0 + t | id); the model has {string.Join(" + ", spec.RandomEffects.Select(ModelText.Random))}"));
        }

        // (1 | id) + (0 + t | id): one intercept and one slope per subject, independent (a diagonal Λ in the kernel).
        bool uncorrelated = spec.RandomEffects.Count == 2;
        RandomEffect random = spec.RandomEffects.Count == 0 ? new RandomEffect(spec.Mmrm?.Subject ?? spec.RmAnova!.Subject, false, null)
            : uncorrelated ? new RandomEffect(spec.RandomEffects[0].Grouping, true, spec.RandomEffects.Single(e => e.Slope is not null).Slope)
            : spec.RandomEffects[0];
        if (random.Slope is { } slope && !string.Equals(slope, response.TimeName, StringComparison.Ordinal))
        {
            throw new UnsupportedException($"a random slope must be on the outcome's time '{response.TimeName}'; found '{slope}'");
        }

        var referenceOf = (spec.References ?? []).ToDictionary(r => r.Factor, r => r.Level, StringComparer.Ordinal);
        MixedCovariate[] covariates = spec.FixedTerms.SelectMany(t => t.Factors)
            .Where(f => f.Kind is TermFactorKind.Covariate or TermFactorKind.CovariateAsFactor)
            .DistinctBy(f => (f.Name, f.Kind))
            .Select(f => MixedCovariate.Of(f, referenceOf.GetValueOrDefault(f.Name)))
            .ToArray();
        var missingCovariate = new int[covariates.Length];
        MixedRowCovariate[] rowTerms = spec.FixedTerms.SelectMany(t => t.Factors)
            .Where(f => f.Kind == TermFactorKind.RowCovariate)
            .DistinctBy(f => f.Name)
            .Select(f => MixedRowCovariate.Of(f, response))
            .ToArray();
        var missingRowTerm = new int[rowTerms.Length];

        int[] included = IncludedGroups(spec, cohort);
        bool log = spec.Transform == ResponseTransform.Log;
        int[] codes = cohort.GroupCodeArray;
        int[] subjectOfRow = response.SubjectIndexArray;
        var isIncluded = new bool[cohort.GroupNames.Count];
        foreach (int g in included)
        {
            isIncluded[g] = true;
        }

        // Columnar: one pass over the rows into an index array (no per-row allocation), the reasons counted in order.
        var rowBuffer = new int[response.ValueArray.Length];
        int kept = 0;
        int notIncluded = 0, missingValue = 0, missingTime = 0, nonPositive = 0;
        for (int r = 0; r < response.ValueArray.Length; r++)
        {
            double value = response.ValueArray[r];
            int code = codes[subjectOfRow[r]];
            if (code < 0 || code >= isIncluded.Length || !isIncluded[code])
            {
                notIncluded++;
            }
            else if (double.IsNaN(value))
            {
                missingValue++;
            }
            else if (double.IsNaN(response.TimeArray[r]))
            {
                missingTime++;
            }
            else if (log && !(value > 0))
            {
                nonPositive++;
            }
            else if (FirstMissing(covariates, subjectOfRow[r]) is int missing and >= 0)
            {
                missingCovariate[missing]++;
            }
            else if (FirstMissing(rowTerms, r) is int missingRow and >= 0)
            {
                missingRowTerm[missingRow]++;
            }
            else
            {
                rowBuffer[kept++] = r;
            }
        }

        int[] rows = rowBuffer.AsSpan(0, kept).ToArray();

        var leftOut = new List<RowsLeftOut>();
        void Count(int n, string reason)
        {
            if (n > 0)
            {
                leftOut.Add(new RowsLeftOut(reason, n));
            }
        }

        Count(notIncluded, "in a group not included");
        Count(missingValue, "with a missing value");
        Count(missingTime, $"with a missing {response.TimeName}");
        Count(nonPositive, "with a value ≤ 0 (log undefined)");
        for (int c = 0; c < covariates.Length; c++)
        {
            Count(missingCovariate[c], $"with a missing {covariates[c].Factor.Name}");
        }

        for (int t = 0; t < rowTerms.Length; t++)
        {
            Count(missingRowTerm[t], $"with a missing {rowTerms[t].Factor.Name}");
        }

        if (rows.Length == 0)
        {
            throw new UnsupportedException($"no rows of '{response.Name}' remain to fit");
        }

        var y = new double[rows.Length];
        var time = new double[rows.Length];
        var rowSubject = new int[rows.Length];
        var groupPresent = new bool[isIncluded.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            int r = rows[k];
            double value = response.ValueArray[r];
            y[k] = log ? Math.Log(value) : value;
            time[k] = response.TimeArray[r];
            rowSubject[k] = subjectOfRow[r];
            groupPresent[codes[rowSubject[k]]] = true;
        }

        int[] groupLevels = included.Where(g => groupPresent[g]).ToArray();
        if (referenceOf.TryGetValue("group", out string? groupReference))
        {
            // R's relevel(group, ref = ): the reference first, the other groups in their order (the means grid follows).
            int reference = Array.FindIndex(groupLevels, g => string.Equals(cohort.GroupNames[g], groupReference, StringComparison.Ordinal));
            if (reference < 0)
            {
                throw new UnsupportedException($"reference group '{groupReference}' has no rows in this model ({string.Join(", ", groupLevels.Select(g => cohort.GroupNames[g]))})");
            }

            groupLevels = [groupLevels[reference], .. groupLevels.Where((_, i) => i != reference)];
        }

        double[] timeLevels = time.Distinct().Order().ToArray();
        int[] LevelCodes(int[] levelOf, int[] values)
        {
            var result = new int[values.Length];
            for (int k = 0; k < values.Length; k++)
            {
                result[k] = levelOf[values[k]];
            }

            return result;
        }

        int[] TimeCodes()
        {
            var result = new int[time.Length];
            for (int k = 0; k < time.Length; k++)
            {
                result[k] = Array.BinarySearch(timeLevels, time[k]);
            }

            return result;
        }

        int[] GroupCodesOfRows()
        {
            int[] levelOfGroup = Enumerable.Repeat(-1, isIncluded.Length).ToArray();
            for (int l = 0; l < groupLevels.Length; l++)
            {
                levelOfGroup[groupLevels[l]] = l;
            }

            int[] groupOfRow = LevelCodes(codes, rowSubject);
            return LevelCodes(levelOfGroup, groupOfRow);
        }

        var variables = new List<DesignVariable>();
        var index = new Dictionary<(string, TermFactorKind), int>();
        int VariableOf(TermFactor f)
        {
            if (index.TryGetValue((f.Name, f.Kind), out int i))
            {
                return i;
            }

            variables.Add(f.Kind switch
            {
                TermFactorKind.Group => DesignVariable.Factor(ScopedCohort.GroupTermOf(cohort), GroupCodesOfRows(),
                    groupLevels.Select(g => cohort.GroupNames[g]).ToArray()),
                TermFactorKind.TimeAsFactor => DesignVariable.Factor($"factor({f.Name})", TimeCodes(), timeLevels.Select(ModelText.Number).ToArray()),
                TermFactorKind.Time => DesignVariable.Numeric(f.Name, time),
                TermFactorKind.RowCovariate => rowTerms.Single(t => t.Factor.Name == f.Name).Variable(rows),
                _ => covariates.Single(c => c.Factor.Name == f.Name && c.Factor.Kind == f.Kind).Variable(rowSubject),
            });
            index[(f.Name, f.Kind)] = variables.Count - 1;
            return variables.Count - 1;
        }

        // R's terms(): variables in order of first appearance, an interaction's variables in that
        // order, terms by degree (stable), duplicates once.
        int[][] terms = spec.FixedTerms.Select(t => t.Factors.Select(VariableOf).Order().ToArray())
            .DistinctBy(t => string.Join(",", t))
            .OrderBy(t => t.Length)
            .ToArray();
        var fixedDesign = FixedEffectsDesign.Build(rows.Length, variables, terms);

        // Subjects numbered in order of first row, as they enter.
        int[] subjectIndex = Enumerable.Repeat(-1, codes.Length).ToArray();
        var subject = new int[rows.Length];
        int subjects = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            int s = rowSubject[k];
            if (subjectIndex[s] < 0)
            {
                subjectIndex[s] = subjects++;
            }

            subject[k] = subjectIndex[s];
        }

        var input = new MixedModelInput(y, fixedDesign, subject, subjects, random.Intercept,
            random.Slope is null ? null : time, random.Slope, uncorrelated);
        bool hasGroup = spec.FixedTerms.Any(t => t.Factors.Any(f => f.Kind == TermFactorKind.Group));
        bool timeFactor = spec.FixedTerms.Any(t => t.Factors.Any(f => f.Kind == TermFactorKind.TimeAsFactor));
        MeansGrid? means = hasGroup && timeFactor
            ? ReferenceGrid.CellMeans(fixedDesign, [index[("group", TermFactorKind.Group)], index.First(e => e.Key.Item2 == TermFactorKind.TimeAsFactor).Value])
            : null;
        return new MixedDesign(input, FormulaText(spec, fixedDesign), hasGroup ? groupLevels.Select(g => cohort.GroupNames[g]).ToArray() : null,
            timeFactor ? timeLevels : null, leftOut, means)
        {
            RowTimes = time,
            AllTimeLevels = timeLevels,
            RowCohortSubjects = rowSubject,
            RowSourceRows = response.SourceRowArray.Length == 0 ? [] : rows.Select(r => response.SourceRowArray[r]).ToArray(),
        };
    }

    /// <summary>The first of <paramref name="terms"/> without a value at <paramref name="index"/>, or -1.</summary>
    private static int FirstMissing(MixedCovariate[] terms, int index)
    {
        for (int k = 0; k < terms.Length; k++)
        {
            if (!terms[k].Has(index))
            {
                return k;
            }
        }

        return -1;
    }

    /// <inheritdoc cref="FirstMissing(MixedCovariate[], int)"/>
    private static int FirstMissing(MixedRowCovariate[] terms, int index)
    {
        for (int k = 0; k < terms.Length; k++)
        {
            if (!terms[k].Has(index))
            {
                return k;
            }
        }

        return -1;
    }

    private static int[] IncludedGroups(MixedModelSpec spec, Cohort cohort)
    {
        if (spec.GroupsIncluded is null)
        {
            return Enumerable.Range(0, cohort.GroupNames.Count).ToArray();
        }

        var result = new List<int>();
        foreach (string name in spec.GroupsIncluded)
        {
            int g = cohort.GroupIndex(name);
            if (g < 0)
            {
                throw new UnsupportedException($"group '{name}' is not a group of this study", unknownGroup: true);
            }

            result.Add(g);
        }

        return result.Order().ToArray();
    }

    private static string FormulaText(MixedModelSpec spec, FixedEffectsDesign design) => FormulaText(spec, design.TermNames);

    /// <summary>The R formula of <paramref name="spec"/> whose fixed part has the terms <paramref name="termNames"/> (an engine fit's too).</summary>
    internal static string FormulaText(MixedModelSpec spec, IReadOnlyList<string> termNames)
    {
        string response = spec.Transform == ResponseTransform.Log ? $"log({spec.Response.Name})" : spec.Response.Name;
        string fixedTerms = termNames.Count == 0 ? "1" : string.Join(" + ", termNames);
        if (spec.Mmrm is { } mmrm)
        {
            // mmrm's covariance term: us(visit | subject), as the R package writes it.
            string structure = mmrm.Covariance switch
            {
                Statistics.Mmrm.MmrmCovarianceKind.CompoundSymmetry => "cs",
                Statistics.Mmrm.MmrmCovarianceKind.Ar1 => "ar1",
                Statistics.Mmrm.MmrmCovarianceKind.Toeplitz => "toep",
                _ => "us",
            };
            return $"{response} ~ {fixedTerms} + {structure}({spec.Response.TimeName} | {mmrm.Subject})";
        }

        if (spec.RmAnova is { } rm)
        {
            // aov_car's formula for the same analysis: the full factorial (written as terms) and the error strata.
            return $"{response} ~ {fixedTerms} + Error({rm.Subject}/factor({spec.Response.TimeName}))";
        }

        // lme4's own form of each term; (t || id) is written as lme4 expands it, (1 | id) + (0 + t | id).
        string fixedPart = termNames.Count == 0 ? "1" : string.Join(" + ", termNames);
        return $"{response} ~ {fixedPart} + {string.Join(" + ", spec.RandomEffects.Select(ModelText.Random))}";
    }

    /// <summary>Two terms of one grouping factor: a random intercept, then a slope without one (the binder orders them so).</summary>
    private static bool IsUncorrelatedPair(IReadOnlyList<RandomEffect> terms) =>
        terms is [{ Intercept: true, Slope: null } intercept, { Intercept: false, Slope: not null } slope]
        && string.Equals(intercept.Grouping, slope.Grouping, StringComparison.Ordinal);

    /// <summary>The specification asks for something the kernel does not fit; the analysis is recorded as failed.</summary>
    internal sealed class UnsupportedException(string message, bool unknownGroup = false) : Exception(message)
    {
        public bool UnknownGroup { get; } = unknownGroup;
    }
}
