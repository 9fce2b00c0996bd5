using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Cli.Compilation;

/// <summary>Parses <c>--formats md,html,json,docx</c>.</summary>
internal static class ReportFormats
{
    public static IReadOnlyList<ReportFormat>? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var formats = new List<ReportFormat>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ReportFormat? format = item.ToLowerInvariant() switch
            {
                "md" or "markdown" => ReportFormat.Markdown,
                "html" => ReportFormat.Html,
                "json" => ReportFormat.Json,
                "docx" => ReportFormat.Docx,
                _ => null,
            };
            if (format is null)
            {
                error = $"unknown report format '{item}'; expected md, html, json or docx";
                return null;
            }

            formats.Add(format.Value);
        }

        return formats.Distinct().ToArray();
    }
}
