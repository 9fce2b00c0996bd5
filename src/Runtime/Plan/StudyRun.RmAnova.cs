using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Statistics.RepeatedMeasures;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>How many dropped subjects the PL5120 message names; the rest are counted there and listed in full in the results.</summary>
    private const int DroppedSubjectsNamed = 10;

    /// <summary>
    /// <c>model rm_anova</c>: the rows a mixed model would use (<see cref="MixedDesign"/>: the same terms, codings and rows
    /// left out), then, as afex's <c>aov_ez</c>, only the subjects with exactly one value at every visit (each dropped
    /// subject named with its reason, PL5120), in wide form for <see cref="RepeatedMeasuresAnova.Fit"/>. The visits are
    /// the outcome's time values that entered; the between factors every other factor of the formula.
    /// </summary>
    private void FitRmAnova(ScopedAnalysis analysis, MixedModelSpec spec)
    {
        const string Method = "Repeated-measures ANOVA, type III sums of squares (sum-to-zero contrasts), as R's afex::aov_ez; "
            + "Greenhouse-Geisser and Huynh-Feldt corrections and Mauchly's test as summary(aov_ez(...))";
        string specification = ModelText.Mixed(spec, ScopedCohort.GroupTermOf(analysis.Cohort));
        void Record(string status, string? reason, IReadOnlyList<WarningResult> warnings, RmAnovaResult? result) =>
            this.Record(analysis, new AnalysisResult(0, analysis.Id, "rm_anova", analysis.Source, status, Method, reason, specification, warnings) { RmAnova = result });
        void Fail(string code, string reason, List<WarningResult> warnings)
        {
            warnings.Add(StatisticsWarnings.Warning(code, reason));
            Record(ResultStatus.Failed, reason, warnings, null);
        }

        MixedDesign design;
        try
        {
            design = MixedDesign.Build(spec, analysis.Cohort);
        }
        catch (MixedDesign.UnsupportedException e)
        {
            Fail(e.UnknownGroup ? StatisticsWarnings.UnknownGroup : StatisticsWarnings.RmAnovaNotComputed, e.Message, []);
            return;
        }

        var warnings = MixedRowWarnings(analysis, spec, design);
        specification = design.Formula;
        string time = spec.Response.TimeName;
        string[] visits = design.AllTimeLevels.Select(ModelText.Number).ToArray();
        int k = visits.Length;
        FixedEffectsDesign x = design.Input.Fixed;
        int[] cell = design.RowTimes.Select(t => Array.IndexOf(design.AllTimeLevels, t)).ToArray();

        // One row per subject and visit: a second row at a visit stops the analysis (afex would average them silently).
        int subjects = design.Input.Subjects;
        var rowOf = new int[subjects * k];
        Array.Fill(rowOf, -1);
        for (int r = 0; r < cell.Length; r++)
        {
            int slot = (design.Input.Subject[r] * k) + cell[r];
            if (rowOf[slot] >= 0)
            {
                string rows = design.RowSourceRows.Length == 0
                    ? string.Empty
                    : string.Create(CultureInfo.InvariantCulture, $" ({spec.Response.Source} rows {design.RowSourceRows[rowOf[slot]]} and {design.RowSourceRows[r]})");
                Fail(StatisticsWarnings.RmAnovaDuplicateVisit, string.Create(CultureInfo.InvariantCulture,
                    $"'{spec.Response.Name}': subject '{analysis.Cohort.Keys[design.RowCohortSubjects[r]]}' has two rows at {time} = {visits[cell[r]]}{rows}; a repeated-measures ANOVA needs one value per subject and visit"), warnings);
                return;
            }

            rowOf[slot] = r;
        }

        List<DroppedSubjectRow> dropped = DroppedSubjects(analysis.Cohort, spec, design, rowOf, visits, time);
        int[] complete = Enumerable.Range(0, subjects).Where(s => Enumerable.Range(0, k).All(c => rowOf[(s * k) + c] >= 0)).ToArray();
        if (dropped.Count > 0)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.RmAnovaSubjectsDropped, string.Create(CultureInfo.InvariantCulture,
                $"'{spec.Response.Name}': {dropped.Count} subject(s) without a value at every {time} left out, as afex keeps complete cases: ")
                + string.Join("; ", dropped.Take(DroppedSubjectsNamed).Select(d => d.Subject + " (" + d.Reason + ")"))
                + (dropped.Count > DroppedSubjectsNamed
                    ? string.Create(CultureInfo.InvariantCulture, $"; and {dropped.Count - DroppedSubjectsNamed} more (every one is in results.json's droppedSubjects and the report's table)")
                    : string.Empty)));
        }

        if (complete.Length == 0)
        {
            Fail(StatisticsWarnings.RmAnovaNotComputed, $"'{spec.Response.Name}': no subject has a value at every {time}", warnings);
            return;
        }

        string timeFactor = $"factor({time})";
        var between = new List<RmFactor>();
        var codes = new List<int[]>();
        foreach (DesignVariable v in x.Variables.Where(v => v.IsFactor && v.Name != timeFactor))
        {
            // Subject-level factors: every row of a subject holds its level, so the first row's is the subject's. Levels
            // no complete subject has are not levels of the analysis (R's factor of the data would not have them).
            int[] subjectCodes = complete.Select(s => v.Codes![rowOf[s * k]]).ToArray();
            int[] used = subjectCodes.Distinct().Order().ToArray();
            between.Add(new RmFactor(v.Name, used.Select(l => v.Levels![l]).ToArray()));
            codes.Add(subjectCodes.Select(c => Array.IndexOf(used, c)).ToArray());
        }

        double[] y = complete.SelectMany(s => Enumerable.Range(0, k).Select(c => design.Input.Response[rowOf[(s * k) + c]])).ToArray();
        RmAnovaFit fit;
        try
        {
            fit = RepeatedMeasuresAnova.Fit(new RepeatedMeasuresInput(y, [new RmFactor(time, visits)], between, codes));
        }
        catch (RmAnovaException e)
        {
            Fail(e.Problem == RmAnovaProblem.OneLevel ? StatisticsWarnings.RmAnovaOneLevel : StatisticsWarnings.RmAnovaNotComputed,
                $"'{spec.Response.Name}': {e.Message}", warnings);
            return;
        }

        foreach (string stratum in fit.Singular)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.RmAnovaSphericity, string.Create(CultureInfo.InvariantCulture,
                $"'{spec.Response.Name}': the error matrix of '{stratum}' is singular ({fit.ResidualDf} residual df): no Mauchly test or correction, its tests are uncorrected (as car)")));
        }

        foreach (string stratum in fit.HfCapped)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.RmAnovaSphericity,
                $"'{spec.Response.Name}': the Huynh-Feldt epsilon of '{stratum}' exceeds 1 and is used as 1 (car: \"HF eps > 1 treated as 1\")"));
        }

        var result = new RmAnovaResult(
            design.Formula, spec.RmAnova!.Subject, time, visits, between.Select(b => b.Name).ToArray(), fit.Subjects, fit.Subjects * k,
            design.LeftOut, dropped, fit.Effects.Select(EffectRow).ToArray(),
            fit.Effects.Where(e => e.Sphericity is not null)
                .Select(e => new SphericityRow(e.Term, e.Sphericity!.MauchlyW, e.Sphericity.MauchlyP, e.Sphericity.GgEpsilon, e.Sphericity.HfEpsilon)).ToArray())
        {
            LevelLabels = LabelledLevels(spec, design.GroupLevels, analysis.Cohort),
        };
        Record(ResultStatus.Ok, null, warnings, result);
    }

    private static RmAnovaEffectRow EffectRow(RmAnovaEffect e) => new(
        e.Term, e.Within, e.SumOfSquares, e.Df, e.MeanSquare, e.ErrorSumOfSquares, e.ErrorDf, e.MeanSquareError, e.F, e.PValue, e.Ges,
        new CorrectedTestRow(e.Gg.Epsilon, e.Gg.Df, e.Gg.ErrorDf, e.Gg.MeanSquareError(e.ErrorSumOfSquares), e.Gg.PValue),
        new CorrectedTestRow(e.Hf.Epsilon, e.Hf.Df, e.Hf.ErrorDf, e.Hf.MeanSquareError(e.ErrorSumOfSquares), e.Hf.PValue));

    /// <summary>
    /// The subjects of the analysed groups that are not complete, in cohort order: those with rows but no value at some
    /// visit (named), and those none of whose rows entered (see the rows left out for why).
    /// </summary>
    private static List<DroppedSubjectRow> DroppedSubjects(Cohort cohort, MixedModelSpec spec, MixedDesign design, int[] rowOf, string[] visits, string time)
    {
        int k = visits.Length;
        var local = new Dictionary<int, int>();
        for (int r = 0; r < design.RowCohortSubjects.Length; r++)
        {
            local.TryAdd(design.RowCohortSubjects[r], design.Input.Subject[r]);
        }

        int[] included = spec.GroupsIncluded is null
            ? Enumerable.Range(0, cohort.GroupNames.Count).ToArray()
            : spec.GroupsIncluded.Select(cohort.GroupIndex).ToArray();
        var dropped = new List<DroppedSubjectRow>();
        for (int i = 0; i < cohort.Count; i++)
        {
            if (Array.IndexOf(included, cohort.GroupCodes[i]) < 0)
            {
                continue;
            }

            if (!local.TryGetValue(i, out int s))
            {
                dropped.Add(new DroppedSubjectRow(cohort.Keys[i], $"no row of '{spec.Response.Table}' entered"));
                continue;
            }

            string[] missing = Enumerable.Range(0, k).Where(c => rowOf[(s * k) + c] < 0).Select(c => visits[c]).ToArray();
            if (missing.Length > 0)
            {
                dropped.Add(new DroppedSubjectRow(cohort.Keys[i], $"no value at {time} = {string.Join(", ", missing)}"));
            }
        }

        return dropped;
    }
}
