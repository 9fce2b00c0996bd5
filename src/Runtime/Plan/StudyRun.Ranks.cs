using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    private readonly RankCache _ranks = new();

    /// <summary>The run's rank cache (tests read how many columns it sorted).</summary>
    internal RankCache Ranks => _ranks;

    /// <summary>The ranks of an in-memory outcome's times, sorted once per run and cohort.</summary>
    private ValueRanks TimeRanks(TimeToEventVariable outcome) => _ranks.Of(outcome.TimeArray, outcome.Cohort);
}
