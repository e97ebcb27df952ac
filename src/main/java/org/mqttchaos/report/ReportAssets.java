package org.mqttchaos.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The fixed parts of report.html: stylesheet, chart-drawing script, and Chart.js read from its WebJar on the
 * classpath, so the page needs no network to open.
 */
final class ReportAssets {
  static final String CHART_JS_RESOURCE = "META-INF/resources/webjars/chart.js/4.4.9/dist/chart.umd.js";

  static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2330;
             background: #f5f6f8; line-height: 1.45; }
      main { max-width: 1100px; margin: 0 auto; padding: 24px; }
      h1 { margin: 0 0 4px; font-size: 1.6em; }
      h2 { font-size: 1.15em; margin: 28px 0 10px; }
      .desc { color: #4a5263; margin: 0 0 12px; }
      .meta { display: flex; flex-wrap: wrap; gap: 6px 22px; font-size: 0.92em; color: #4a5263; }
      .meta b { color: #1d2330; font-weight: 600; }
      section { background: #fff; border: 1px solid #e1e4ea; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
      .warn { background: #fff4e0; border-color: #f0b44c; }
      .bad { color: #b3261e; font-weight: 600; }
      .good { color: #1e7b34; font-weight: 600; }
      .verdict { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
      .verdict div { border-left: 4px solid #c9ced8; padding: 4px 10px; }
      .verdict div.ok { border-color: #3aa45a; }
      .verdict div.ko { border-color: #d9473b; }
      .verdict .v { font-size: 1.4em; font-weight: 600; }
      table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
      th, td { padding: 5px 10px; border-bottom: 1px solid #eceef2; text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      th { background: #f0f2f5; font-weight: 600; }
      td.muted { color: #9aa1ad; }
      .chart { position: relative; height: 360px; }
      .note { font-size: 0.85em; color: #6b7280; }
      """;

  /**
   * The first script of a page: records every script error and console.error in the html element's data-errors
   * attribute, so a broken page says so in its DOM (the headless browser test reads it).
   */
  static final String ERROR_CATCHER = """
      (function () {
        var root = document.documentElement, errors = [];
        function note(message) { errors.push(String(message)); root.setAttribute('data-errors', errors.join(' | ')); }
        window.addEventListener('error', function (e) { note(e.message || 'failed to load ' + e.target); }, true);
        window.addEventListener('unhandledrejection', function (e) { note(e.reason); });
        var consoleError = console.error;
        console.error = function () {
          note(Array.prototype.join.call(arguments, ' '));
          return consoleError.apply(console, arguments);
        };
      })();
      """;

  /** Draws the charts from the JSON in the element with id "chart-data"; only numbers and metric names in it. */
  static final String CHARTS_JS = """
      (function () {
        var data = JSON.parse(document.getElementById('chart-data').textContent);
        var colors = ['#2b6cb0', '#d9473b', '#3aa45a', '#8e44ad', '#e08e0b', '#16a2b8'];
        // data-charts-rendered counts charts drawn with a real area, data-chart-series their datasets: the page
        // states what it drew, for people and headless checks alike.
        var rendered = 0, series = [], root = document.documentElement;
        root.setAttribute('data-charts-rendered', '0');
        function draw(el, config) {
          var chart = new Chart(el, config);
          if (chart.chartArea && chart.chartArea.width > 0 && chart.chartArea.height > 0) rendered++;
          series.push(chart.data.datasets.length);
          root.setAttribute('data-charts-rendered', String(rendered));
          root.setAttribute('data-chart-series', series.join(','));
        }
        function pctLabel(x) {
          var k = Math.round(Math.log10(x));
          if (Math.abs(Math.log10(x) - k) > 1e-9) return '';
          if (k === 0) return '0%';
          return (100 - 100 / x).toFixed(Math.max(0, k - 2)) + '%';
        }
        // logY: the chaos timings span milliseconds (will delay) to tens of seconds (keep-alive detection).
        // A log axis cannot show 0, so zero latencies (a takeover closed before the newer CONNACK) are left out.
        function percentileChart(id, series, logY) {
          var el = document.getElementById(id);
          if (!el || series.length === 0) return;
          var maxX = 10;
          series.forEach(function (s) { s.points.forEach(function (p) { if (p[0] > maxX) maxX = p[0]; }); });
          var top = Math.pow(10, Math.ceil(Math.log10(maxX)));
          draw(el, {
            type: 'line',
            data: { datasets: series.map(function (s, i) {
              return { label: s.name, data: s.points.map(function (p) { return { x: p[0], y: p[1] }; }),
                       borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
                       pointRadius: 0, borderWidth: 2, tension: 0 };
            }) },
            options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'nearest', intersect: false },
              scales: {
                x: { type: 'logarithmic', min: 1, max: top, title: { display: true, text: 'percentile' },
                     afterBuildTicks: function (axis) {
                       var ticks = [];
                       for (var v = 1; v <= top; v *= 10) ticks.push({ value: v });
                       axis.ticks = ticks;
                     },
                     ticks: { callback: function (v) { return pctLabel(v); } } },
                y: logY ? { type: 'logarithmic', title: { display: true, text: 'ms (log scale)' } }
                        : { beginAtZero: true, title: { display: true, text: 'latency (ms)' } } },
              plugins: { tooltip: { callbacks: {
                title: function (items) { return (100 - 100 / items[0].parsed.x).toFixed(4) + '%'; },
                label: function (item) { return item.dataset.label + ': ' + item.parsed.y + ' ms'; } } } } }
          });
        }
        percentileChart('connect-percentiles', data.connect, false);
        percentileChart('chaos-percentiles', data.chaos, true);
        percentileChart('recovery-percentiles', data.recovery, true);
        percentileChart('message-percentiles', data.messages || [], true);
        var t = data.timeline, el = document.getElementById('timeline');
        // Vertical lines: thin orange at each second with faults injected, thick red at each planned mass drop.
        // data-timeline-markers states how many were drawn.
        var faultMarkers = { id: 'faultMarkers', afterDatasetsDraw: function (chart) {
          var ctx = chart.ctx, area = chart.chartArea, x = chart.scales.x, drawn = 0;
          function line(i, color, width) {
            var px = x.getPixelForValue(i);
            ctx.strokeStyle = color; ctx.lineWidth = width;
            ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
            drawn++;
            return px;
          }
          ctx.save();
          t.faults.forEach(function (n, i) { if (n > 0) line(i, 'rgba(224,142,11,0.7)', 1); });
          (t.massDrops || []).forEach(function (m) {
            // the row a time falls in: a row is labelled with the second it ends on
            var i = t.second.findIndex(function (s) { return s >= m.second; });
            if (i < 0) return;
            var px = line(i, '#d9473b', 2.5);
            ctx.fillStyle = '#d9473b'; ctx.font = '12px sans-serif';
            ctx.fillText('mass drop #' + m.index, px + 4, area.top + 12);
          });
          ctx.restore();
          root.setAttribute('data-timeline-markers', String(drawn));
        } };
        // Broker outages: a grey band from the second the broker went away to the second it was back (to the
        // end of the run when it never was); data-timeline-outages states how many were drawn.
        var outageBands = { id: 'outageBands', beforeDatasetsDraw: function (chart) {
          var ctx = chart.ctx, area = chart.chartArea, x = chart.scales.x, drawn = 0, last = t.second.length - 1;
          function at(sec) {
            var i = t.second.findIndex(function (s) { return s >= sec; });
            return i < 0 ? last : i;
          }
          ctx.save();
          (t.outages || []).forEach(function (o) {
            var a = at(o.from), b = o.to === null ? last : at(o.to);
            var left = x.getPixelForValue(a), right = Math.max(x.getPixelForValue(b), left + 3);
            ctx.fillStyle = 'rgba(90,90,90,0.22)';
            ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
            ctx.fillStyle = '#555'; ctx.font = '12px sans-serif';
            ctx.fillText('broker down', left + 4, area.bottom - 6);
            drawn++;
          });
          ctx.restore();
          root.setAttribute('data-timeline-outages', String(drawn));
        } };
        // A per-second timeline: {label, data, color (index in colors), axis ('y' left, 'y1' right)} lines, the first
        // one bolder, then the faults injected each second as bars on the right axis; outage bands, fault markers.
        function timelineChart(canvas, lines, yTitle, y1Title) {
          var datasets = lines.map(function (l, i) {
            return { type: 'line', label: l.label, data: l.data, borderColor: colors[l.color], yAxisID: l.axis,
                     pointRadius: 0, borderWidth: i === 0 ? 2 : 1.5 };
          });
          datasets.push({ type: 'bar', label: 'faults injected', data: t.faults,
                          backgroundColor: 'rgba(224,142,11,0.55)', yAxisID: 'y1' });
          draw(canvas, {
            data: { labels: t.second, datasets: datasets },
            plugins: [outageBands, faultMarkers],
            options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
              scales: { x: { title: { display: true, text: 'second' } },
                y: { beginAtZero: true, position: 'left', title: { display: true, text: yTitle } },
                y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false },
                      title: { display: true, text: y1Title } } } }
          });
        }
        var mel = document.getElementById('message-timeline');
        if (t && mel && t.published) {
          timelineChart(mel, [
            { label: 'published/s', data: t.published, color: 0, axis: 'y' },
            { label: 'acknowledged/s', data: t.acknowledged, color: 2, axis: 'y' },
            { label: 'received/s', data: t.delivered, color: 3, axis: 'y' }
          ], 'messages per second', 'faults per second');
        }
        if (t && el) {
          timelineChart(el, [
            { label: 'connected', data: t.connected, color: 0, axis: 'y' },
            { label: 'connects/s', data: t.connects, color: 2, axis: 'y1' },
            { label: 'flaps/s', data: t.flaps, color: 1, axis: 'y1' }
          ], 'connected clients', 'per second');
        }
      })();
      """;

  private ReportAssets() {}

  /** Chart.js source, made safe to inline (a literal "</script" would end the element early). */
  static String chartJs() {
    try (InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(CHART_JS_RESOURCE)) {
      if (in == null) {
        throw new ReportException("Chart.js not found on the classpath (" + CHART_JS_RESOURCE
            + "): the chart.js WebJar is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new ReportException("cannot read Chart.js from the classpath: " + e.getMessage(), e);
    }
  }
}
