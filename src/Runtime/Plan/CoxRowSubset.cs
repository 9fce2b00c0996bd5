using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>A Cox model's inputs restricted to some rows (R's <c>subset(d, ...)</c>), for refitting the same model on a subgroup.</summary>
internal static class CoxRowSubset
{
    public static CoxCovariate Select(CoxCovariate covariate, int[] rows) => covariate switch
    {
        CoxNumericCovariate x => x with { Values = Pick(x.Values, rows) },
        CoxFactorCovariate f => f with { Codes = Pick(f.Codes, rows) },
        CoxProductCovariate p => p with { Columns = p.Columns.Select(c => c with { Values = Pick(c.Values, rows) }).ToArray() },
        _ => throw new System.ArgumentException($"Unknown covariate kind {covariate.GetType().Name}.", nameof(covariate)),
    };

    public static T[] Pick<T>(T[] values, int[] rows)
    {
        var picked = new T[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            picked[k] = values[rows[k]];
        }

        return picked;
    }
}
