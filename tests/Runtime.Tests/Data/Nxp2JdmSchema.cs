using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>The tables of <c>examples/Nxp2Jdm/nxp2_jdm.study</c>, as the generator would build them.</summary>
internal static class Nxp2JdmSchema
{
    public static TableSchema Subjects { get; } = new("subjects", "data/subjects.csv", Key: "id", Parent: null, LinkColumn: null, Columns:
    [
        new ColumnSchema("id", ColumnKind.Text),
        new ColumnSchema("antibody", ColumnKind.Category, Levels: ["NXP2", "MDA5", "TIF1g"], Optional: true, Label: "Myositis-specific autoantibody"),
        new ColumnSchema("onset", ColumnKind.Category, Levels: ["juvenile", "adult"], Label: "Onset"),
        new ColumnSchema("age", ColumnKind.Number, Unit: "years", Min: 0, Max: 100, Label: "Age at diagnosis"),
        new ColumnSchema("sex", ColumnKind.Category, Levels: ["F", "M"], Label: "Sex"),
        new ColumnSchema("ck", ColumnKind.Number, Unit: "U/L", Min: 0, Label: "Baseline creatine kinase"),
        new ColumnSchema("cmas", ColumnKind.Number, Min: 0, Max: 52, Optional: true, Label: "Baseline CMAS"),
        new ColumnSchema("mas", ColumnKind.Bool, Label: "Macrophage activation syndrome"),
        new ColumnSchema("myocardial", ColumnKind.Bool, Label: "Myocardial damage"),
        new ColumnSchema("dysphagia", ColumnKind.Bool, Label: "Dysphagia"),
        new ColumnSchema("calcinosis", ColumnKind.Bool, Label: "Calcinosis"),
        new ColumnSchema("relapse_months", ColumnKind.Number, Unit: "months", Min: 0, Optional: true, Label: "Time to relapse or censoring"),
        new ColumnSchema("relapsed", ColumnKind.Bool, Label: "Relapse"),
    ]);

    public static TableSchema Visits { get; } = new("visits", "data/visits.csv", Key: null, Parent: "subjects", LinkColumn: "id", Columns:
    [
        new ColumnSchema("id", ColumnKind.Text),
        new ColumnSchema("month", ColumnKind.Integer, Unit: "months", Min: 0, Max: 12),
        new ColumnSchema("ck", ColumnKind.Number, Unit: "U/L", Min: 0),
        new ColumnSchema("cmas", ColumnKind.Number, Min: 0, Max: 52, Optional: true),
        new ColumnSchema("il10", ColumnKind.Number, Unit: "pg/mL", Min: 0),
        new ColumnSchema("ifng", ColumnKind.Number, Unit: "pg/mL", Min: 0),
    ]);

    public const string SubjectsHeader = "id,antibody,onset,age,sex,ck,cmas,mas,myocardial,dysphagia,calcinosis,relapse_months,relapsed";

    public const string VisitsHeader = "id,month,ck,cmas,il10,ifng";

    public static StudySchema Study(params TableSchema[] tables) =>
        new("Nxp2Jdm", "Test", "1.0", "nxp2_jdm.study", new string('0', 64), tables);

    public static StudySchema Both { get; } = Study(Subjects, Visits);
}
