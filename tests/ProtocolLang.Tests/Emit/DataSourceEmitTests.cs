using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>A table's source kind and source table reach the generated schema (CSV, the default, writes nothing), and the code compiles.</summary>
public class DataSourceEmitTests
{
    private const string Study = """
        study Sources {
          table subjects from parquet "data/subjects.parquet" key id on_invalid exclude {
            id: text
            sex: category(F, M)
          }
          table visits from duckdb "data/study.duckdb" table "clinic.\"visits\"" of subjects by id {
            id: text
            x: number
          }
          table sites from "data/sites.csv" {
            site: text
          }
          table labs from postgres "hospital" table "lab.results" {
            value: number
          }
          table events from clickhouse "warehouse" table "protocollang.events" {
            kind: text
          }
          groups {
            Women "Women": sex == F
          }
          describe sex by group
        }
        """;

    private static string Emit() => CSharpEmitter.Emit(TestStudies.BindClean(Study, "sources.study"));

    [Fact]
    public void SourceKindsAndTablesAreInitPropertiesOfTheTableSchemas()
    {
        var code = Emit();

        Assert.Contains("{ OnInvalid = global::ProtocolLang.Runtime.Data.DataPolicy.Exclude, SourceKind = global::ProtocolLang.Runtime.Data.DataSourceKind.Parquet },", code, System.StringComparison.Ordinal);
        Assert.Contains("{ SourceKind = global::ProtocolLang.Runtime.Data.DataSourceKind.DuckDb, SourceTable = \"clinic.\\\"visits\\\"\" },", code, System.StringComparison.Ordinal);
        Assert.Contains("new global::ProtocolLang.Runtime.Data.TableSchema(\"labs\", \"hospital\",", code, System.StringComparison.Ordinal);
        Assert.Contains("{ SourceKind = global::ProtocolLang.Runtime.Data.DataSourceKind.Postgres, SourceTable = \"lab.results\" },", code, System.StringComparison.Ordinal);
        Assert.Contains("new global::ProtocolLang.Runtime.Data.TableSchema(\"events\", \"warehouse\",", code, System.StringComparison.Ordinal);
        Assert.Contains("{ SourceKind = global::ProtocolLang.Runtime.Data.DataSourceKind.ClickHouse, SourceTable = \"protocollang.events\" },", code, System.StringComparison.Ordinal);
        Assert.Equal(4, code.Split("SourceKind =").Length - 1);
    }

    [Fact]
    public void TheGeneratedCodeCompilesAgainstTheRuntime()
    {
        Assert.Empty(GeneratedCodeCompiler.Problems(Emit()));
    }
}
