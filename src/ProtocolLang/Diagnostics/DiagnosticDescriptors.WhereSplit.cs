namespace ProtocolLang.Diagnostics;

/// <summary>PL2198-PL2199: a mixed model's <c>where</c>, split into a subject part and a row part. Documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor WherePartReadsBothTables { get; } = Error("PL2198", "Where part reads subjects and rows",
        "'{0}' reads the rows of table '{1}' ({2}) and subject-level names ({3}) in one condition; a mixed model's where is split at its top-level 'and's into a condition on subjects and a condition on '{1}' rows, so each 'and' part must name one of them only (write 'week > 0 and sex == 2', not 'week > 0 or sex == 2'; comparing a row's column with a subject's value is not supported yet)",
        Analyses);
}
