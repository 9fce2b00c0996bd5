using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The numbers-at-risk table of a Kaplan-Meier figure, drawn inside the figure as a ScottPlot panel under the time axis
/// (as survminer's <c>risk.table</c> and the CONSORT-era convention of Pocock et al., Lancet 2002;359:1686): a heading,
/// then one row per group, its label right-aligned in the left margin and its numbers centred under the time axis' ticks,
/// both in the group's colour. The panel takes its x positions from the bottom axis at render time, so the numbers stay
/// under their ticks whatever the margins.
/// </summary>
internal sealed class AtRiskPanel : IPanel
{
    public const float FontSize = 12;
    public const float RowHeight = 17;
    private const float TopPadding = 10;
    private const float BottomPadding = 6;
    private const float HeadingLeft = 8;

    /// <summary>Between a row's label and the data area's left edge: room for half of the number centred on the tick at time 0.</summary>
    private const float LabelGap = 18;

    /// <summary>One row: the group's label, colour and its number at risk at each tick (in the order of the ticks).</summary>
    public sealed record Row(string Label, Color Color, IReadOnlyList<int> Counts);

    private readonly IReadOnlyList<double> _ticks;
    private readonly IReadOnlyList<Row> _rows;

    public AtRiskPanel(IReadOnlyList<double> ticks, IReadOnlyList<Row> rows)
    {
        _ticks = ticks;
        _rows = rows;
    }

    public bool IsVisible { get; set; } = true;

    public Edge Edge => Edge.Bottom;

    public bool ShowDebugInformation { get; set; }

    public float MinimumSize { get; set; }

    public float MaximumSize { get; set; } = float.MaxValue;

    /// <summary>The panel's height for <paramref name="rows"/> groups: padding, the heading and one row per group.</summary>
    public static float HeightFor(int rows) => TopPadding + ((rows + 1) * RowHeight) + BottomPadding;

    /// <summary>The width the left margin needs for the widest group label (the rows' labels sit there).</summary>
    public static float LabelWidth(IEnumerable<string> labels)
    {
        using Paint paint = Paint.NewDisposablePaint();
        LabelStyle style = Style(Colors.Black, Alignment.UpperRight);
        return labels.Select(l => style.Measure(l, paint).Width).DefaultIfEmpty(0).Max() + (2 * LabelGap);
    }

    /// <summary>The vertical band (pixels below the data area's bottom edge plus the offset) of row <paramref name="row"/>; the heading is row −1.</summary>
    public static float RowTop(int row) => TopPadding + ((row + 1) * RowHeight);

    public float Measure(Paint paint) => IsVisible ? HeightFor(_rows.Count) : 0;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(dataRect.Left, dataRect.Right, dataRect.Bottom + offset + size, dataRect.Bottom + offset);

    public void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible)
        {
            return;
        }

        PixelRect data = rp.DataRect;
        float top = data.Bottom + offset;
        Style(Colors.Black, Alignment.UpperLeft).Render(rp.Canvas, new Pixel(HeadingLeft, top + TopPadding), rp.Paint, "Number at risk", true);

        IXAxis axis = rp.Plot.Axes.Bottom;
        for (int r = 0; r < _rows.Count; r++)
        {
            Row row = _rows[r];
            float y = top + RowTop(r);
            Style(row.Color, Alignment.UpperRight).Render(rp.Canvas, new Pixel(data.Left - LabelGap, y), rp.Paint, row.Label, true);
            LabelStyle number = Style(row.Color, Alignment.UpperCenter);
            for (int t = 0; t < _ticks.Count && t < row.Counts.Count; t++)
            {
                float x = axis.GetPixel(_ticks[t], data);
                number.Render(rp.Canvas, new Pixel(x, y), rp.Paint, row.Counts[t].ToString(System.Globalization.CultureInfo.InvariantCulture), true);
            }
        }
    }

    private static LabelStyle Style(Color color, Alignment alignment) => new()
    {
        FontName = FigureStyle.FontName,
        FontSize = FontSize,
        ForeColor = color,
        Alignment = alignment,
    };
}
