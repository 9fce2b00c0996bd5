using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.IO;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>A table's <c>from</c> path must stay in the study's folder (PL4040); the refused file is never opened.</summary>
public sealed class DataPathTests
{
    private const string Secret = "TOP-SECRET-CONTENT";

    [Theory]
    [InlineData("../secret.csv")]
    [InlineData("data/../../secret.csv")]
    public void ADataPathLeavingTheStudyFolderIsFatalAndNothingOfTheFileReachesAMessage(string source)
    {
        using var folder = new StudyFolder();
        string secret = Path.Combine(Path.GetDirectoryName(folder.Path)!, "secret.csv");
        File.WriteAllText(secret, Secret + ",x\nP01,y\n");
        try
        {
            var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects with { Source = source }));

            AssertRefused(data, source);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void AnAbsoluteDataPathIsRefused()
    {
        using var folder = new StudyFolder();

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects with { Source = "/etc/passwd" }));

        AssertRefused(data, "/etc/passwd");
        Assert.DoesNotContain("root:", data.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASymlinkInTheStudyFolderPointingOutsideIsRefused()
    {
        using var folder = new StudyFolder();
        using var outside = new StudyFolder();
        string secret = outside.Write("secret.csv", Secret + ",x", "P01,y");
        Directory.CreateDirectory(Path.Combine(folder.Path, "data"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "data", "subjects.csv"), secret);

        var data = folder.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects));

        AssertRefused(data, "data/subjects.csv");
    }

    [Fact]
    public void AnAllowedPlaceOutsideTheFolderIsRead()
    {
        using var folder = new StudyFolder();
        using var shared = new StudyFolder();
        shared.Write("subjects.csv", Nxp2JdmSchema.SubjectsHeader, "P01,NXP2,juvenile,9.9,M,100,38,true,false,false,true,19.7,true");
        string source = Path.GetRelativePath(folder.Path, Path.Combine(shared.Path, "subjects.csv"));

        var data = DataLoader.Load(Nxp2JdmSchema.Study(Nxp2JdmSchema.Subjects with { Source = source }), folder.Path, paths: new StudyPaths(folder.Path, [shared.Path]));

        Assert.Empty(data.Problems);
        Assert.Equal(1, data["subjects"].RowCount);
    }

    private static void AssertRefused(LoadedData data, string source)
    {
        Assert.True(data.HasFatalProblems);
        var problem = Assert.Single(data.Problems);
        Assert.Equal(("PL4040", source, 0), (problem.Code, problem.File, problem.Row));
        Assert.StartsWith($"table 'subjects': the data file '{source}' ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem.Message, StringComparison.Ordinal);
        Assert.Empty(data.Files);
        Assert.DoesNotContain(Secret, new StudyDataException(data).Message, StringComparison.Ordinal);
    }
}
