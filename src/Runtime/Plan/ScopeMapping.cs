using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Carries variables of the run's cohort onto the subjects of a <see cref="ScopedCohort"/>: subject columns by
/// index, repeated measurements by their subject (rows of subjects out of scope are left out, the others
/// renumbered). Each variable is mapped once, so an analysis that names it twice sees one variable.
/// </summary>
internal sealed class ScopeMapping
{
    private readonly ScopedCohort _cohort;
    private readonly int[] _position;
    private readonly Dictionary<Variable, Variable> _mapped = new(ReferenceEqualityComparer.Instance);

    public ScopeMapping(ScopedCohort cohort)
    {
        _cohort = cohort;
        _position = new int[cohort.Run.Count];
        Array.Fill(_position, -1);
        for (int i = 0; i < cohort.Subjects.Length; i++)
        {
            _position[cohort.Subjects[i]] = i;
        }
    }

    /// <remarks>
    /// <see cref="Variable.NotFiniteCount"/> becomes the scope's count: only the non-finite rows of subjects in scope
    /// are carried over, so the warning (PL5050) of a scoped analysis counts the rows it actually uses.
    /// </remarks>
    public Variable Map(Variable variable)
    {
        if (_mapped.TryGetValue(variable, out Variable? done))
        {
            return done;
        }

        Variable mapped = variable switch
        {
            ContinuousVariable c => new ContinuousVariable(_cohort, c.Name, c.Label, c.Unit, c.Summary, Take(c.ValueArray)) { NotFiniteRowArray = TakeRows(c.NotFiniteRowArray) },
            CountVariable c => new CountVariable(_cohort, c.Name, c.Label, Take(c.ValueArray)) { NotFiniteRowArray = TakeRows(c.NotFiniteRowArray) },
            BinaryVariable b => new BinaryVariable(_cohort, b.Name, b.Label, Take(b.CodeArray)),
            CategoricalVariable c => new CategoricalVariable(_cohort, c.Name, c.Label, c.Levels, c.LevelLabels, Take(c.CodeArray)),
            TimeToEventVariable t => new TimeToEventVariable(_cohort, t.Name, t.Label, t.Unit, t.Horizon, Take(t.TimeArray), Take(t.EventArray))
            {
                NotFiniteRowArray = TakeRows(t.NotFiniteRowArray),
            },
            RepeatedVariable r => Repeated(r),
            _ => throw new NotSupportedException($"Variable '{variable.Name}' ({variable.KindName}) cannot be used in a scoped analysis yet."),
        };
        _mapped[variable] = mapped;
        return mapped;
    }

    private T[] Take<T>(T[] column)
    {
        var taken = new T[_cohort.Subjects.Length];
        for (int i = 0; i < taken.Length; i++)
        {
            taken[i] = column[_cohort.Subjects[i]];
        }

        return taken;
    }

    /// <summary>The subject rows of <paramref name="rows"/> (run positions, ascending) that are in scope, as scope positions.</summary>
    private int[] TakeRows(int[] rows)
    {
        var taken = new List<int>(rows.Length);
        foreach (int row in rows)
        {
            if (_position[row] >= 0)
            {
                taken.Add(_position[row]);
            }
        }

        return taken.ToArray();
    }

    private RepeatedVariable Repeated(RepeatedVariable r)
    {
        var values = new List<double>(r.ValueArray.Length);
        var times = new List<double>(r.ValueArray.Length);
        var subjects = new List<int>(r.ValueArray.Length);
        var sourceRows = new List<int>(r.SourceRowArray.Length);
        var newRow = new int[r.ValueArray.Length];
        for (int row = 0; row < r.ValueArray.Length; row++)
        {
            int s = r.SubjectIndexArray[row];
            int position = s >= 0 ? _position[s] : -1;
            newRow[row] = position >= 0 ? values.Count : -1;
            if (position >= 0)
            {
                values.Add(r.ValueArray[row]);
                times.Add(r.TimeArray[row]);
                subjects.Add(position);
                if (r.SourceRowArray.Length > 0)
                {
                    sourceRows.Add(r.SourceRowArray[row]);
                }
            }
        }

        int[] notFinite = r.NotFiniteRowArray.Select(row => newRow[row]).Where(row => row >= 0).ToArray();

        return new RepeatedVariable(_cohort, r.Table, r.Name, r.Label, r.Unit, r.TimeName, values.ToArray(), times.ToArray(), subjects.ToArray())
        {
            NotFiniteRowArray = notFinite,
            WhereText = r.WhereText,
            LeftOutByWhere = r.LeftOutByWhere,
            Source = r.Source,
            SourceRowArray = sourceRows.ToArray(),
        };
    }
}
