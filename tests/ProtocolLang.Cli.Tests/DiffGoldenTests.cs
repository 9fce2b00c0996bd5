using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;
using ProtocolLang.Cli.Diff;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>protocollang diff</c> on real runs of the example (<see cref="DiffRuns"/>): one golden per change kind of issue 16
/// item 7, and the acceptance case (one CK value and one Cox option) in all three formats.
/// </summary>
public sealed class DiffGoldenTests : IClassFixture<DiffRuns>
{
    private readonly DiffRuns _runs;

    public DiffGoldenTests(DiffRuns runs)
    {
        _runs = runs;
    }

    [Theory]
    [InlineData("data-value")]
    [InlineData("analysis-option")]
    [InlineData("analysis-added")]
    [InlineData("study-version")]
    public void EachKindOfChangeReadsAsItsGolden(string variant)
    {
        GoldenFile.Verify("diff-" + variant + ".md", Render(variant, "md"));
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("json")]
    public void TheCkAndCoxChangeRendersAsItsGoldenInEachFormat(string format)
    {
        GoldenFile.Verify("diff-ck-and-cox." + format, Render("ck-and-cox", format));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void TheDiffIsTheSameInAnyCulture(string culture)
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
            GoldenFile.Verify("diff-ck-and-cox.md", Render("ck-and-cox", "md"));
            GoldenFile.Verify("diff-ck-and-cox.json", Render("ck-and-cox", "json"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ChangingOneCkValueAndOneCoxOptionShowsTheCkRowsAndTheHazardRatiosWithLabelsAndNothingElse()
    {
        var report = Compare("ck-and-cox");

        // The data: one row of one table, named by its subject, with the cell that changed.
        var table = Assert.Single(report.Data);
        Assert.Equal("subjects", table.Table);
        var row = Assert.Single(table.Rows!.Changed);
        Assert.Equal("P002", row.Subject);
        Assert.Equal(new CellChange("ck", "11582", "50"), Assert.Single(row.Cells));
        Assert.Empty(table.Rows.Added);
        Assert.Empty(table.Rows.Removed);

        // The analyses: only those of baseline CK and the Cox model; no subject flow, no other analysis.
        Assert.Empty(report.Flow);
        Assert.Empty(report.Added);
        Assert.Empty(report.Removed);
        Assert.Empty(report.Other);
        Assert.Equal(
            ["describe_age_sex_ck_cmas_mas_myocardial_dysphagia_calcinosis", "describe_ck", "compare_ck", "cox_relapse_group_age_sex"],
            report.Changed.Select(c => c.New.Id).ToArray());
        var ckRows = report.Changed.Take(3).SelectMany(c => c.Estimates).ToArray();
        Assert.All(ckRows, e => Assert.StartsWith("Creatine kinase (U/L), ", e.Label, StringComparison.Ordinal));

        // The CK rows before and after, rounded as the report rounds them.
        var compare = report.Changed[2];
        Assert.False(compare.OptionsChanged);
        Assert.Contains(new EstimateChange("Creatine kinase (U/L), NXP2+ JDM vs MDA5+ JDM", "location shift (Hodges-Lehmann)", "3541 (1470–5770)", "2424 (1223–4844)"), compare.Estimates);
        Assert.Contains(new EstimateChange("Creatine kinase (U/L), NXP2+ JDM", "median [Q1, Q3]", "3792 [1626, 6402]", "2675 [1288, 5626]"), report.Changed[1].Estimates);

        // The Cox model: its option before and after, and each hazard ratio with its label.
        var cox = report.Changed[3];
        Assert.True(cox.OptionsChanged);
        Assert.EndsWith("ties efron", cox.Old.Source, StringComparison.Ordinal);
        Assert.EndsWith("ties efron where age >= 6", cox.New.Source, StringComparison.Ordinal);
        var hazardRatios = cox.Estimates.Where(e => e.Quantity == "HR").ToArray();
        Assert.Equal(
            ["NXP2+ JDM vs NXP2+ adult DM", "MDA5+ JDM vs NXP2+ adult DM", "TIF1γ+ JDM vs NXP2+ adult DM", "Age at diagnosis (per 1 years)", "Sex: M vs F"],
            hazardRatios.Select(e => e.Label).ToArray());
        Assert.All(hazardRatios, e => Assert.Matches(@"^\d+(\.\d+)? \(\d+(\.\d+)?–\d+(\.\d+)?\)$", e.Old!));
        Assert.All(hazardRatios, e => Assert.NotEqual(e.Old, e.New));
    }

    [Fact]
    public void ConclusionsThatFlippedComeFirstAndNameTheirAnalysis()
    {
        var text = Render("ck-and-cox", "md");

        var flipped = text.IndexOf("## Conclusions that flipped", StringComparison.Ordinal);
        Assert.True(flipped > 0);
        Assert.True(flipped < text.IndexOf("## Data", StringComparison.Ordinal));
        Assert.All(Compare("ck-and-cox").Flipped, f => Assert.Equal("cox_relapse_group_age_sex", f.AnalysisId));
    }

    [Fact]
    public void AnEditedCoxModelIsOneChangedAnalysisMatchedByItsIdNotARemovalAndAnAddition()
    {
        var report = Compare("analysis-option");

        Assert.Empty(report.Added);
        Assert.Empty(report.Removed);
        Assert.Equal("cox_relapse_group_age_sex", Assert.Single(report.Changed).New.Id);
    }

    [Fact]
    public void ANewStudyVersionIsAnIdentityChangeAndChangesNoEstimate()
    {
        var report = Compare("study-version");

        Assert.Contains(new FieldChange("version", "1.0", "1.1"), report.Study);
        Assert.Empty(report.Changed);
        Assert.Empty(report.Data);
    }

    [Fact]
    public void WithoutTheOldDataTheRowsAreNotComparedAndTheDiffSaysHowToGetThem()
    {
        var report = ResultsDiff.Compare(Read("base"), Read("data-value"), new DiffOptions(DiffCommand.DefaultTolerance));

        var table = Assert.Single(report.Data);
        Assert.Null(table.Rows);
        Assert.Contains("--old-data", table.Note, StringComparison.Ordinal);
        Assert.NotEqual(table.OldSha256, table.NewSha256);
    }

    [Fact]
    public void AnOldDataFolderWhoseFileIsNotTheOneTheResultsRecordIsAUsageErrorNamingTheFile()
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(
            new DiffRequest(_runs["base"].Report, _runs["data-value"].Report, OldData: _runs["data-value"].StudyFolder, NewData: _runs["data-value"].StudyFolder),
            captured.Output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(Path.Combine("data", "subjects.csv") + " is not the file the results were computed from", captured.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandWritesTheChosenFormatAndExitsOne()
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(
            new DiffRequest(_runs["base"].Report, _runs["ck-and-cox"].Report, Format: "html", OldData: _runs["base"].StudyFolder, NewData: _runs["ck-and-cox"].StudyFolder),
            captured.Output);

        Assert.Equal(ExitCodes.ErrorsOrChanges, exit);
        Assert.StartsWith("<!DOCTYPE html>", captured.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("<td>P002</td><td>ck</td>", captured.Out.ToString(), StringComparison.Ordinal);
    }

    private ResultsDiffReport Compare(string variant) =>
        ResultsDiff.Compare(Read("base"), Read(variant), new DiffOptions(
            DiffCommand.DefaultTolerance, OldLabel: "base/results.json", NewLabel: variant + "/results.json",
            OldData: _runs["base"].StudyFolder, NewData: _runs[variant].StudyFolder));

    private string Render(string variant, string format)
    {
        var report = Compare(variant);
        var writer = new StringWriter { NewLine = "\n" };
        switch (format)
        {
            case "html":
                HtmlDiffWriter.Write(writer, report);
                break;
            case "json":
                JsonDiffWriter.Write(writer, report);
                break;
            default:
                MarkdownDiffWriter.Write(writer, report);
                break;
        }

        return writer.ToString();
    }

    private JsonNode Read(string variant) => ResultsFiles.Read(Path.Combine(_runs[variant].Report, "results.json"));
}
