using System.Collections.Generic;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// Collects one file's problems in order: every fatal problem, the first <c>limit</c> others, and a count of all.
/// Keeping a per-file prefix of <c>limit</c> is enough to take the first <c>limit</c> over all files later.
/// </summary>
internal sealed class ProblemSink(string file, int limit)
{
    private readonly List<DataProblem> _listed = [];
    private int _listedNonFatal;

    public IReadOnlyList<DataProblem> Listed => _listed;

    public int Count { get; private set; }

    public bool HasFatal { get; private set; }

    public void Add(string code, int row, string? column, string message)
    {
        Count++;
        var fatal = DataProblemCodes.SeverityOf(code) == DataProblemSeverity.Fatal;
        HasFatal |= fatal;
        if (fatal || _listedNonFatal < limit)
        {
            _listed.Add(new DataProblem(code, file, row, column, message));
            _listedNonFatal += fatal ? 0 : 1;
        }
    }
}
