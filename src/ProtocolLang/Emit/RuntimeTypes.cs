namespace ProtocolLang.Emit;

/// <summary>
/// Every runtime and framework type the generated code names, fully qualified from <c>global::</c>.
/// Generated code has no <c>using</c> directives: a study named <c>Fn</c> lives in the namespace
/// <c>ProtocolLang.Studies.Fn</c>, and inside it a plain <c>Fn</c> would bind to that namespace rather
/// than to the runtime's helpers (likewise <c>StudyRun</c>, <c>System</c>, <c>Array</c>, ...). A
/// <c>global::</c> name binds to one type whatever the study, its tables or the consuming project declare.
/// </summary>
internal static class RuntimeTypes
{
    private const string Runtime = "global::ProtocolLang.Runtime.";
    private const string Data = "global::ProtocolLang.Runtime.Data.";
    private const string Plan = "global::ProtocolLang.Runtime.Plan.";

    public const string Array = "global::System.Array";
    public const string Lazy = "global::System.Lazy";
    public const string Sql = "global::ProtocolLang.Runtime.Sql.";
    public const string SqlExpr = Sql + "SqlExpr";
    public const string DateOnly = "global::System.DateOnly";
    public const string CultureInfo = "global::System.Globalization.CultureInfo";
    public const string IReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";

    public const string StudyResults = Runtime + "StudyResults";

    public const string StudySchema = Data + "StudySchema";
    public const string TableSchema = Data + "TableSchema";
    public const string ColumnSchema = Data + "ColumnSchema";
    public const string ColumnKind = Data + "ColumnKind";
    public const string DataTable = Data + "DataTable";
    public const string DataPolicy = Data + "DataPolicy";
    public const string DataSourceKind = Data + "DataSourceKind";
    public const string StudyDiagnostic = Data + "StudyDiagnostic";

    public const string Fn = Plan + "Fn";
    public const string Criterion = Plan + "Criterion";
    public const string CriterionKind = Plan + "CriterionKind";
    public const string GroupDefinition = Plan + "GroupDefinition";
    public const string StudyRun = Plan + "StudyRun";
    public const string StudyRunOptions = Plan + "StudyRunOptions";
    public const string ReportFormat = Plan + "ReportFormat";
    public const string Variable = Plan + "Variable";
    public const string Variables = Plan + "Variables";
    public const string Summary = Plan + "Summary";
    public const string Pairing = Plan + "Pairing";
    public const string TestKind = Plan + "TestKind";
    public const string TestOptions = Plan + "TestOptions";
    public const string ExactMode = Plan + "ExactMode";
    public const string EffectOptions = Plan + "EffectOptions";
    public const string NntDirection = Plan + "NntDirection";
    public const string DescribeOptions = Plan + "DescribeOptions";
    public const string DescribeStatistic = Plan + "DescribeStatistic";
    public const string MixedModelSpec = Plan + "MixedModelSpec";
    public const string MmrmOptions = Plan + "MmrmOptions";
    public const string RmAnovaOptions = Plan + "RmAnovaOptions";
    public const string VisitMeansSpec = Plan + "VisitMeansSpec";
    public const string MmrmCovarianceKind = "global::ProtocolLang.Runtime.Statistics.Mmrm.MmrmCovarianceKind";
    public const string DegreesOfFreedomMethod = "global::ProtocolLang.Runtime.Statistics.Mixed.DegreesOfFreedomMethod";
    public const string ResponseTransform = Plan + "ResponseTransform";
    public const string ModelTerm = Plan + "ModelTerm";
    public const string TermFactor = Plan + "TermFactor";
    public const string TermFactorKind = Plan + "TermFactorKind";
    public const string RandomEffect = Plan + "RandomEffect";
    public const string CoxSpec = Plan + "CoxSpec";
    public const string CoxTerm = Plan + "CoxTerm";

    public const string CoxSubgroupSpec = Plan + "CoxSubgroupSpec";
    public const string TiesMethod = Plan + "TiesMethod";
    public const string ZphTransform = Plan + "ZphTransform";
    public const string SurvivalConfType = Plan + "SurvivalConfType";
    public const string ChildAggregates = Plan + "ChildAggregates";
    public const string AnalysisInfo = Plan + "AnalysisInfo";
    public const string AnalysisScope = Plan + "AnalysisScope";
    public const string PopulationCondition = Plan + "PopulationCondition";
    public const string GroupSets = Plan + "GroupSets";
    public const string LinearSpec = Plan + "LinearSpec";
    public const string LinearReference = Plan + "LinearReference";
    public const string LinearAnovaType = Plan + "LinearAnovaType";
    public const string RobustStandardErrors = Plan + "RobustStandardErrors";
    public const string LinearMeansSpec = Plan + "LinearMeansSpec";
    public const string LinearContrastMethod = Plan + "LinearContrastMethod";
    public const string LinearContrastAdjust = Plan + "LinearContrastAdjust";
    public const string GlmSpec = Plan + "GlmSpec";
    public const string GlmModelFamily = Plan + "GlmModelFamily";

    public const string AdjustMethod = "global::ProtocolLang.Runtime.Statistics.AdjustMethod";
}
