using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// Makes a package's zip depend only on its parts: System.IO.Packaging stamps every entry with the current local time
/// and names the package's relationship to the main document with a random id. The package is rewritten with the
/// entries in ordinal order of their names (<c>[Content_Types].xml</c> first), each dated 1980-01-01 00:00 (the
/// earliest time a zip's MS-DOS date holds), and the root relationships renumbered <c>rId1</c>, <c>rId2</c>, ... in order
/// (nothing refers to a package-level relationship by its id). The XML parts are deflated, the PNG images stored.
/// </summary>
internal static partial class DocxPackage
{
    private const string ContentTypes = "[Content_Types].xml";
    private const string RootRelationships = "_rels/.rels";
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalise(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        var entries = input.Entries
            .OrderBy(e => e.FullName == ContentTypes ? 0 : 1)
            .ThenBy(e => e.FullName, StringComparer.Ordinal)
            .ToArray();

        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in entries)
            {
                byte[] bytes = Read(entry);
                if (entry.FullName == RootRelationships)
                {
                    bytes = RenumberRelationships(bytes);
                }

                // PNG is deflated already: storing it saves the time of a second deflate for nothing.
                CompressionLevel level = entry.FullName.EndsWith(".png", StringComparison.Ordinal) ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
                ZipArchiveEntry copy = archive.CreateEntry(entry.FullName, level);
                copy.LastWriteTime = EntryTime;
                using Stream target = copy.Open();
                target.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using Stream source = entry.Open();
        using var buffer = new MemoryStream();
        source.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static byte[] RenumberRelationships(byte[] xml)
    {
        string text = System.Text.Encoding.UTF8.GetString(xml);
        int next = 0;
        text = RelationshipId().Replace(text, _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $" Id=\"rId{++next}\""));
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    [GeneratedRegex(@" Id=""[^""]*""")]
    private static partial Regex RelationshipId();
}
