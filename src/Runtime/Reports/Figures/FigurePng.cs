using System;
using System.Buffers.Binary;
using System.Globalization;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// A figure as a PNG at 300 dpi (a journal's usual minimum for line art with text): the SVG's layout drawn with every
/// length scaled by 300/96 (ScottPlot's <see cref="Plot.ScaleFactor"/>), so the PNG shows exactly what the SVG shows,
/// and marked as 300 dpi in a <c>pHYs</c> chunk, which Skia's encoder does not write, so Word and LaTeX place it at
/// its intended size. Skia's PNG encoder writes no time stamp, so equal plots give equal bytes.
/// </summary>
internal static class FigurePng
{
    public const int DotsPerInch = 300;

    /// <summary>CSS pixels per inch: the SVG's unit.</summary>
    private const double SvgPixelsPerInch = 96;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The PNG's size in pixels for an SVG of <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    public static (int Width, int Height) PixelSize(int width, int height) => (Scale(width), Scale(height));

    /// <summary>Draws <paramref name="plot"/> at 300 dpi (under the invariant culture) and leaves its scale as it was.</summary>
    public static byte[] Render(Plot plot, int width, int height)
    {
        double saved = plot.ScaleFactor;
        CultureInfo culture = CultureInfo.CurrentCulture;
        byte[] png;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            plot.ScaleFactor = DotsPerInch / SvgPixelsPerInch;
            (int w, int h) = PixelSize(width, height);
            png = plot.GetImageBytes(w, h, ImageFormat.Png);
        }
        finally
        {
            plot.ScaleFactor = saved;
            CultureInfo.CurrentCulture = culture;
        }

        return WithResolution(png, DotsPerInch);
    }

    private static int Scale(int cssPixels) => (int)Math.Round(cssPixels * DotsPerInch / SvgPixelsPerInch, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Inserts a <c>pHYs</c> chunk (pixels per metre, unit 1 = metre; PNG specification, 3rd ed., § 11.3.5.3) right after
    /// <c>IHDR</c>, where the specification wants it (before <c>IDAT</c>); an existing <c>pHYs</c> is left as it is.
    /// </summary>
    internal static byte[] WithResolution(byte[] png, int dotsPerInch)
    {
        const int ihdrEnd = 8 + 4 + 4 + 13 + 4;
        if (png.Length < ihdrEnd || !png.AsSpan(0, 8).SequenceEqual(Signature) || png.AsSpan().IndexOf("pHYs"u8) >= 0)
        {
            return png;
        }

        uint perMetre = (uint)Math.Round(dotsPerInch / 0.0254, MidpointRounding.AwayFromZero);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc(chunk.AsSpan(4, 4 + 9)));

        var result = new byte[png.Length + chunk.Length];
        png.AsSpan(0, ihdrEnd).CopyTo(result);
        chunk.CopyTo(result.AsSpan(ihdrEnd));
        png.AsSpan(ihdrEnd).CopyTo(result.AsSpan(ihdrEnd + chunk.Length));
        return result;
    }

    /// <summary>The chunk CRC of the PNG specification (Annex D): CRC-32, polynomial 0xEDB88320 (reflected), over type and data.</summary>
    internal static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
