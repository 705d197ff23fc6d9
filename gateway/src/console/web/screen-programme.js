// Programme month (inspector, auditor, finance): a programme's period in counts and totals, the
// last 12 months, rejections by reason, the districts; exported as CSV from what is shown.
import { barChart } from './charts.js';
import { clear, errorBox, go, h, table, yuan } from './dom.js';
import { code, programmeName, shortCode, t } from './i18n.js';
import { programmes } from './programmes.js';
import { api } from './session.js';

const TALLIES = ['posted', 'rejected', 'settled', 'returned', 'awaitingSettlement'];
const TALLY_LABEL = { posted: 'col.posted', rejected: 'col.rejected', settled: 'col.settled', returned: 'col.returned', awaitingSettlement: 'col.awaiting' };

export async function render(root, params) {
  const out = h('section', { id: 'programme-result', 'aria-live': 'polite' });
  try {
    const list = await programmes();
    const programme = h('select', { id: 'programme' }, list.map((p) => h('option', { value: p.id }, `${programmeName(p)} (${p.id})`)));
    const period = h('input', { id: 'period', type: 'month', required: true });
    programme.value = params.get('programme') ?? list[0]?.id ?? '';
    const form = h('form', { class: 'card filters', onsubmit: (event) => {
      event.preventDefault();
      go(`#/programme?programme=${programme.value}&period=${period.value}`);
    } },
    h('label', { for: 'programme' }, t('programme.choose')), programme,
    h('label', { for: 'period' }, t('programme.period')), period,
    h('button', { type: 'submit' }, t('programme.show')));
    root.append(form, out);
    const summary = await api('GET', `/v1/summaries?programmeId=${programme.value}`);
    period.value = params.get('period') ?? latestPeriod(summary.groups) ?? new Date().toISOString().slice(0, 7);
    const reasons = await api('GET', `/v1/summaries/rejections?programmeId=${programme.value}&period=${period.value}`);
    const chosen = list.find((p) => p.id === programme.value);
    showMonth(out, chosen, period.value, summary.groups, reasons.reasons);
  } catch (err) {
    root.append(errorBox(err));
  }
}

function latestPeriod(groups) {
  return groups.map((g) => g.period).sort().at(-1);
}

function showMonth(out, programme, period, groups, reasons) {
  const inMonth = groups.filter((g) => g.period === period);
  const totals = sumTallies(inMonth);
  const months = lastTwelve(period).map((month) => ({ month, ...sumTallies(groups.filter((g) => g.period === month)) }));
  const districts = inMonth.map((g) => ({ district: g.districtCode ?? '—', ...g }));
  clear(out,
    h('h3', {}, `${programmeName(programme)} · ${period} — ${t('programme.totals')}`),
    totals.posted.count + totals.rejected.count === 0 ? h('p', {}, t('programme.noData')) : null,
    h('dl', { class: 'tallies', id: 'month-totals' }, TALLIES.map((k) => h('div', { dataset: { tally: k } },
      h('dt', {}, t(TALLY_LABEL[k])), h('dd', {}, `${totals[k].count} · ${yuan(totals[k].totalFen)}`)))),
    h('div', { class: 'charts' },
      h('figure', { id: 'chart-months' }, h('figcaption', {}, t('programme.chart12')),
        barChart(months.map((m) => ({ label: m.month.slice(5), sublabel: m.month.endsWith('-01') ? m.month.slice(0, 4) : '', value: m.posted.totalFen, caption: m.posted.totalFen ? yuan(m.posted.totalFen).replace(/\.\d\d$/, '') : '0' })),
          { title: t('programme.chart12'), highlight: period.slice(5) })),
      h('figure', { id: 'chart-reasons' }, h('figcaption', {}, t('programme.chartReasons')),
        barChart(reasons.map((r) => ({ label: shortCode(r.reasonCode), value: r.count })), { title: t('programme.chartReasons') }),
        h('ul', { class: 'legend' }, reasons.filter((r) => r.count > 0).map((r) => h('li', {}, `${code(r.reasonCode)}: ${r.count}`))))),
    h('h3', {}, t('programme.districts')),
    table([[t('col.district'), (d) => d.district], ...TALLIES.map((k) => [t(TALLY_LABEL[k]), (d) => `${d[k].count} · ${yuan(d[k].totalFen)}`])],
      districts, { id: 'districts', class: 'rows' }),
    h('p', {}, h('button', { type: 'button', id: 'csv', onclick: () => download(csvOf(programme, period, districts, months, reasons), `${programme.id}-${period}.csv`) }, t('programme.csv'))));
}

function sumTallies(groups) {
  const totals = Object.fromEntries(TALLIES.map((k) => [k, { count: 0, totalFen: 0 }]));
  for (const g of groups) for (const k of TALLIES) {
    totals[k].count += g[k].count;
    totals[k].totalFen += g[k].totalFen;
  }
  return totals;
}

function lastTwelve(period) {
  const [year, month] = period.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 12 + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** One CSV with three parts, each row labelled; amounts in fen (integers, as the ledger keeps them). */
function csvOf(programme, period, districts, months, reasons) {
  const rows = [['section', 'programmeId', 'period', 'district', 'tally_or_reason', 'count', 'totalFen']];
  for (const d of districts) for (const k of TALLIES) rows.push(['district', programme.id, period, d.district, k, d[k].count, d[k].totalFen]);
  for (const m of months) for (const k of TALLIES) rows.push(['month', programme.id, m.month, '', k, m[k].count, m[k].totalFen]);
  for (const r of reasons) rows.push(['rejections', programme.id, period, '', r.reasonCode, r.count, r.totalFen]);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function download(text, name) {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
