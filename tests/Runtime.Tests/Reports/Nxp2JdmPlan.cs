using System;
using System.Collections.Generic;
using ProtocolLang.Runtime;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Reports.Nxp2Jdm;

// What the emitter writes for examples/Nxp2Jdm/nxp2_jdm.study (docs/design/generated-code.md), by hand,
// so the runtime is exercised through exactly the calls generated code makes.
public enum Antibody { NXP2, MDA5, TIF1g }

public enum Onset { juvenile, adult }

public enum Sex { F, M }

public sealed record SubjectsRow(int SourceRow, string Id, Antibody? Antibody, Onset Onset, double Age, Sex Sex,
    double Ck, double? Cmas, bool Mas, bool Myocardial, bool Dysphagia, bool Calcinosis, double? RelapseMonths, bool Relapsed)
{
    public double? LogCk => Fn.Log(Ck);
}

public sealed record VisitsRow(int SourceRow, string Id, long Month, double Ck, double? Cmas, double Il10, double Ifng)
{
    public double? Il10Ifng => Il10 / Ifng;
}

public static class Nxp2JdmStudy
{
    public static StudySchema Schema { get; } = new(
        Name: "Nxp2Jdm",
        Title: "Association of NXP2 autoantibodies with a more severe clinical phenotype of JDM",
        Version: "1.0",
        StudyFileName: "nxp2_jdm.study",
        StudySha256: "d816e79447332cadee96299269166d91e2a6a7843a3baf0b36be7593de7f41d8", // the example's nxp2_jdm.study when this plan was written
        Tables: new[]
        {
            new TableSchema("subjects", "data/subjects.csv", Key: "id", Parent: null, LinkColumn: null, Columns: new ColumnSchema[]
            {
                new("id", ColumnKind.Text),
                new("antibody", ColumnKind.Category, Levels: new[] { "NXP2", "MDA5", "TIF1g" }, Optional: true, Label: "Myositis-specific autoantibody"),
                new("onset", ColumnKind.Category, Levels: new[] { "juvenile", "adult" }, Label: "Onset"),
                new("age", ColumnKind.Number, Unit: "years", Min: 0, Max: 100, Label: "Age at diagnosis"),
                new("sex", ColumnKind.Category, Levels: new[] { "F", "M" }, Label: "Sex"),
                new("ck", ColumnKind.Number, Unit: "U/L", Min: 0, Label: "Baseline creatine kinase"),
                new("cmas", ColumnKind.Number, Min: 0, Max: 52, Optional: true, Label: "Baseline CMAS"),
                new("mas", ColumnKind.Bool, Label: "Macrophage activation syndrome"),
                new("myocardial", ColumnKind.Bool, Label: "Myocardial damage"),
                new("dysphagia", ColumnKind.Bool, Label: "Dysphagia"),
                new("calcinosis", ColumnKind.Bool, Label: "Calcinosis"),
                new("relapse_months", ColumnKind.Number, Unit: "months", Min: 0, Optional: true, Label: "Time to relapse or censoring"),
                new("relapsed", ColumnKind.Bool, Label: "Relapse"),
            }),
            new TableSchema("visits", "data/visits.csv", Key: null, Parent: "subjects", LinkColumn: "id", Columns: new ColumnSchema[]
            {
                new("id", ColumnKind.Text),
                new("month", ColumnKind.Integer, Unit: "months", Min: 0, Max: 12),
                new("ck", ColumnKind.Number, Unit: "U/L", Min: 0),
                new("cmas", ColumnKind.Number, Min: 0, Max: 52, Optional: true),
                new("il10", ColumnKind.Number, Unit: "pg/mL", Min: 0),
                new("ifng", ColumnKind.Number, Unit: "pg/mL", Min: 0),
            }),
        });

    public static IReadOnlyList<Criterion<SubjectsRow>> Criteria { get; } = new Criterion<SubjectsRow>[]
    {
        new(CriterionKind.Include, "Complete antibody testing", r => r.Antibody is not null),
        new(CriterionKind.Exclude, "Missing follow-up time", r => r.RelapseMonths is null),
    };

    public static IReadOnlyList<GroupDefinition<SubjectsRow>> Groups { get; } = new GroupDefinition<SubjectsRow>[]
    {
        new("NXP2_JDM", "NXP2+ JDM", r => Fn.And(Fn.Eq(r.Antibody, Antibody.NXP2), Fn.Eq<Onset>(r.Onset, Onset.juvenile))),
        new("MDA5_JDM", "MDA5+ JDM", r => Fn.And(Fn.Eq(r.Antibody, Antibody.MDA5), Fn.Eq<Onset>(r.Onset, Onset.juvenile))),
        new("TIF1g_JDM", "TIF1γ+ JDM", r => Fn.And(Fn.Eq(r.Antibody, Antibody.TIF1g), Fn.Eq<Onset>(r.Onset, Onset.juvenile))),
        new("NXP2_ADM", "NXP2+ adult DM", r => Fn.And(Fn.Eq(r.Antibody, Antibody.NXP2), Fn.Eq<Onset>(r.Onset, Onset.adult))),
    };

    public static IReadOnlyList<SubjectsRow> ReadSubjects(DataTable table)
    {
        var id = table.Text("id");
        var antibody = table.Category("antibody");
        var onset = table.Category("onset");
        var age = table.Number("age");
        var sex = table.Category("sex");
        var ck = table.Number("ck");
        var cmas = table.Number("cmas");
        var mas = table.Bool("mas");
        var myocardial = table.Bool("myocardial");
        var dysphagia = table.Bool("dysphagia");
        var calcinosis = table.Bool("calcinosis");
        var relapseMonths = table.Number("relapse_months");
        var relapsed = table.Bool("relapsed");
        var rows = new SubjectsRow[table.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new SubjectsRow(table.SourceRows[i], id[i]!, (Antibody?)antibody[i], (Onset)onset[i].GetValueOrDefault(),
                age[i].GetValueOrDefault(), (Sex)sex[i].GetValueOrDefault(), ck[i].GetValueOrDefault(), cmas[i],
                mas[i].GetValueOrDefault(), myocardial[i].GetValueOrDefault(), dysphagia[i].GetValueOrDefault(), calcinosis[i].GetValueOrDefault(),
                relapseMonths[i], relapsed[i].GetValueOrDefault());
        }

        return rows;
    }

    public static IReadOnlyList<VisitsRow> ReadVisits(DataTable table)
    {
        var id = table.Text("id");
        var month = table.Integer("month");
        var ck = table.Number("ck");
        var cmas = table.Number("cmas");
        var il10 = table.Number("il10");
        var ifng = table.Number("ifng");
        var rows = new VisitsRow[table.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new VisitsRow(table.SourceRows[i], id[i]!, month[i].GetValueOrDefault(), ck[i].GetValueOrDefault(), cmas[i],
                il10[i].GetValueOrDefault(), ifng[i].GetValueOrDefault());
        }

        return rows;
    }

    public static StudyResults Run(StudyRunOptions options)
    {
        var run = new StudyRun(Schema, options, new[] { ReportFormat.Markdown, ReportFormat.Json }, "report");
        var subjects = run.Cohort(ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, Criteria, Groups);
        var visits = run.Children("visits", ReadVisits(run.Table("visits")), r => r.Id, subjects);

        var age = Variables.Continuous(subjects, "age", "Age at diagnosis", "years", Summary.Median, r => r.Age);
        var sex = Variables.Categorical(subjects, "sex", "Sex", new[] { "F", "M" }, r => (int)r.Sex);
        var ck = Variables.Continuous(subjects, "CK", "Creatine kinase (U/L)", "U/L", Summary.Median, r => r.Ck);
        var cmas = Variables.Continuous(subjects, "CMAS", "CMAS score", null, Summary.Mean, r => r.Cmas);
        var mas = Variables.Binary(subjects, "MAS", "Macrophage activation syndrome", r => r.Mas);
        var myocardial = Variables.Binary(subjects, "myocardial", "Myocardial damage", r => r.Myocardial);
        var dysphagia = Variables.Binary(subjects, "dysphagia", "Dysphagia", r => r.Dysphagia);
        var calcinosis = Variables.Binary(subjects, "calcinosis", "Calcinosis", r => r.Calcinosis);
        var relapse = Variables.TimeToEvent(subjects, "Relapse", "Relapse", "months", 36, r => r.RelapseMonths, r => r.Relapsed);
        var ckCourse = Variables.Repeated(visits, "CKCourse", "CK over time", "U/L", "month", r => r.Ck, r => r.Month);
        var cmasCourse = Variables.Repeated(visits, "CMASCourse", "CMAS over time", null, "month", r => r.Cmas, r => r.Month);
        var cytokineCourse = Variables.Repeated(visits, "CytokineCourse", "IL-10/IFN-γ over time", null, "month", r => r.Il10Ifng, r => r.Month);

        var others = new[] { "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM" };
        run.Describe("describe age, sex, CK, CMAS, MAS, myocardial, dysphagia, calcinosis by group", age, sex, ck, cmas, mas, myocardial, dysphagia, calcinosis);
        run.Describe("describe CK by group statistics median_iqr, geometric_mean",
            new DescribeOptions(new DescribeStatistic[] { DescribeStatistic.MedianIqr, DescribeStatistic.GeometricMean }, QuantileType: 7), ck);
        run.Compare("compare CK: NXP2_JDM vs each using mann_whitney adjust holm", new Variable[] { ck },
            new Pairing.VsReference("NXP2_JDM", others), TestKind.MannWhitney, AdjustMethod.Holm);
        run.Compare("compare CMAS: NXP2_JDM vs (MDA5_JDM, TIF1g_JDM) using t_test", new Variable[] { cmas },
            new Pairing.VsReference("NXP2_JDM", new[] { "MDA5_JDM", "TIF1g_JDM" }), TestKind.TTest, AdjustMethod.None);
        run.Compare("compare MAS, myocardial, dysphagia, calcinosis: NXP2_JDM vs each using fisher", new Variable[] { mas, myocardial, dysphagia, calcinosis },
            new Pairing.VsReference("NXP2_JDM", others), TestKind.Fisher, AdjustMethod.None);
        run.Compare("compare MAS, myocardial, dysphagia, calcinosis across groups using fisher", new Variable[] { mas, myocardial, dysphagia, calcinosis },
            new Pairing.AcrossGroups(), TestKind.Fisher, AdjustMethod.None);
        var groupByMonth = new ModelTerm[]
        {
            new(new TermFactor[] { new("group", TermFactorKind.Group) }),
            new(new TermFactor[] { new("month", TermFactorKind.TimeAsFactor) }),
            new(new TermFactor[] { new("group", TermFactorKind.Group), new("month", TermFactorKind.TimeAsFactor) }),
        };
        var randomIntercept = new RandomEffect[] { new("id", true, null) };
        var juvenile = new[] { "NXP2_JDM", "MDA5_JDM", "TIF1g_JDM" };
        run.MixedModel("model mixed log(CKCourse) ~ group * factor(month) + (1 | id) where group != NXP2_ADM",
            new MixedModelSpec(ckCourse, ResponseTransform.Log, groupByMonth, randomIntercept, juvenile, Reml: true));
        run.MixedModel("model mixed CMASCourse ~ group * factor(month) + (1 | id) where group != NXP2_ADM",
            new MixedModelSpec(cmasCourse, ResponseTransform.None, groupByMonth, randomIntercept, juvenile, Reml: true));
        run.MixedModel("model mixed log(CytokineCourse) ~ group * factor(month) + (1 | id)",
            new MixedModelSpec(cytokineCourse, ResponseTransform.Log, groupByMonth, randomIntercept, null, Reml: true));
        run.KaplanMeier("model kaplan_meier Relapse by group at 12, 24, 36", relapse, new double[] { 12, 24, 36 }, SurvivalConfType.Log);
        run.LogRank("test logrank Relapse by group pairwise adjust holm", relapse, 0, null, pairwise: AdjustMethod.Holm);
        run.Cox("model cox Relapse ~ group + age + sex reference group = NXP2_ADM, sex = F ties efron",
            new CoxSpec(relapse, new CoxTerm[] { new(null, "NXP2_ADM"), new(age, null), new(sex, "F") }, TiesMethod.Efron, Array.Empty<Variable>()));
        return run.Complete();
    }
}
