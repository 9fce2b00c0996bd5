using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A mixed-model term that is a number per row of the repeated outcome's table (<c>log(Days + 1)</c>,
/// <c>week / 4</c>), as R evaluates a formula term on each row of the model frame. Its values come as a
/// <see cref="RepeatedVariable"/> built over the same rows as the response (same table, same subset, same order),
/// so row <c>r</c> of one is row <c>r</c> of the other; a row without a value is left out, as R's <c>na.omit</c>.
/// </summary>
internal sealed class MixedRowCovariate
{
    private readonly double[] _values;

    private MixedRowCovariate(TermFactor factor, double[] values)
    {
        Factor = factor;
        _values = values;
    }

    public TermFactor Factor { get; }

    /// <exception cref="MixedDesign.UnsupportedException">The values are not aligned with the response's rows.</exception>
    public static MixedRowCovariate Of(TermFactor factor, RepeatedVariable response)
    {
        if (factor.Covariate is not RepeatedVariable values)
        {
            throw new MixedDesign.UnsupportedException($"the row term '{factor.Name}' has no row values (the generated plan passed none)");
        }

        // The generated plan builds both from the same rows; a mismatch is a plan error, reported rather than misfitted.
        if (values.ValueArray.Length != response.ValueArray.Length || !values.SubjectIndexArray.AsSpan().SequenceEqual(response.SubjectIndexArray))
        {
            throw new MixedDesign.UnsupportedException($"the row term '{factor.Name}' is not over the rows of '{response.Name}'");
        }

        return new MixedRowCovariate(factor, values.ValueArray);
    }

    /// <summary>Whether row <paramref name="r"/> of the response has a value of this term.</summary>
    public bool Has(int r) => !double.IsNaN(_values[r]);

    /// <summary>The design variable over the fitted rows (indices into the response's rows).</summary>
    public DesignVariable Variable(System.Collections.Generic.IReadOnlyList<int> rows) =>
        DesignVariable.Numeric(Factor.Name, rows.Select(r => _values[r]).ToArray());
}
