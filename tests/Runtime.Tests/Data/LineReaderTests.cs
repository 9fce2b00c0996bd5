using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

/// <summary>
/// The line reader (a file without quotes, cut into parts parsed at once) must give what the general reader (Sep, one
/// thread; used when a file has a quote) gives: the same rows, values, exclusions, problems, order and messages.
/// </summary>
public sealed class LineReaderTests
{
    [Fact]
    public void AFileCutIntoManyPartsLoadsExactlyAsTheGeneralReaderLoadsIt()
    {
        using var folder = new StudyFolder();
        var (subjects, visits) = MessyFiles(seed: 14, subjects: 400, crlf: false);

        var general = LoadWith(folder, subjects, visits, quoteHeader: true, parts: 1);
        var oneThread = LoadWith(folder, subjects, visits, quoteHeader: false, parts: 1);
        var manyParts = LoadWith(folder, subjects, visits, quoteHeader: false, parts: 7);

        Assert.True(general.Problems.Count > 50, "the files should hold problems of every kind");
        Assert.Equal(Describe(general), Describe(oneThread));
        Assert.Equal(Describe(general), Describe(manyParts));
    }

    [Fact]
    public void WindowsLineEndsAndAByteOrderMarkGiveTheSameLoadAsTheGeneralReader()
    {
        using var folder = new StudyFolder();
        var (subjects, visits) = MessyFiles(seed: 15, subjects: 300, crlf: true);

        var general = LoadWith(folder, subjects, visits, quoteHeader: true, parts: 1, byteOrderMark: true);
        var manyParts = LoadWith(folder, subjects, visits, quoteHeader: false, parts: 5, byteOrderMark: true);

        Assert.Equal(Describe(general), Describe(manyParts));
    }

    [Fact]
    public void TheLayoutCutsTheDataLinesIntoConsecutivePartsAtLineEnds()
    {
        using var folder = new StudyFolder();
        var path = folder.Write("data/subjects.csv", ["h1,h2", .. Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture) + ",x")]);

        var layout = CsvLayout.Scan(path, parts: 6, minBytesPerPart: 1);

        Assert.True(layout.OneRowPerLine);
        Assert.Equal(1001, layout.Lines);
        Assert.Equal(6, layout.Parts.Count);
        var bytes = File.ReadAllBytes(path);
        var expectedStart = layout.HeaderEnd;
        var position = 0;
        foreach (var part in layout.Parts)
        {
            Assert.Equal((expectedStart, position), (part.Start, part.FirstPosition));
            Assert.Equal((byte)'\n', bytes[part.End - 1]);
            Assert.Equal(part.Lines, bytes.AsSpan((int)part.Start, (int)(part.End - part.Start)).Count((byte)'\n'));
            (expectedStart, position) = (part.End, position + part.Lines);
        }

        Assert.Equal((bytes.Length, 1000), (expectedStart, position));
    }

    [Theory]
    [InlineData("id,x\n\"a\",1\n")]
    [InlineData("id,x\na,1\rb,2\n")]
    [InlineData("id,x\na,1\r")]
    public void AQuoteOrALoneCarriageReturnSendsTheFileToTheGeneralReader(string text)
    {
        using var folder = new StudyFolder();
        var path = folder.WriteBytes("data/x.csv", Encoding.UTF8.GetBytes(text));

        Assert.False(CsvLayout.Scan(path, parts: 2, minBytesPerPart: 1).OneRowPerLine);
    }

    private static LoadedData LoadWith(
        StudyFolder folder, string subjects, string visits, bool quoteHeader, int parts, bool byteOrderMark = false)
    {
        // A quote anywhere makes the file one the line reader does not take; in the header it changes no value.
        string Header(string text) => quoteHeader ? "\"id\"" + text[2..] : text;
        byte[] Bytes(string text) => [.. byteOrderMark ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)];
        folder.WriteBytes("data/subjects.csv", Bytes(Header(subjects)));
        folder.WriteBytes("data/visits.csv", Bytes(Header(visits)));

        var (maxParts, minBytes) = (TableLoader.MaxParts, TableLoader.MinBytesPerPart);
        try
        {
            (TableLoader.MaxParts, TableLoader.MinBytesPerPart) = (parts, 1);
            return folder.Load(Nxp2JdmSchema.Both, problemLimit: 100_000);
        }
        finally
        {
            (TableLoader.MaxParts, TableLoader.MinBytesPerPart) = (maxParts, minBytes);
        }
    }

    /// <summary>Everything a load gives, as text: problems in order, and per table its rows, exclusions and every column.</summary>
    private static List<string> Describe(LoadedData data)
    {
        var lines = data.Problems.Select(p => $"{p.Code} {p.File} {p.Row} {p.Column} {p.Message}").ToList();
        lines.Add("count " + data.ProblemCount.ToString(CultureInfo.InvariantCulture));
        foreach (var table in data.Tables)
        {
            lines.Add($"{table.Name} read {table.RowsRead} rows {string.Join(' ', table.SourceRows)}");
            lines.AddRange(table.ExcludedRows.Select(e => $"excluded {e.SourceRow} {e.Code} {e.Reason}"));
            foreach (var column in table.Schema.Columns)
            {
                IEnumerable<string?> values = column.Kind switch
                {
                    ColumnKind.Number => table.Number(column.Name).Select(v => v?.ToString("R", CultureInfo.InvariantCulture)),
                    ColumnKind.Integer => table.Integer(column.Name).Select(v => v?.ToString(CultureInfo.InvariantCulture)),
                    ColumnKind.Category => table.Category(column.Name).Select(v => v?.ToString(CultureInfo.InvariantCulture)),
                    ColumnKind.Bool => table.Bool(column.Name).Select(v => v?.ToString()),
                    _ => table.Text(column.Name),
                };
                lines.Add(column.Name + ": " + string.Join('|', values.Select(v => v ?? "<missing>")));
            }
        }

        return lines;
    }

    /// <summary>A subjects and a visits file with problems of every kind the loader reports, spread over the whole file.</summary>
    private static (string Subjects, string Visits) MessyFiles(int seed, int subjects, bool crlf)
    {
        var random = new Random(seed);
        var rows = new List<string> { Nxp2JdmSchema.SubjectsHeader };
        string[] antibodies = ["NXP2", "MDA5", "TIF1g", "NA", "", "XYZ"];
        for (var i = 0; i < subjects; i++)
        {
            // Mostly increasing ids, some repeated or out of order (duplicate keys across parts, the dictionary's hashing).
            var id = random.Next(20) switch { 0 => $"P{random.Next(i + 1):D4}", 1 => $"Q{random.Next(1000):D4}", _ => $"P{i:D4}" };
            var age = random.Next(25) switch { 0 => "-1", 1 => "abc", 2 => "", 3 => "1e1", _ => (random.Next(1000) / 10.0).ToString(CultureInfo.InvariantCulture) };
            var cmas = random.Next(10) == 0 ? "NA" : random.Next(60).ToString(CultureInfo.InvariantCulture);
            var flag = random.Next(30) == 0 ? "yes" : random.Next(2) == 0 ? "true" : "0";
            var row = $"{id},{antibodies[random.Next(antibodies.Length)]},juvenile,{age},F,{random.Next(5000)},{cmas},{flag},false,false,true,"
                + $"{(random.Next(8) == 0 ? "" : "19.7")},true";
            rows.Add(random.Next(40) switch { 0 => string.Empty, 1 => row + ",extra", 2 => row[..row.LastIndexOf(',')], _ => row });
        }

        var visits = new List<string> { Nxp2JdmSchema.VisitsHeader };
        for (var i = 0; i < subjects * 2; i++)
        {
            var id = random.Next(15) == 0 ? $"Z{i}" : $"P{random.Next(subjects):D4}";
            var month = random.Next(20) == 0 ? "13" : random.Next(13).ToString(CultureInfo.InvariantCulture);
            visits.Add($"{id},{month},{random.Next(3000)},{(random.Next(5) == 0 ? "" : "30")},{random.Next(20)},{(random.Next(25) == 0 ? "x" : "6")}");
        }

        var end = crlf ? "\r\n" : "\n";
        return (string.Join(end, rows) + end, string.Join(end, visits));   // visits ends without a line break
    }
}
