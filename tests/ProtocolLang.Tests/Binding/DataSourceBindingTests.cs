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
}
