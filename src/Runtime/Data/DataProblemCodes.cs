namespace ProtocolLang.Runtime.Data;

/// <summary>
/// Every data problem ID (PL4xxx). Documented in <c>docs/diagnostics.md</c>, section "Data"; never reused.
/// </summary>
public static class DataProblemCodes
{
    /// <summary>Fatal: the data file does not exist.</summary>
    public const string FileNotFound = "PL4001";

    /// <summary>Fatal: the data file is empty (no header row).</summary>
    public const string EmptyFile = "PL4002";

    /// <summary>Error: a number or integer is outside the column's inclusive range.</summary>
    public const string OutOfRange = "PL4003";

    /// <summary>Fatal: a declared column is not in the header.</summary>
    public const string MissingColumn = "PL4004";

    /// <summary>Warning: the header has a column the study does not declare; it is ignored.</summary>
    public const string UndeclaredColumn = "PL4005";

    /// <summary>Fatal: a declared column appears more than once in the header.</summary>
    public const string DuplicateColumn = "PL4006";

    /// <summary>Error: a row has more or fewer fields than the header.</summary>
    public const string FieldCount = "PL4007";

    /// <summary>Error: a required (non-optional) column, or the key, has no value.</summary>
    public const string MissingValue = "PL4008";

    /// <summary>Error: not a number.</summary>
    public const string InvalidNumber = "PL4009";

    /// <summary>Error: not an integer.</summary>
    public const string InvalidInteger = "PL4010";

    /// <summary>Error: not an ISO date <c>yyyy-MM-dd</c>.</summary>
    public const string InvalidDate = "PL4011";

    /// <summary>Error: not a bool (<c>true</c>/<c>false</c>, any case, or <c>1</c>/<c>0</c>).</summary>
    public const string InvalidBool = "PL4012";

    /// <summary>Error: a category value is not one of the declared levels.</summary>
    public const string UnknownLevel = "PL4013";

    /// <summary>Error: the key value was already used by an earlier row.</summary>
    public const string DuplicateKey = "PL4014";

    /// <summary>Error: a child row's link value is not a key of the parent table.</summary>
    public const string UnknownParent = "PL4015";

    /// <summary>Warning: a child row is excluded because its parent row was excluded.</summary>
    public const string ParentExcluded = "PL4016";

    /// <summary>Fatal: the data file is not valid UTF-8 text.</summary>
    public const string InvalidUtf8 = "PL4017";

    /// <summary>Fatal: the data file exists but could not be read.</summary>
    public const string UnreadableFile = "PL4018";

    /// <summary>Warning: the file has a header but no data rows.</summary>
    public const string NoRows = "PL4019";

    /// <summary>Fatal: the data file is outside the study's folder (<c>..</c>, absolute, a symbolic link) and not allowed; it is not read.</summary>
    public const string OutsideStudy = "PL4040";

    /// <summary>Fatal: the table named by <c>from duckdb "file" table "name"</c> is not in the database file (or not on the server, for <c>postgres</c>).</summary>
    public const string UnknownSourceTable = "PL4050";

    /// <summary>Fatal: a Parquet, DuckDB or PostgreSQL column's type cannot hold the declared column's values (text where a number is declared).</summary>
    public const string IncompatibleColumnType = "PL4051";

    /// <summary>Fatal: the file is not a Parquet file or DuckDB database (as its <c>from</c> clause says), or DuckDB cannot read it.</summary>
    public const string NotADataFile = "PL4052";

    /// <summary>Fatal: the connection name of a server source (<c>postgres "NAME"</c>) is in neither its environment variable nor the connections file.</summary>
    public const string UnknownConnection = "PL4053";

    /// <summary>Fatal: the server could not be reached, refused the connection or the login, or has no such database.</summary>
    public const string ConnectionFailed = "PL4054";

    /// <summary>Fatal: connecting to the server or a query took longer than its timeout.</summary>
    public const string ServerTimeout = "PL4055";

    /// <summary>Fatal: the connections file is not usable (not JSON, an entry not a string) or the driver refuses the connection string.</summary>
    public const string InvalidConnectionSettings = "PL4056";

    /// <summary>Fatal: the server reported an error while its catalog or rows were read.</summary>
    public const string ServerError = "PL4057";

    /// <summary>Error: a subject is in more than one group and the study does not say <c>groups on_overlap exclude</c>.</summary>
    public const string OverlappingGroups = "PL4020";

    /// <summary>Error (<c>compute in engine</c>): values of a number or integer column outside its range, counted by the engine.</summary>
    public const string EngineOutOfRange = "PL4062";

    /// <summary>Error (<c>compute in engine</c>): values of a category column that are not among its levels, counted by the engine.</summary>
    public const string EngineUnknownLevel = "PL4063";

    /// <summary>Error (<c>compute in engine</c>): missing values in a required column (or the key), counted by the engine.</summary>
    public const string EngineMissingValue = "PL4064";

    /// <summary>Error (<c>compute in engine</c>): key values held by more than one row, counted by the engine.</summary>
    public const string EngineDuplicateKey = "PL4065";

    /// <summary>Error (<c>compute in engine</c>): numbers that are not finite (NaN, an infinity) or, in an integer column, not whole.</summary>
    public const string EngineInvalidNumber = "PL4066";

    /// <summary>Error (<c>compute in engine</c> on ClickHouse): values of a bool column, held as UInt8, that are not 0 or 1.</summary>
    public const string EngineInvalidBool = "PL4058";

    public static DataProblemSeverity SeverityOf(string code) => code switch
    {
        FileNotFound or EmptyFile or MissingColumn or DuplicateColumn or InvalidUtf8 or UnreadableFile or OutsideStudy
            or UnknownSourceTable or IncompatibleColumnType or NotADataFile
            or UnknownConnection or ConnectionFailed or ServerTimeout or InvalidConnectionSettings or ServerError => DataProblemSeverity.Fatal,
        UndeclaredColumn or ParentExcluded or NoRows => DataProblemSeverity.Warning,
        _ => DataProblemSeverity.Error,
    };
}
