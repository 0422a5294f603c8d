//! The page's inline stylesheet and script (no network fetches): sorting, filtering, the
//! `data-ok` / `#errors` markers and the `#selftest` run a headless browser test reads.

pub(super) const CSS: &str = r#"
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei","Source Han Sans SC",sans-serif;margin:0 auto;max-width:1400px;padding:0 16px 48px;color:#222;background:#fff;font-size:14px}
h1{font-size:24px;margin:20px 0 4px}h2{font-size:19px;border-bottom:2px solid #1565c0;padding-bottom:4px;margin-top:28px}h3{font-size:16px;margin:16px 0 6px}
.details{color:#444;margin:0 0 6px}.details span{margin-right:18px}
nav{margin:10px 0;padding:6px 0;border-top:1px solid #ddd;border-bottom:1px solid #ddd}nav a{margin-right:16px;white-space:nowrap}
.summary{font-size:15px;margin:4px 0}.note{color:#666;font-size:12px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.kpi{border:1px solid #ddd;border-radius:6px;padding:6px 14px;min-width:7em}
.kpi b{display:block;font-size:22px}.kpi span{color:#555;font-size:12px}
.kpi.bad b{color:#c62828}.kpi.good b{color:#2e7d32}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#ddebf7;white-space:nowrap}
table.sortable th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right}
td.num{white-space:nowrap;overflow-wrap:normal}
.nowrap{white-space:nowrap;overflow-wrap:normal}
#finding-table,#case-table,#brigade-table{font-size:13px}
#brigade-table th{white-space:normal;min-width:3em}#brigade-table th.c-brigade{min-width:5em}#brigade-table th.c-top{min-width:8em}
#brigade-table td.c-brigade{white-space:nowrap}
th.c-brigade{min-width:5em}th.c-file{min-width:7em}th.c-place{min-width:5.5em}
th.c-case{min-width:6em}th.c-code{min-width:3.5em}th.c-sev{min-width:3em}th.c-cat{min-width:4em}
th.c-msg{min-width:12em}th.c-basis,th.c-help{min-width:8em}th.c-score,th.c-grade,th.c-findings{min-width:3em}th.c-ded{min-width:9em}
td.c-brigade,td.c-sev,td.c-cat,td.c-code,td.c-grade,td.c-score{white-space:nowrap;overflow-wrap:normal}
tr.sev-error td.c-sev{color:#c62828;font-weight:bold}tr.sev-warning td.c-sev{color:#ef6c00}tr.sev-info td.c-sev{color:#555}
tr.waived{color:#888}
.grade{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;white-space:nowrap}
.rtitle{font-weight:bold}
.charts{display:flex;flex-direction:column;gap:12px;margin:8px 0}
svg.chart{background:#fafafa;border:1px solid #eee;max-width:100%;height:auto}
svg .ct{font-size:14px;font-weight:bold}svg .lg{font-size:12px}
svg .xl{font-size:11px;text-anchor:middle}svg .yl{font-size:12px;text-anchor:end}svg .rl{font-size:12px}svg .vl{font-size:9px}
svg .grid{stroke:#ddd;stroke-width:1}
.controls{margin:8px 0}.controls input{width:280px;padding:4px}
#errors{background:#fdd;color:#900;padding:8px;white-space:pre-wrap}
article.rule{border-top:1px solid #ddd;padding:4px 0}
article.rule:target{background:#fff8e1}
dl{margin:4px 0 8px}dt{font-weight:bold;margin-top:4px}dd{margin-left:16px}
@media screen{th{position:sticky;top:0;z-index:1}}
@page{size:A4 landscape;margin:12mm 10mm}
@media print{
body{max-width:none;padding:0;font-size:11px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
nav,.controls,#selftest,#errors{display:none}
th{position:static}
#summary{break-after:page;page-break-after:always}
thead{display:table-header-group}
tr,svg.chart,.kpis{break-inside:avoid;page-break-inside:avoid}
.charts{flex-direction:row;gap:8px}.charts svg.chart{width:49.5%}
.kpis{margin:6px 0}.kpi{padding:2px 10px}.kpi b{font-size:16px}
#brigade-table{font-size:10px}
h2{break-after:avoid;page-break-after:avoid}
a{color:inherit;text-decoration:none}
#finding-table,#case-table{font-size:10px}
th,td{padding:2px 4px}
article.rule.unused{display:none}
}
"#;

pub(super) const SCRIPT: &str = r#"
(function () {
  'use strict';
  var nerr = 0;
  window.onerror = function (msg, src, line) {
    nerr += 1;
    var e = document.getElementById('errors');
    e.hidden = false;
    e.textContent += msg + ' (' + line + ')\n';
    document.body.setAttribute('data-errors', String(nerr));
  };
  var coll = (window.Intl && Intl.Collator) ? new Intl.Collator(document.documentElement.lang, {numeric: true}) : null;
  function key(td, type) {
    var v = td.getAttribute('data-sort');
    if (v === null) { v = td.textContent; }
    if (type === 'num') { return v === '' ? -Infinity : parseFloat(v); }
    return v;
  }
  function cmp(x, y, type) {
    if (type === 'num') { return x - y; }
    return coll ? coll.compare(x, y) : (x < y ? -1 : (x > y ? 1 : 0));
  }
  function sortTable(table, col, dir) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = table.tHead.rows[0].cells;
    var type = heads[col].getAttribute('data-type') || 'text';
    var keyed = rows.map(function (r, i) { return {r: r, k: key(r.cells[col], type), i: i}; });
    keyed.sort(function (a, b) { return cmp(a.k, b.k, type) * dir || a.i - b.i; });
    keyed.forEach(function (x) { body.appendChild(x.r); });
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute('aria-sort'); }
    heads[col].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  }
  function onHeadClick(ev) {
    var th = ev.currentTarget;
    var table = th.closest('table');
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    sortTable(table, th.cellIndex, dir);
  }
  var tables = document.querySelectorAll('table.sortable');
  for (var t = 0; t < tables.length; t++) {
    var ths = tables[t].tHead.rows[0].cells;
    for (var c = 0; c < ths.length; c++) { ths[c].addEventListener('click', onHeadClick); }
  }
  var ftable = document.getElementById('finding-table');
  var filter = document.getElementById('filter');
  var sev = document.getElementById('sev');
  var shown = document.getElementById('shown');
  function applyFilter() {
    var q = filter.value.trim().toLowerCase();
    var s = sev.value;
    var rows = ftable.tBodies[0].rows;
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!s || r.getAttribute('data-sev') === s) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) { n += 1; }
    }
    shown.textContent = String(n);
    return n;
  }
  filter.addEventListener('input', applyFilter);
  sev.addEventListener('change', applyFilter);
  applyFilter();

  function column(table, name) {
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute('data-col') === name) { return i; }
    }
    return -1;
  }
  function values(table, col) {
    var rows = table.tBodies[0].rows, out = [];
    for (var i = 0; i < rows.length; i++) { out.push(rows[i].cells[col].textContent); }
    return out.join(',');
  }
  function selftest() {
    var out = [];
    var code = column(ftable, 'code');
    var th = ftable.tHead.rows[0].cells[code];
    th.click();
    out.push('asc=' + values(ftable, code) + ';sort=' + th.getAttribute('aria-sort'));
    th.click();
    out.push('desc=' + values(ftable, code) + ';sort=' + th.getAttribute('aria-sort'));
    var ctable = document.getElementById('case-table');
    var sc = column(ctable, 'score');
    ctable.tHead.rows[0].cells[sc].click();
    out.push('scores=' + values(ctable, sc));
    sev.value = 'error';
    out.push('errors=' + applyFilter());
    sev.value = '';
    filter.value = '\x3cscript>';
    out.push('text=' + applyFilter());
    filter.value = '';
    out.push('all=' + applyFilter());
    var rects = document.querySelectorAll('svg.chart rect');
    var drawn = 0;
    for (var i = 0; i < rects.length; i++) {
      var b = rects[i].getBBox();
      if (b.width > 0 && b.height > 0) { drawn += 1; }
    }
    var svg = document.querySelector('svg.chart');
    out.push('rects=' + rects.length + ';drawn=' + drawn + ';svgwidth=' +
      (svg ? Math.round(svg.getBoundingClientRect().width) : 0));
    // Numbers broken over two lines (`100.0` / `%`): a squeezed column.
    var broken = 0, nums = document.querySelectorAll('td.num');
    for (var k = 0; k < nums.length; k++) {
      var r = document.createRange();
      r.selectNodeContents(nums[k]);
      var tops = {};
      var rs = r.getClientRects();
      for (var m = 0; m < rs.length; m++) { tops[Math.round(rs[m].top)] = 1; }
      if (Object.keys(tops).length > 1) { broken += 1; }
    }
    out.push('numbroken=' + broken + ';nums=' + nums.length);
    var st = document.getElementById('selftest');
    st.hidden = false;
    st.textContent = out.join('\n');
    document.body.setAttribute('data-selftest', 'done');
  }
  if (location.hash === '#selftest') { selftest(); }
  document.body.setAttribute('data-ok', '1');
})();
"#;
