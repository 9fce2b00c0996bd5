using System;
using System.IO;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>A temporary study folder with the small study's data, deleted on dispose.</summary>
public sealed class StudyFolder : IDisposable
{
    public StudyFolder()
    {
        Directory = SmallStudy.WriteStudyFolder();
    }

    public string Directory { get; }

    public string Output(string name) => Path.Combine(Directory, name);

    public StudyRunOptions Options(string output = "out", params ReportFormat[] formats) => new()
    {
        StudyDirectory = Directory,
        OutputDirectory = Output(output),
        Formats = formats.Length == 0 ? null : formats,
    };

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
