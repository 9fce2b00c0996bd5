using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The console's hint for a large CSV read into memory. A CSV is read by our own loader whatever its size, because only
/// that loader names every bad cell by row and column and honours <c>on_invalid exclude</c> (docs/scale.md, "Large CSV
/// files"); a study that wants the rows kept out of memory says <c>compute in engine</c>, and this line tells the user so
/// when the file is large enough for it to matter.
/// </summary>
public sealed partial class StudyRun
{
    /// <summary>
    /// Rows from which the hint is printed by default (<see cref="StudyRunOptions.LargeCsvHintRows"/>): at about 120 bytes per subject in memory (docs/performance.md) five million rows
    /// take well over half a gigabyte before any analysis, where DuckDB's reader stays within its memory limit.
    /// </summary>
    internal const int LargeCsvRows = 5_000_000;

    private IEnumerable<string> LargeCsvNotes() =>
        _data.Files
            .Where(f => f.RowsRead >= _options.LargeCsvHintRows
                && _schema.Tables.Any(t => t.Name == f.Table && t.SourceKind == DataSourceKind.Csv))
            .Select(f => string.Create(CultureInfo.InvariantCulture,
                $"{f.Table}: {f.RowsRead:N0} rows of {f.Path.Replace('\\', '/')} were read into memory; 'compute in engine' reads a CSV this large through DuckDB with bounded memory (docs/scale.md)."));
}
