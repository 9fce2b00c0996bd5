using System;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    private const string ModelsPending = "not implemented yet (issue #3)";

    /// <summary>A linear mixed model. Recorded as "not implemented yet", with its specification.</summary>
    public void MixedModel(string source, MixedModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(spec);
        RequireCohort(spec.Response);
        Record("mixed_model", source, ResultStatus.NotImplemented,
            $"Linear mixed model fitted by {(spec.Reml ? "REML" : "maximum likelihood")}, R lme4::lmer with lmerTest",
            $"linear mixed models are {ModelsPending}", ModelText.Mixed(spec), StatisticsWarnings.None);
    }
}
