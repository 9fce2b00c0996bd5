namespace ProtocolLang.Runtime.Data;

/// <summary>Provenance of one data file, for the report: which bytes were analysed.</summary>
/// <param name="Path">The path as declared in the study, relative to the study's folder.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
/// <param name="RowsRead">Data rows read (header not counted), kept or excluded.</param>
public sealed record DataFileInfo(string Table, string Path, string Sha256, int RowsRead);
