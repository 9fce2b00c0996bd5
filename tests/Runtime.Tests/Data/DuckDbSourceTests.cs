using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>
/// Parquet files and DuckDB tables load through the CSV path's own checks: the same values, the same problems
/// (codes, rows, columns, messages), and catalog problems (missing column, wrong type, unknown table, wrong file)
/// that name the source before any row is read.
/// </summary>
public sealed class DuckDbSourceTests
{
    private const string Row1 = "P01,NXP2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true";
    private const string Row2 = "P02,MDA5,juvenile,7.5,F,2500,,false,true,false,false,36,false";
    private const string Row3 = "P03,,adult,41.2,F,180.5,20,false,false,true,false,12.25,true";

    private static TableSchema ParquetSubjects { get; } =
        Nxp2JdmSchema.Subjects with { Source = "data/subjects.parquet", SourceKind = DataSourceKind.Parquet };

    private static TableSchema DuckDbSubjects(string table) =>
        Nxp2JdmSchema.Subjects with { Source = "data/study.duckdb", SourceKind = DataSourceKind.DuckDb, SourceTable = table };

    [Fact]
    public void AParquetFileLoadsTheSameValuesAsItsCsvAndReportsTheFileHash()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, Row1, Row2, Row3);
        var parquet = Path.Combine(folder.Path, "data", "subjects.parquet");
        DuckDbFiles.CsvToParquet(csv, parquet);

        var fromCsv = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));
        var fromParquet = folder.Load(Nxp2JdmSchema.Study(ParquetSubjects));

        Assert.Empty(fromParquet.Problems);
        AssertSameTable(fromCsv["subjects"], fromParquet["subjects"]);
        var file = Assert.Single(fromParquet.Files);
        Assert.Equal(("data/subjects.parquet", 3), (file.Path, file.RowsRead));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(parquet))), file.Sha256);
    }

    [Fact]
    public void ADuckDbTableInASchemaLoadsTheSameValuesAsItsCsv()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, Row1, Row2, Row3);
        DuckDbFiles.CsvToDatabase(Path.Combine(folder.Path, "data", "study.duckdb"), ("clinic.subjects", csv), ("subjects", csv));

        var fromCsv = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));
        var fromSchema = folder.Load(Nxp2JdmSchema.Study(DuckDbSubjects("clinic.subjects")));
        var fromMain = folder.Load(Nxp2JdmSchema.Study(DuckDbSubjects("subjects")));

        Assert.Empty(fromSchema.Problems);
        Assert.Empty(fromMain.Problems);
        AssertSameTable(fromCsv["subjects"], fromSchema["subjects"]);
        AssertSameTable(fromCsv["subjects"], fromMain["subjects"]);
    }

    [Fact]
    public void ATableNameWithQuotesIsAnIdentifierNotSql()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, Row1);
        const string hostile = "x\"; DROP TABLE subjects; --";
        DuckDbFiles.CsvToDatabase(Path.Combine(folder.Path, "data", "study.duckdb"), (hostile, csv), ("subjects", csv));

        var data = folder.Load(Nxp2JdmSchema.Study(DuckDbSubjects(hostile)));
        var again = folder.Load(Nxp2JdmSchema.Study(DuckDbSubjects("subjects")));

        Assert.Empty(data.Problems);
        Assert.Equal(1, data["subjects"].RowCount);
        Assert.Equal(1, again["subjects"].RowCount);
    }

    [Fact]
    public void OutOfRangeValuesAndUnknownLevelsInParquetGiveTheCsvProblemsAtTheSourceRow()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader,
            Row1, "P02,MDA5,juvenile,150,F,2500,,false,true,false,false,36,false", "P03,NXP2,adult,41.2,X,180.5,20,false,false,true,false,12.25,true");
        DuckDbFiles.CsvToParquet(csv, Path.Combine(folder.Path, "data", "subjects.parquet"));

        var fromCsv = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));
        var fromParquet = folder.Load(Nxp2JdmSchema.Study(ParquetSubjects));

        Assert.Equal([("PL4003", 2, "age"), ("PL4013", 3, "sex")], fromParquet.Problems.Select(p => (p.Code, p.Row, p.Column)));
        Assert.All(fromParquet.Problems, p => Assert.Equal("data/subjects.parquet", p.File));
        Assert.Equal(fromCsv.Problems.Select(p => p.Message), fromParquet.Problems.Select(p => p.Message));
        Assert.Equal("data/subjects.parquet(row 2, column 'age'): error PL4003: value '150' is above the maximum 100 of column 'age'",
            fromParquet.Problems[0].ToString());
        Assert.Equal(fromCsv["subjects"].ExcludedRows.Select(e => (e.SourceRow, e.Reason)), fromParquet["subjects"].ExcludedRows.Select(e => (e.SourceRow, e.Reason)));
    }

    [Fact]
    public void AMissingParquetColumnIsFatalAndNamesTheFileAndTheNearestColumn()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader.Replace(",age,", ",Age,", StringComparison.Ordinal), Row1);
        DuckDbFiles.CsvToParquet(csv, Path.Combine(folder.Path, "data", "subjects.parquet"));

        var data = folder.Load(Nxp2JdmSchema.Study(ParquetSubjects));

        Assert.True(data.HasFatalProblems);
        Assert.Equal([("PL4005", 0, "Age"), ("PL4004", 0, "age")], data.Problems.Select(p => (p.Code, p.Row, p.Column)));
        Assert.StartsWith("column 'age' is declared but the Parquet file 'data/subjects.parquet' has no such column (id, antibody, onset, Age,",
            data.Problems[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("did you mean 'Age'? (column names are case-sensitive)", data.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWhereANumberIsDeclaredIsAFatalTypeProblemBeforeAnyRowIsRead()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, Row1.Replace(",9.9,", ",ten,", StringComparison.Ordinal));
        DuckDbFiles.CsvToParquet(csv, Path.Combine(folder.Path, "data", "subjects.parquet"));

        var data = folder.Load(Nxp2JdmSchema.Study(ParquetSubjects));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4051", "data/subjects.parquet", 0, "age", DataProblemSeverity.Fatal),
            (problem.Code, problem.File, problem.Row, problem.Column, problem.Severity));
        Assert.Equal("column 'age' is declared number but is VARCHAR in the Parquet file 'data/subjects.parquet'; expected an integer, FLOAT, DOUBLE or DECIMAL column",
            problem.Message);
    }

    [Fact]
    public void AnUnknownDuckDbTableIsFatalAndSuggestsTheNearestTable()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, Row1);
        DuckDbFiles.CsvToDatabase(Path.Combine(folder.Path, "data", "study.duckdb"), ("subject", csv), ("clinic.visits", csv));

        var data = folder.Load(Nxp2JdmSchema.Study(DuckDbSubjects("subjects")));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4050", "data/study.duckdb", DataProblemSeverity.Fatal), (problem.Code, problem.File, problem.Severity));
        Assert.Equal("the DuckDB database 'data/study.duckdb' has no table 'subjects' for table 'subjects' (tables: clinic.visits, subject); did you mean 'subject'?",
            problem.Message);
        Assert.Equal(0, data["subjects"].RowCount);
    }

    [Theory]
    [InlineData(DataSourceKind.Parquet, "data/subjects.parquet", "'data/subjects.parquet' of table 'subjects' is not a Parquet file")]
    [InlineData(DataSourceKind.DuckDb, "data/study.duckdb", "'data/study.duckdb' of table 'subjects' is not a DuckDB database")]
    public void AFileThatIsNotOfItsDeclaredKindIsFatalAndNamed(DataSourceKind kind, string source, string message)
    {
        using var folder = new StudyFolder();
        folder.Write(source, Nxp2JdmSchema.SubjectsHeader, Row1);
        var table = Nxp2JdmSchema.Subjects with { Source = source, SourceKind = kind, SourceTable = kind == DataSourceKind.DuckDb ? "subjects" : null };

        var data = folder.Load(Nxp2JdmSchema.Study(table));

        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4052", source, DataProblemSeverity.Fatal), (problem.Code, problem.File, problem.Severity));
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single(data.Files).RowsRead);
    }

    [Fact]
    public void AParquetFileCutShortIsFatalWithDuckDbsReason()
    {
        using var folder = new StudyFolder();
        var csv = folder.Write("data/subjects.csv", Nxp2JdmSchema.SubjectsHeader, Row1);
        var parquet = Path.Combine(folder.Path, "data", "subjects.parquet");
        DuckDbFiles.CsvToParquet(csv, parquet);
        var bytes = File.ReadAllBytes(parquet);
        File.WriteAllBytes(parquet, bytes[..(bytes.Length / 2)]);

        var data = folder.Load(Nxp2JdmSchema.Study(ParquetSubjects));

        var problem = Assert.Single(data.Problems);
        Assert.Equal("PL4052", problem.Code);
        Assert.StartsWith("a Parquet file 'data/subjects.parquet' of table 'subjects' could not be read by DuckDB: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingParquetFileIsTheCsvPathsFileNotFound()
    {
        using var folder = new StudyFolder();

        var data = folder.Load(Nxp2JdmSchema.Study(ParquetSubjects));

        Assert.Equal(("PL4001", "data/subjects.parquet"), (Assert.Single(data.Problems).Code, data.Problems[0].File));
    }

    private static void AssertSameTable(DataTable expected, DataTable actual)
    {
        Assert.Equal(expected.RowsRead, actual.RowsRead);
        Assert.Equal(expected.SourceRows, actual.SourceRows);
        foreach (var column in expected.Schema.Columns)
        {
            Array Values(DataTable table) => column.Kind switch
            {
                ColumnKind.Number => table.Number(column.Name),
                ColumnKind.Integer => table.Integer(column.Name),
                ColumnKind.Text => table.Text(column.Name),
                ColumnKind.Bool => table.Bool(column.Name),
                ColumnKind.Category => table.Category(column.Name),
                _ => table.Date(column.Name),
            };

            Assert.Equal(Values(expected), Values(actual));
        }
    }
}
