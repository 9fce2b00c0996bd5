using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Plan;

public enum Arm { A, B, C }

public enum Sex { F, M }

/// <summary>A subject row as generated code would declare it.</summary>
public sealed record SubjectRow(int SourceRow, string Id, Arm? Arm, double Age, Sex Sex, double? Score, bool? Flag, double? Followup, bool Relapsed);

public sealed record VisitRow(int SourceRow, string Id, double Month, double Value);

/// <summary>
/// A small study written the way the emitter writes one: a schema, typed readers, criteria with
/// missing values, groups that leave subjects unassigned or overlapping, and every analysis kind.
/// </summary>
/// <remarks>
/// Subjects (22 data rows): s21 is invalid (age 150 out of range); s03 and s09 have no arm (include
/// fails on a missing value); s06 and s18 are over 80 (excluded); s11 has flag = true (excluded),
/// s12 a missing flag (kept: a missing exclude predicate does not exclude); arm C (s15, s16) is in no
/// group; arm A aged 65..69 (s07, s19) is in both Alpha and Gamma. Visit s99 has no subject. The study says
/// <c>on_invalid exclude</c> and <c>groups on_overlap exclude</c>; <see cref="StrictSchema"/> does not.
/// </remarks>
public static class SmallStudy
{
    public const string SubjectsCsv =
        "id,arm,age,sex,score,flag,followup,relapsed\n" +
        "s01,A,34,F,12.5,false,10,true\n" +
        "s02,A,41,M,14,false,12,false\n" +
        "s03,,52,F,9,false,8,false\n" +
        "s04,B,29,M,7.25,false,24,true\n" +
        "s05,B,63,F,7.25,true,18,false\n" +
        "s06,A,85,M,11,false,3,true\n" +
        "s07,A,66,F,,false,6,false\n" +
        "s08,B,47,M,5.5,false,30,true\n" +
        "s09,,38,M,10,false,14,false\n" +
        "s10,A,55,F,13,false,9,true\n" +
        "s11,B,44,F,6,true,20,false\n" +
        "s12,B,50,M,8,,16,true\n" +
        "s13,A,72,M,15.5,false,5,false\n" +
        "s14,B,36,F,4,false,28,false\n" +
        "s15,C,45,M,9.5,false,11,true\n" +
        "s16,C,39,F,10.5,false,13,false\n" +
        "s17,A,28,M,12,true,7,true\n" +
        "s18,B,90,F,3,false,2,false\n" +
        "s19,A,68,M,16,false,4,true\n" +
        "s20,B,58,M,6.5,false,22,false\n" +
        "s21,A,150,F,12,false,10,false\n" +
        "s22,A,61,F,,false,,false\n";

    public const string VisitsCsv =
        "id,month,value\n" +
        "s01,0,100\ns01,3,80\n" +
        "s02,0,120\ns02,3,90\n" +
        "s03,0,110\n" +
        "s04,0,200\ns04,3,150\n" +
        "s06,0,90\n" +
        "s07,0,95\n" +
        "s08,0,210\n" +
        "s15,0,130\n" +
        "s21,0,140\n" +
        "s99,0,150\n";

    public static StudySchema Schema { get; } = new(
        Name: "Small",
        Title: "A small cohort for runtime tests",
        Version: "0.9",
        StudyFileName: "small.study",
        StudySha256: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
        Tables: new[]
        {
            new TableSchema("subjects", "data/subjects.csv", Key: "id", Parent: null, LinkColumn: null, Columns: new[]
            {
                new ColumnSchema("id", ColumnKind.Text),
                new ColumnSchema("arm", ColumnKind.Category, Levels: new[] { "A", "B", "C" }, Optional: true, Label: "Arm"),
                new ColumnSchema("age", ColumnKind.Number, Unit: "years", Min: 0, Max: 100, Label: "Age"),
                new ColumnSchema("sex", ColumnKind.Category, Levels: new[] { "F", "M" }, Label: "Sex"),
                new ColumnSchema("score", ColumnKind.Number, Optional: true, Label: "Score"),
                new ColumnSchema("flag", ColumnKind.Bool, Optional: true, Label: "Flag"),
                new ColumnSchema("followup", ColumnKind.Number, Unit: "months", Min: 0, Optional: true),
                new ColumnSchema("relapsed", ColumnKind.Bool),
            }) { OnInvalid = DataPolicy.Exclude },
            new TableSchema("visits", "data/visits.csv", Key: null, Parent: "subjects", LinkColumn: "id", Columns: new[]
            {
                new ColumnSchema("id", ColumnKind.Text),
                new ColumnSchema("month", ColumnKind.Number),
                new ColumnSchema("value", ColumnKind.Number),
            }) { OnInvalid = DataPolicy.Exclude },
        })
    {
        OnOverlap = DataPolicy.Exclude,
    };

    /// <summary>The same study without <c>on_invalid exclude</c> and <c>on_overlap exclude</c>: its invalid rows and overlapping subjects stop a run.</summary>
    public static StudySchema StrictSchema { get; } = Schema with
    {
        OnOverlap = DataPolicy.Fail,
        Tables = Schema.Tables.Select(t => t with { OnInvalid = DataPolicy.Fail }).ToArray(),
    };

    public static IReadOnlyList<Criterion<SubjectRow>> Criteria { get; } = new Criterion<SubjectRow>[]
    {
        new(CriterionKind.Include, "Arm recorded", r => r.Arm is null ? null : true),
        new(CriterionKind.Exclude, "Older than 80", r => Fn.Gt(r.Age, 80)),
        new(CriterionKind.Exclude, "Flag raised", r => r.Flag),
    };

    public static IReadOnlyList<GroupDefinition<SubjectRow>> Groups { get; } = new GroupDefinition<SubjectRow>[]
    {
        new("Alpha", "Arm A, under 70", r => Fn.And(Fn.Eq(r.Arm, Arm.A), Fn.Lt(r.Age, 70))),
        new("Beta", "Arm B", r => Fn.Eq(r.Arm, Arm.B)),
        new("Gamma", "Arm A, 65 or older", r => Fn.And(Fn.Eq(r.Arm, Arm.A), Fn.Ge(r.Age, 65))),
    };

    /// <summary>Writes the study folder (data/subjects.csv, data/visits.csv) under a new temporary directory.</summary>
    public static string WriteStudyFolder()
    {
        string directory = Path.Combine(Path.GetTempPath(), "protocollang-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        File.WriteAllText(Path.Combine(directory, "data", "subjects.csv"), SubjectsCsv);
        File.WriteAllText(Path.Combine(directory, "data", "visits.csv"), VisitsCsv);
        return directory;
    }

    public static IReadOnlyList<SubjectRow> ReadSubjects(DataTable table)
    {
        var id = table.Text("id");
        var arm = table.Category("arm");
        var age = table.Number("age");
        var sex = table.Category("sex");
        var score = table.Number("score");
        var flag = table.Bool("flag");
        var followup = table.Number("followup");
        var relapsed = table.Bool("relapsed");
        var rows = new SubjectRow[table.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new SubjectRow(table.SourceRows[i], id[i]!, (Arm?)arm[i], age[i].GetValueOrDefault(), (Sex)sex[i].GetValueOrDefault(),
                score[i], flag[i], followup[i], relapsed[i].GetValueOrDefault());
        }

        return rows;
    }

    public static IReadOnlyList<VisitRow> ReadVisits(DataTable table)
    {
        var id = table.Text("id");
        var month = table.Number("month");
        var value = table.Number("value");
        var rows = new VisitRow[table.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new VisitRow(table.SourceRows[i], id[i]!, month[i].GetValueOrDefault(), value[i].GetValueOrDefault());
        }

        return rows;
    }

    /// <summary>The whole plan, as the emitter's <c>Run</c> method would write it.</summary>
    public static StudyResults Run(StudyRunOptions options, string? template = null) => Plan(options, template).Complete();

    /// <summary>The plan up to (not including) <see cref="StudyRun.Complete"/>.</summary>
    public static StudyRun Plan(StudyRunOptions options, string? template = null)
    {
        var run = new StudyRun(Schema, options, new[] { ReportFormat.Markdown, ReportFormat.Json }, "report", template);
        var subjects = run.Cohort(ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, Criteria, Groups);
        var visits = run.Children("visits", ReadVisits(run.Table("visits")), r => r.Id, subjects);

        var age = Variables.Continuous(subjects, "age", "Age", "years", Summary.Median, r => r.Age);
        var sex = Variables.Categorical(subjects, "sex", "Sex", new[] { "F", "M" }, r => (int)r.Sex);
        var score = Variables.Continuous(subjects, "score", "Score", null, Summary.Mean, r => r.Score);
        var flag = Variables.Binary(subjects, "flag", "Flag", r => r.Flag);
        var relapsed = Variables.Binary(subjects, "relapsed", "Relapsed", r => r.Relapsed);
        var relapse = Variables.TimeToEvent(subjects, "Relapse", "Relapse", "months", 24, r => r.Followup, r => r.Relapsed);
        var course = Variables.Repeated(visits, "Course", "Value over time", null, "month", r => r.Value, r => r.Month);

        run.Describe("describe age, sex, score, flag, relapsed by group", age, sex, score, flag, relapsed);
        run.Compare("compare age: Alpha vs each using mann_whitney adjust holm", new Variable[] { age },
            new Pairing.VsReference("Alpha", new[] { "Beta", "Gamma" }), TestKind.MannWhitney, AdjustMethod.Holm);
        run.Compare("compare score: Alpha vs Beta using t_test", new Variable[] { score },
            new Pairing.TwoGroups("Alpha", "Beta"), TestKind.TTest, AdjustMethod.None);
        run.Compare("compare relapsed: Alpha vs Beta using fisher", new Variable[] { relapsed },
            new Pairing.TwoGroups("Alpha", "Beta"), TestKind.Fisher, AdjustMethod.None);
        run.Compare("compare relapsed across groups using fisher", new Variable[] { relapsed },
            new Pairing.AcrossGroups(), TestKind.Fisher, AdjustMethod.None);
        run.MixedModel("model mixed log(Course) ~ group * factor(month) + (1 | id) where group != Gamma",
            new MixedModelSpec(course, ResponseTransform.Log,
                new ModelTerm[]
                {
                    new(new TermFactor[] { new("group", TermFactorKind.Group) }),
                    new(new TermFactor[] { new("month", TermFactorKind.TimeAsFactor) }),
                    new(new TermFactor[] { new("group", TermFactorKind.Group), new("month", TermFactorKind.TimeAsFactor) }),
                },
                new RandomEffect[] { new("id", true, null) }, new[] { "Alpha", "Beta" }, Reml: true));
        run.KaplanMeier(new AnalysisInfo("km_relapse", "model kaplan_meier Relapse by group at 12, 24 conf_type log_log as km_relapse"), relapse, new double[] { 12, 24 }, SurvivalConfType.LogLog);
        run.LogRank("test logrank Relapse by group pairwise adjust bonferroni", relapse, 0, null, pairwise: AdjustMethod.Bonferroni);
        run.Cox(new AnalysisInfo("cox_relapse", "model cox Relapse ~ group + age + sex reference group = Beta, sex = F ties efron as cox_relapse"),
            new CoxSpec(relapse, new CoxTerm[] { new(null, "Beta"), new(age, null), new(sex, "F") }, TiesMethod.Efron, Array.Empty<Variable>()));
        return run;
    }
}
