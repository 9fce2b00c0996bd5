using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Tests.Data.Engines;

public sealed class PostgresSourceTests
{
    [Fact]
    public void TheRowQueryQuotesEveryIdentifierAndCastsByKind()
    {
        var query = PostgresSource.RowQuery("clinic", "vi\"sits", [("id", false, false), ("ck", true, false), ("seen", false, true)], isBaseTable: true);

        Assert.Equal(
            "SELECT CAST(\"id\" AS text), CAST(\"ck\" AS double precision), to_char(\"seen\", 'YYYY-MM-DD') FROM \"clinic\".\"vi\"\"sits\" ORDER BY ctid",
            query);
    }

    [Fact]
    public void AViewIsReadWithoutThePhysicalOrder()
    {
        Assert.EndsWith("FROM \"public\".\"v\"", PostgresSource.RowQuery("public", "v", [("id", false, false)], isBaseTable: false), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public.subjects", "public", "subjects")]
    [InlineData("subjects", "public", "subjects")]
    [InlineData("clinic.visits", "clinic", "visits")]
    public void AnUnqualifiedTableIsInSchemaPublic(string table, string schema, string name)
    {
        Assert.Equal((schema, name), PostgresSource.SplitTableName(table));
    }

    [Theory]
    [InlineData(ColumnKind.Number, "numeric", true)]
    [InlineData(ColumnKind.Number, "text", false)]
    [InlineData(ColumnKind.Integer, "double precision", false)]
    [InlineData(ColumnKind.Category, "character varying", true)]
    [InlineData(ColumnKind.Bool, "boolean", true)]
    [InlineData(ColumnKind.Date, "timestamp without time zone", false)]
    public void ADeclaredKindAcceptsOnlyTypesThatHoldItsValues(ColumnKind kind, string type, bool accepted)
    {
        Assert.Equal(accepted, PostgresSource.Accepts(kind, type));
    }
}
