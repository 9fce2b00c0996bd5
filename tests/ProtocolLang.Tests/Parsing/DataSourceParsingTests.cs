using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class DataSourceParsingTests
{
    private const string Source = """
        study S {
          table subjects from parquet "data/subjects.parquet" key id {
            id: text
          }
          table visits from duckdb "data/study.duckdb" table "clinic.visits" of subjects by id on_invalid exclude {
            id: text
          }
          table plain from "data/plain.csv" {
            x: number
          }
        }
        """;

    [Fact]
    public void AParquetSourceKeepsItsKindAndPathAndNoTable()
    {
        var table = (TableSyntax)ParseClean(Source).Declarations[0];

        Assert.Equal("parquet", table.SourceKind!.Name);
        Assert.Equal("data/subjects.parquet", table.Source.Value);
        Assert.Null(table.SourceTable);
        Assert.Equal("id", table.Key!.Name);
    }

    [Fact]
    public void ADuckDbSourceKeepsItsTableAndTheClausesAfterIt()
    {
        var declarations = ParseClean(Source).Declarations;

        Assert.Equal(3, declarations.Length);
        var table = (TableSyntax)declarations[1];
        Assert.Equal("duckdb", table.SourceKind!.Name);
        Assert.Equal("data/study.duckdb", table.Source.Value);
        Assert.Equal("clinic.visits", table.SourceTable!.Value);
        Assert.Equal("\"clinic.visits\"", TextOf(Source, table.SourceTable.Span));
        Assert.Equal(("subjects", "id"), (table.Parent!.Name, table.LinkColumn!.Name));
        Assert.Equal("exclude", table.OnInvalid!.Value.Name);
    }

    [Fact]
    public void APathAloneIsACsvSourceWithNoKind()
    {
        var table = (TableSyntax)ParseClean(Source).Declarations[2];

        Assert.Null(table.SourceKind);
        Assert.Null(table.SourceTable);
        Assert.Equal("data/plain.csv", table.Source.Value);
    }
}
