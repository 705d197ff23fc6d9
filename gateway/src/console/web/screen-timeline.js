// Beneficiary timeline (inspector, auditor): the purpose first, then the citizen ID in a POST
// body; the read is logged as an access event before anything is shown.
import { clear, errorBox, h, short, table, when, yuan } from './dom.js';
import { code, programmeName, t } from './i18n.js';
import { programmeById } from './programmes.js';
import { api } from './session.js';

const PURPOSES = ['INSPECTION', 'AUDIT', 'ELIGIBILITY_REVIEW', 'DISBURSEMENT_VERIFICATION', 'DEATH_VERIFICATION', 'CASE_HANDLING'];

export function render(root) {
  const purpose = h('select', { id: 'purpose', required: true },
    h('option', { value: '' }, '—'), PURPOSES.map((p) => h('option', { value: p }, code(p))));
  const citizen = h('input', { id: 'citizen-id', autocomplete: 'off', required: true, maxlength: 18, size: 22, spellcheck: 'false' });
  const out = h('section', { id: 'timeline-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    // The ID goes in the body of one request and leaves the page: the field is emptied.
    const who = citizen.value.trim();
    citizen.value = '';
    lookUp(out, purpose.value, { citizenId: who });
  } },
  h('label', { for: 'purpose' }, t('timeline.purpose')), purpose,
  h('p', { class: 'note' }, t('timeline.logged')),
  h('label', { for: 'citizen-id' }, t('timeline.citizen')), citizen, ' ',
  h('button', { type: 'submit' }, t('timeline.submit')));
  root.append(form, out);
  purpose.focus();
}

async function lookUp(out, purpose, who, cursor, rows = []) {
  clear(out, h('p', {}, t('loading')));
  try {
    const query = new URLSearchParams({ purpose, limit: '50' });
    if (cursor) query.set('cursor', cursor);
    const [page, programmes, systems] = await Promise.all([
      api('POST', `/v1/beneficiaries/history?${query}`, who), programmeById(), systemOrgs()]);
    const all = rows.concat(page.items);
    clear(out,
      h('p', {}, `${t('timeline.subject')}: `, h('code', { id: 'subject-ref' }, page.subjectRef)),
      h('p', { class: 'note', id: 'read-logged' }, t('timeline.readLogged', { eventId: page.accessEvent.eventId })),
      all.length === 0 ? h('p', {}, t('timeline.empty')) : timelineTable(all, programmes, systems),
      page.nextCursor ? h('button', { type: 'button', onclick: () => lookUp(out, purpose, { subjectRef: page.subjectRef }, page.nextCursor, all) }, t('timeline.more')) : null);
  } catch (err) {
    clear(out, errorBox(err));
  }
}

let orgsOfSystems = null;
async function systemOrgs() {
  if (!orgsOfSystems) {
    const { systems } = await api('GET', '/v1/systems');
    orgsOfSystems = new Map(systems.map((s) => [s.systemId, s.org]));
  }
  return orgsOfSystems;
}

function timelineTable(items, programmes, systems) {
  return table([
    [t('col.when'), (i) => when(i.at)],
    [t('col.kind'), (i) => h('span', { class: `kind kind-${i.kind}` }, t(`kind.${i.kind}`))],
    [t('col.action'), (i) => code(i.action)],
    [t('col.programme'), (i) => programmeName(programmes.get(i.record.programmeId)) || i.record.programmeId || ''],
    [t('col.details'), (i) => details(i, systems)],
    [t('col.tx'), (i) => h('a', { href: `#/proof?tx=${i.txId}` }, `#${i.blockNumber} ${short(i.txId, 10)}`)],
  ], items, { id: 'timeline', class: 'rows' });
}

function details(item, systems) {
  const r = item.record;
  switch (item.kind) {
    case 'Eligibility':
      return [code(r.status), ` · ${r.districtCode} · ${r.decisionRef}`, r.reason ? ` · ${code(r.reason)}` : '',
        h('ul', { class: 'checks' }, (r.checks ?? []).map((c) => h('li', {}, `${code(c.check)}: ${code(c.result)} (${c.sourceSystem})`)),
          (r.evidence ?? []).map((e) => h('li', {}, `${e.kind} sha256 `, h('code', {}, short(e.sha256, 16)))))];
    case 'DisbursementLine':
      return [`${r.lineId} · ${r.period} · ${yuan(r.amountFen)} · ${code(r.status)}`, r.reasonCode ? ` · ${code(r.reasonCode)}` : '',
        r.settlement ? ` · ${code(r.settlement.outcome)} ${r.settlement.date} ${r.settlement.bankRef}` : ''];
    case 'Death':
      return `${r.dateOfDeath} · ${r.source}`;
    case 'Overpayment':
      return `${r.lineId} · ${r.period} · ${yuan(r.amountFen)} · ${code(r.status)}${r.recovery ? ` · ${r.recovery.ref}` : ''}`;
    case 'AccessEvent':
      return [h('strong', {}, r.accessorSystemId), ` (${systems.get(r.accessorSystemId) ?? '?'}) · ${code(r.purpose)} · ${r.legalBasis} · ${r.datasetCode}`];
    default:
      return JSON.stringify(r);
  }
}
