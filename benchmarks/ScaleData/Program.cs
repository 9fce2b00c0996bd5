using System;
using System.Globalization;
using System.IO;
using DuckDB.NET.Data;

// Usage: ScaleData DIR — writes DIR/subjects.parquet (and DIR/visits.parquet when DIR/visits.csv exists) from the
// CSV files of benchmarks/CompareWithR/generate.R, with the column types the benchmark studies declare, so the
// Parquet and the CSV hold the same values (read_csv's type guess is not relied on).
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: ScaleData DIR   (DIR holds subjects.csv from generate.R)");
    return 2;
}

string dir = Path.GetFullPath(args[0]);
using var connection = new DuckDBConnection("DataSource=:memory:");
connection.Open();
Convert(connection, dir, "subjects",
    "{'id': 'VARCHAR', 'arm': 'VARCHAR', 'x1': 'DOUBLE', 'x2': 'DOUBLE', 'x3': 'DOUBLE', 'time': 'DOUBLE', 'status': 'BOOLEAN', 'y': 'DOUBLE'}");
if (File.Exists(Path.Combine(dir, "visits.csv")))
{
    Convert(connection, dir, "visits", "{'id': 'VARCHAR', 'visit': 'DOUBLE', 'score': 'DOUBLE'}");
}

return 0;

static void Convert(DuckDBConnection connection, string dir, string table, string columns)
{
    string csv = Path.Combine(dir, table + ".csv");
    string parquet = Path.Combine(dir, table + ".parquet");
    var started = System.Diagnostics.Stopwatch.StartNew();
    using DuckDBCommand command = connection.CreateCommand();
    // Paths are the benchmark's own directory; single quotes doubled as SQL string literals require.
    command.CommandText = string.Create(CultureInfo.InvariantCulture,
        $"COPY (SELECT * FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}', header = true, columns = {columns})) TO '{parquet.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
    command.ExecuteNonQuery();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parquet}: {new FileInfo(parquet).Length / 1e6:F1} MB in {started.Elapsed.TotalSeconds:F1} s"));
}
