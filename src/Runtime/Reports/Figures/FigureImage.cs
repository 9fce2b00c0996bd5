using System;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>One drawn figure: its SVG text, and its PNG (<see cref="FigureStyle.ToPng"/>) drawn from the same plot when first asked for.</summary>
internal sealed class FigureImage
{
    private readonly Lazy<byte[]> _png;

    public FigureImage(string svg, Func<byte[]> png)
    {
        Svg = svg;
        _png = new Lazy<byte[]>(png, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Svg { get; }

    /// <summary>The PNG bytes; the first call draws them.</summary>
    public byte[] Png => _png.Value;
}
