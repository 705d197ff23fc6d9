// Anomalies (inspector, auditor): attempted wrong payments by reason and open overpayments,
// filtered by programme, period and kind, a page of rows at a time.
import { errorBox, go, h, short, table, yuan, clear } from './dom.js';
import { code, programmeName, t } from './i18n.js';
import { programmes } from './programmes.js';
import { api } from './session.js';

const REASONS = ['UNKNOWN_PROGRAM', 'INVALID_AMOUNT', 'NOT_ELIGIBLE', 'DECEASED', 'DUPLICATE', 'AMOUNT_EXCEEDS_STANDARD'];
const OVERPAYMENTS = 'OVERPAYMENT_OPEN';
const RECOVERED = 'OVERPAYMENT_RECOVERED';
const PAGE_ROWS = 5;
const KIND_LABEL = { [OVERPAYMENTS]: () => t('anomalies.overpayments'), [RECOVERED]: () => t('anomalies.recovered') };

export async function render(root, params) {
  const list = await programmes().catch(() => []);
  const programme = h('select', { id: 'filter-programme' }, h('option', { value: '' }, t('anomalies.all')),
    list.map((p) => h('option', { value: p.id }, programmeName(p))));
  const period = h('input', { id: 'filter-period', type: 'month' });
  const kind = h('select', { id: 'filter-kind' }, h('option', { value: '' }, t('anomalies.all')),
    REASONS.map((r) => h('option', { value: r }, code(r))), h('option', { value: OVERPAYMENTS }, t('anomalies.overpayments')), h('option', { value: RECOVERED }, t('anomalies.recovered')));
  programme.value = params.get('programme') ?? '';
  period.value = params.get('period') ?? '';
  kind.value = params.get('kind') ?? '';
  const form = h('form', { class: 'card filters', onsubmit: (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ programme: programme.value, period: period.value, kind: kind.value });
    go(`#/anomalies?${query}`);
  } },
  h('label', { for: 'filter-programme' }, t('programme.choose')), programme,
  h('label', { for: 'filter-period' }, t('programme.period')), period,
  h('label', { for: 'filter-kind' }, t('anomalies.kind')), kind,
  h('button', { type: 'submit' }, t('anomalies.filter')));
  const out = h('section', { id: 'anomalies-result', 'aria-live': 'polite' }, h('p', {}, t('loading')));
  root.append(form, out);
  try {
    const query = new URLSearchParams();
    if (programme.value) query.set('programmeId', programme.value);
    if (period.value) query.set('period', period.value);
    const [found, recovered] = await Promise.all([api('GET', `/v1/anomalies?${query}`), api('GET', `/v1/overpayments/recovered?${query}`)]);
    found.recovered = recovered;
    const rows = anomalyRows(found, kind.value);
    const byId = new Map(list.map((p) => [p.id, p]));
    showPage(out, rows, byId, 0, found);
  } catch (err) {
    clear(out, errorBox(err));
  }
}

function anomalyRows(found, kind) {
  const rejected = found.rejections
    .filter((group) => !kind || group.reasonCode === kind)
    .flatMap((group) => group.lines.items.map((line) => ({ kind: group.reasonCode, line })));
  const open = !kind || kind === OVERPAYMENTS ? found.openOverpayments.items.items.map((o) => ({ kind: OVERPAYMENTS, line: o })) : [];
  const recovered = !kind || kind === RECOVERED ? found.recovered.items.map((o) => ({ kind: RECOVERED, line: o })) : [];
  return kind === OVERPAYMENTS || kind === RECOVERED ? [...open, ...recovered] : [...rejected, ...open, ...recovered];
}

function showPage(out, rows, programmesById, page, found) {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
  const shown = rows.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
  const counts = [...found.rejections.map((g) => `${code(g.reasonCode)}: ${g.count}`),
    `${t('anomalies.overpayments')}: ${found.openOverpayments.count} · ${yuan(found.openOverpayments.totalFen)}`,
    `${t('anomalies.recovered')}: ${found.recovered.count} · ${yuan(found.recovered.totalFen)}`];
  const prev = h('button', { type: 'button', id: 'page-prev', disabled: page === 0, onclick: () => turn(out, rows, programmesById, page - 1, found, 'page-prev') }, t('anomalies.prev'));
  const next = h('button', { type: 'button', id: 'page-next', disabled: page >= pages - 1, onclick: () => turn(out, rows, programmesById, page + 1, found, 'page-next') }, t('anomalies.next'));
  clear(out,
    h('ul', { class: 'counts', id: 'anomaly-counts' }, counts.map((c) => h('li', {}, c))),
    rows.length === 0 ? h('p', {}, t('anomalies.none')) : table([
      [t('anomalies.kind'), (r) => h('span', { class: 'reason' }, KIND_LABEL[r.kind]?.() ?? code(r.kind))],
      [t('col.line'), (r) => r.line.record.lineId],
      [t('col.programme'), (r) => programmeName(programmesById.get(r.line.record.programmeId)) || r.line.record.programmeId],
      [t('col.period'), (r) => r.line.record.period],
      [t('col.district'), (r) => r.line.districtCode ?? '—'],
      [t('col.amount'), (r) => yuan(r.line.record.amountFen)],
      [t('col.tx'), (r) => h('a', { href: `#/proof?tx=${r.line.txId}` }, `#${r.line.blockNumber} ${short(r.line.txId, 10)}`)],
    ], shown, { id: 'anomalies', class: 'rows' }),
    h('p', { class: 'pager' }, prev, ' ', h('span', { id: 'page-status' }, t('anomalies.page', { page: page + 1, pages, total: rows.length })), ' ', next),
    h('p', { class: 'note' }, t('anomalies.sample')));
}

/** Keeps the keyboard where it was: on the button just pressed (or the other one at either end). */
function turn(out, rows, programmesById, page, found, pressed) {
  showPage(out, rows, programmesById, page, found);
  const button = document.getElementById(pressed);
  (button.disabled ? document.getElementById(pressed === 'page-next' ? 'page-prev' : 'page-next') : button).focus();
}
