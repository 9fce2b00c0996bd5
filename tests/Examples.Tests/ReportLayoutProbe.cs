namespace ProtocolLang.Examples.Tests;

/// <summary>
/// A script the layout test adds to a copy of a report (the report itself has no scripts) and runs in headless
/// Chromium: it measures the laid-out page and writes what it found, as JSON, into <c>&lt;pre id="pl-layout"&gt;</c>,
/// which <c>--dump-dom</c> prints.
/// </summary>
/// <remarks>
/// It reports: the viewport and the page's scroll width and height; each table wider than the viewport or than its
/// scrolling wrapper (clipped on screen); each table cell whose numbers wrap — a <c>span.nw</c> (a numeric cell's
/// numbers) laid out on more than one line, or a number token split across lines (a line box is counted by its
/// bottom edge, from <c>Range.getClientRects()</c>); each figure's SVG size and whether it lies inside the viewport;
/// and which figure or table comes first after the title.
/// </remarks>
internal static class ReportLayoutProbe
{
    public const string ResultId = "pl-layout";

    public const string Script = """
        (function () {
          var vw = window.innerWidth;
          var out = { viewport: vw, page: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, clipped: [], wrapped: [], figures: [], first: "" };
          function lines(range) {
            var tops = {};
            Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width > 0) { tops[Math.round(r.bottom)] = 1; } });
            return Object.keys(tops).length;
          }
          document.querySelectorAll("table").forEach(function (t, i) {
            var wrap = t.parentElement;
            var box = t.getBoundingClientRect();
            if (box.right > vw + 0.5 || (wrap.classList.contains("table-wrap") && wrap.scrollWidth > wrap.clientWidth + 0.5)) {
              out.clipped.push((t.closest("section") || {}).id + " table " + i + ": " + Math.round(box.width) + " px");
            }
          });
          var number = /[\u2212-]?\d[\d.,]*%?/g;
          document.querySelectorAll("td").forEach(function (td) {
            var spans = td.querySelectorAll("span.nw");
            spans.forEach(function (s) {
              var r = document.createRange(); r.selectNodeContents(s);
              if (lines(r) > 1) { out.wrapped.push(td.textContent); }
            });
            var walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
            for (var node = walker.nextNode(); node; node = walker.nextNode()) {
              var text = node.nodeValue, m;
              number.lastIndex = 0;
              while ((m = number.exec(text)) !== null) {
                var before = m.index > 0 ? text[m.index - 1] : " ";
                var after = text[m.index + m[0].length] || " ";
                if (/[A-Za-z0-9_.]/.test(before) || /[A-Za-z_]/.test(after)) { continue; }
                var r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
                if (lines(r) > 1) { out.wrapped.push(td.textContent); }
              }
            }
          });
          document.querySelectorAll("figure").forEach(function (f) {
            var svg = f.querySelector("svg");
            var b = svg ? svg.getBoundingClientRect() : { width: 0, height: 0, right: 0 };
            out.figures.push({ id: f.id, width: Math.round(b.width), height: Math.round(b.height), inside: b.right <= vw + 0.5 });
          });
          // The first figure or table after the title, in document order.
          var h1 = document.querySelector("h1");
          var after = Array.prototype.filter.call(document.querySelectorAll("figure, table"), function (e) {
            return h1 && (h1.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
          });
          out.first = after.length === 0 ? "" : after[0].tagName === "FIGURE" ? after[0].id : "table";
          var pre = document.createElement("pre");
          pre.id = "pl-layout";
          pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        })();
        """;
}
