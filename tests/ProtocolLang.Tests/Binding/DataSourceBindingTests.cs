using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

public class DataSourceBindingTests
{
    [Fact]
    public void ParquetAndDuckDbSourcesBindToTheirKindAndTable()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from parquet "data/subjects.parquet" key id {
                id: text
                group_name: category(A, B)
              }
              table visits from duckdb "data/study.duckdb" table "clinic.visits" of subjects by id {
                id: text
                x: number
              }
              groups {
                A "A": group_name == A
              }
            }
            """);

        Assert.Equal(
            [(TableSourceKind.Parquet, "data/subjects.parquet", (string?)null), (TableSourceKind.DuckDb, "data/study.duckdb", "clinic.visits")],
            study.Tables.Select(t => (t.SourceKind, t.Source, t.SourceTable)));
    }

    [Fact]
    public void APathAloneBindsToACsvSource()
    {
        var study = TestStudies.BindClean(TestStudies.ReadExample());

        Assert.All(study.Tables, t => Assert.Equal((TableSourceKind.Csv, (string?)null), (t.SourceKind, t.SourceTable)));
    }

    [Fact]
    public void APostgresSourceBindsItsConnectionNameAndTable()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from postgres "hospital" table "public.patients" key id {
                id: text
                group_name: category(A, B)
              }
              groups {
                A "A": group_name == A
              }
            }
            """);

        var table = Assert.Single(study.Tables);
        Assert.Equal((TableSourceKind.Postgres, "hospital", (string?)"public.patients"), (table.SourceKind, table.Source, table.SourceTable));
    }

    [Fact]
    public void AClickHouseSourceBindsItsConnectionNameAndDatabaseQualifiedTable()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from clickhouse "warehouse" table "protocollang.subjects" key id {
                id: text
                group_name: category(A, B)
              }
              groups {
                A "A": group_name == A
              }
            }
            """);

        var table = Assert.Single(study.Tables);
        Assert.Equal((TableSourceKind.ClickHouse, "warehouse", (string?)"protocollang.subjects"), (table.SourceKind, table.Source, table.SourceTable));
    }

    [Theory]
    [InlineData("hospital", true)]
    [InlineData("site-2.eu_main", true)]
    [InlineData("2nd", false)]
    [InlineData("", false)]
    [InlineData("my hospital", false)]
    [InlineData("../hospital", false)]
    [InlineData("hôpital", false)]
    public void AConnectionNameIsALetterThenLettersDigitsAndAFewMarks(string name, bool isName)
    {
        Assert.Equal(isName, ConnectionNames.IsName(name));
    }

    [Theory]
    [InlineData("Host=db;Password=x", "'='")]
    [InlineData("db;x", "';'")]
    [InlineData("postgresql://db/x", "'://'")]
    [InlineData("user@db", "'@'")]
    [InlineData("hospital", null)]
    public void TextWithConnectionStringMarksIsToldApartFromAName(string text, string? mark)
    {
        Assert.Equal(mark, ConnectionNames.ConnectionStringMark(text));
    }
}
