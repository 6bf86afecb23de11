// click_sort.js - runs the <script> of a page of `lineprof export
// --format=html` against a small stand-in for the browser's DOM, built from
// the page's tables, clicks a column header and prints the table's rows in
// their new order (lit/export/html-sort.test).
//
// usage: node click_sort.js PAGE.html TABLE HEADER [CLICKS]
//   TABLE: the table's number in the page (0: the summary); HEADER: the
//   header's text; CLICKS (default 1): how many clicks, each followed by a
//   line "HEADER DIR: KEY KEY ..." where DIR is the sort direction shown and
//   KEY each row's first cell (the function, or the line number).
'use strict';
const fs = require('fs');
const [page, tableArg, header, clicksArg] = process.argv.slice(2);

const text = (html) => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
// data-* attributes as the dataset object the browser gives.
function dataset(attrs) {
  const d = {};
  for (const m of attrs.matchAll(/data-([a-z]+)="([^"]*)"/g)) d[m[1]] = m[2];
  return d;
}
const cells = (row, tag) =>
  [...row.matchAll(new RegExp(`<${tag}([^>]*)>(.*?)</${tag}>`, 'g'))]
    .map((m) => ({ dataset: dataset(m[1]), textContent: text(m[2]) }));

const html = fs.readFileSync(page, 'utf8');
const headers = [];
const tables = [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => {
  const head = m[1].match(/<thead><tr>(.*?)<\/tr><\/thead>/)[1];
  const body = m[1].match(/<tbody>([\s\S]*)<\/tbody>/)[1];
  const rows = [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)]
    .map((r) => ({ cells: cells(r[1], 'td') }));
  const tbody = {
    rows,
    appendChild(r) { rows.splice(rows.indexOf(r), 1); rows.push(r); },
  };
  const table = { tBodies: [tbody] };
  const row = { ths: [] };
  row.querySelectorAll = () => row.ths;
  cells(head, 'th').forEach((th, i) => {
    Object.assign(th, {
      cellIndex: i, parentNode: row, closest: () => table,
      removeAttribute(name) { delete th.dataset[name.replace(/^data-/, '')]; },
      addEventListener(event, f) { th.click = f; },
    });
    row.ths.push(th);
    headers.push(th);
  });
  return { table, row };
});

global.document = {
  querySelectorAll: (selector) => (selector === 'thead th' ? headers : []),
  getElementById: () => null,
  body: { classList: { toggle() {} } },
};
eval(html.match(/<script>([\s\S]*)<\/script>/)[1]);

const { table, row } = tables[Number(tableArg)];
const th = row.ths.find((h) => h.textContent === header);
for (let i = 0; i < Number(clicksArg || 1); i++) {
  th.click();
  const keys = table.tBodies[0].rows.map((r) => r.cells[0].textContent);
  console.log(`${header} ${th.dataset.dir}: ${keys.join(' ')}`);
}
