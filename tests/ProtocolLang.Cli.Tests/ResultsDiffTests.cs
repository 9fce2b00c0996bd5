using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Diff;

namespace ProtocolLang.Cli.Tests;

/// <summary>The diff rules on small hand-written results, independent of a run.</summary>
public sealed class ResultsDiffTests
{
    private const string Groups = """
        "flow":{"cohort":{"groups":[{"name":"A","label":"Arm A","n":5},{"name":"B","label":"Arm B","n":5}]}}
        """;

    private static ResultsDiffReport Diff(string old, string @new, double tolerance = 1e-9) =>
        ResultsDiff.Compare(JsonNode.Parse(old)!, JsonNode.Parse(@new)!, new DiffOptions(tolerance));

    private static string Cox(string id, string source, double hr, double low, double high, double p) =>
        "{\"id\":\"" + id + "\",\"kind\":\"cox\",\"source\":\"" + source + "\",\"cox\":{\"terms\":[{\"term\":\"groupB\",\"label\":\"Arm B vs Arm A\",\"hazardRatio\":"
        + Num(hr) + ",\"hazardRatioLow\":" + Num(low) + ",\"hazardRatioHigh\":" + Num(high) + ",\"pValue\":" + Num(p) + ",\"standardError\":" + Num(hr / 10) + "}]}}";

    private static string Num(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Results(params string[] analyses) => "{" + Groups + ",\"analyses\":[" + string.Join(",", analyses) + "]}";

    [Fact]
    public void AHazardRatioIsShownWithItsLabelAndIntervalRoundedByTheReportPolicy()
    {
        var report = Diff(Results(Cox("cox_t", "model cox T ~ group", 2.9134, 1.4012, 6.0531, 0.0031)), Results(Cox("cox_t", "model cox T ~ group", 2.7491, 1.3087, 5.7712, 0.0042)));

        var change = Assert.Single(report.Changed);
        Assert.Equal(
            [new EstimateChange("Arm B vs Arm A", "p", "0.003", "0.004"), new EstimateChange("Arm B vs Arm A", "HR", "2.91 (1.40–6.05)", "2.75 (1.31–5.77)")],
            change.Estimates.ToArray());
        Assert.Equal(["standardError"], change.OtherValues.ToArray());
    }

    [Fact]
    public void AValueEqualAfterRoundingIsNotAChangeButIsCountedAsHidden()
    {
        var report = Diff(Results(Cox("cox_t", "s", 2.9134, 1.4012, 6.0531, 0.0031)), Results(Cox("cox_t", "s", 2.9121, 1.4013, 6.0532, 0.0031)));

        var change = Assert.Single(report.Changed);
        Assert.Empty(change.Estimates);
        Assert.Equal(2, change.UnchangedEstimates);
        Assert.True(report.HasChanges);
    }

    [Fact]
    public void APValueThatCrossesAlphaAndACiThatNowIncludesOneAreFlippedConclusions()
    {
        var report = Diff(Results(Cox("cox_t", "s", 2.9, 1.4, 6.0, 0.031)), Results(Cox("cox_t", "s", 1.9, 0.9, 4.0, 0.062)));

        Assert.Equal(
            [new FlippedConclusion("cox_t", "Arm B vs Arm A", "p", "0.031", "0.062", "no longer below 0.05"),
             new FlippedConclusion("cox_t", "Arm B vs Arm A", "HR", "2.90 (1.40–6.00)", "1.90 (0.90–4.00)", "CI now includes 1")],
            report.Flipped.ToArray());
    }

    [Fact]
    public void APValueThatMovesOnTheSameSideOfAlphaIsAChangeNotAFlip()
    {
        var report = Diff(Results(Cox("cox_t", "s", 2.9, 1.4, 6.0, 0.01)), Results(Cox("cox_t", "s", 2.9, 1.4, 6.0, 0.02)));

        Assert.Empty(report.Flipped);
        Assert.Equal(new EstimateChange("Arm B vs Arm A", "p", "0.010", "0.020"), Assert.Single(Assert.Single(report.Changed).Estimates));
    }

    [Fact]
    public void AnalysesAreMatchedByIdWhateverTheirOrderAndAnInsertedOneIsOneAddition()
    {
        var report = Diff(
            Results(Cox("a", "model cox T ~ group", 2, 1, 4, 0.01), Cox("b", "x", 3, 1, 9, 0.02)),
            Results(Cox("new", "n", 5, 1, 25, 0.03), Cox("b", "x", 3, 1, 9, 0.02), Cox("a", "model cox T ~ group ties breslow", 2, 1, 4, 0.01)));

        Assert.Equal("new", Assert.Single(report.Added).Id);
        Assert.Empty(report.Removed);
        var edited = Assert.Single(report.Changed);
        Assert.True(edited.OptionsChanged);
        Assert.Equal("model cox T ~ group ties breslow", edited.New.Source);
        Assert.Equal(1, report.UnchangedAnalyses);
    }

    [Fact]
    public void AnalysesWithDifferentIdsAndDifferentLinesAreARemovalAndAnAddition()
    {
        var report = Diff(Results(Cox("a", "s as a", 2, 1, 4, 0.01)), Results(Cox("b", "s as b", 2, 1, 4, 0.01)));

        Assert.Equal("b", Assert.Single(report.Added).Id);
        Assert.Equal("a", Assert.Single(report.Removed).Id);
    }

    [Fact]
    public void AnAnalysisWhoseIdChangedButWhoseLineDidNotIsTheSameAnalysisRenamed()
    {
        var report = Diff(
            Results(Cox("compare_ck", "compare CK: A vs each", 2, 1, 4, 0.01)),
            Results(Cox("compare_ck_27b36d67", "compare CK: A vs each", 2, 1, 4, 0.01), Cox("compare_ck_02f2a92a", "compare CK: A vs B", 3, 1, 9, 0.02)));

        var renamed = Assert.Single(report.Changed);
        Assert.True(renamed.IdChanged);
        Assert.Equal(("compare_ck", "compare_ck_27b36d67"), (renamed.Old.Id, renamed.New.Id));
        Assert.Empty(renamed.Estimates);
        Assert.Equal("compare_ck_02f2a92a", Assert.Single(report.Added).Id);
        Assert.Empty(report.Removed);
    }

    [Fact]
    public void ResultsWrittenBeforeIdsAreMatchedByTheirLineAndNamedByTheirIndex()
    {
        var report = Diff(
            """{"analyses":[{"index":1,"kind":"compare","source":"compare X","compare":{"rows":[{"variable":"x","label":"X","test":{"pValue":0.2}}]}}]}""",
            """{"analyses":[{"index":1,"kind":"compare","source":"compare X","compare":{"rows":[{"variable":"x","label":"X","test":{"pValue":0.3}}]}}]}""");

        var change = Assert.Single(report.Changed);
        Assert.Equal("#1", change.New.Id);
        Assert.Equal(new EstimateChange("X", "p", "0.20", "0.30"), Assert.Single(change.Estimates));
    }

    [Fact]
    public void GroupSizesAndCriteriaAreNamedByTheirLabels()
    {
        var report = Diff(
            """{"flow":{"cohort":{"analysed":10,"criteria":[{"kind":"include","label":"Adults","excluded":1}],"groups":[{"name":"A","label":"Arm A","n":5},{"name":"B","label":"Arm B","n":5}]}}}""",
            """{"flow":{"cohort":{"analysed":9,"criteria":[{"kind":"include","label":"Adults","excluded":2}],"groups":[{"name":"A","label":"Arm A","n":4},{"name":"B","label":"Arm B","n":5}]}}}""");

        Assert.Equal(
            [new FieldChange("include \"Adults\": excluded", "1", "2"), new FieldChange("analysed", "10", "9"), new FieldChange("n Arm A", "5", "4")],
            report.Flow.ToArray());
    }

    [Fact]
    public void RowsAreMatchedBySubjectSoAddedRemovedAndChangedRowsAreNamed()
    {
        using var temp = new TempFolder();
        var old = temp.Combine("old.csv");
        var @new = temp.Combine("new.csv");
        File.WriteAllText(old, "id,month,ck\nP1,0,100\nP1,1,90\nP2,0,50\nP3,0,70\n");
        File.WriteAllText(@new, "id,month,ck\nP1,0,100\nP1,1,95\nP3,0,70\nP4,0,10\nP4,1,\"1,5\"\n");

        var rows = DataDiff.Compare(old, @new);

        Assert.Equal(["P4", "P4"], rows.Added.ToArray());
        Assert.Equal(["P2"], rows.Removed.ToArray());
        var changed = Assert.Single(rows.Changed);
        Assert.Equal("P1", changed.Subject);
        Assert.Equal(new CellChange("ck", "90", "95"), Assert.Single(changed.Cells));
    }

    [Fact]
    public void HtmlEscapesEveryTextAndUsesTheTypographicMinusInNumbers()
    {
        var report = Diff(
            "{" + Groups + ",\"analyses\":[{\"id\":\"x\",\"kind\":\"linear\",\"source\":\"model linear <script>\",\"linear\":{\"terms\":[{\"term\":\"t\",\"label\":\"<b>&</b>\",\"estimate\":-3.1,\"pValue\":0.5}]}}]}",
            "{" + Groups + ",\"analyses\":[{\"id\":\"x\",\"kind\":\"linear\",\"source\":\"model linear <script>\",\"linear\":{\"terms\":[{\"term\":\"t\",\"label\":\"<b>&</b>\",\"estimate\":-2.5,\"pValue\":0.5}]}}]}");
        var writer = new StringWriter();

        HtmlDiffWriter.Write(writer, report);

        var html = writer.ToString();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;b&gt;&amp;&lt;/b&gt;</td><td>estimate</td><td class=\"num\">\u22123.10</td><td class=\"num\">\u22122.50</td>", html, StringComparison.Ordinal);
    }
}
