using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// Empty room on the left of an axis, so that the figure's left margin is at least <c>width</c> wide while the axis keeps
/// its natural size: its label stays next to its tick labels (widening the axis itself would move the label away from
/// them). The Kaplan-Meier figure needs the room for the numbers-at-risk rows' labels, which sit in that margin below
/// the data area.
/// </summary>
internal sealed class MarginPanel : IPanel
{
    private readonly IPanel _axis;
    private readonly float _width;

    public MarginPanel(IPanel axis, float width)
    {
        _axis = axis;
        _width = width;
    }

    public bool IsVisible { get; set; } = true;

    public Edge Edge => Edge.Left;

    public bool ShowDebugInformation { get; set; }

    public float MinimumSize { get; set; }

    public float MaximumSize { get; set; } = float.MaxValue;

    /// <summary>Whatever the axis leaves of the wanted width (it is measured first, with its fixed ticks), never less than 0.</summary>
    public float Measure(Paint paint) => IsVisible ? System.Math.Max(0, _width - _axis.Measure(paint)) : 0;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(dataRect.Left - offset - size, dataRect.Left - offset, dataRect.Bottom, dataRect.Top);

    public void Render(RenderPack rp, float size, float offset)
    {
        // Nothing to draw: the panel only reserves room.
    }
}
