// "Who read my data": a civil-affairs counter issues a one-time code for a person; the person
// redeems it here without an API key and sees every access event about them, each line's
// inclusion in its anchored batch checked in this page. The code travels in the address's
// fragment (#...), which a browser never sends to a server, and never the citizen ID.
import { clear, errorBox, h, short, table, when } from './dom.js';
import { code, t } from './i18n.js';
import { verifyInclusion } from './merkle.js';
import { api, can } from './session.js';

export function render(root, params) {
  if (can(['civil-affairs'])) root.append(issueForm());
  const codeInput = h('input', { id: 'access-code', autocomplete: 'off', size: 34, required: true, spellcheck: 'false' });
  codeInput.value = params.get('code') ?? '';
  const out = h('section', { id: 'my-data-result', 'aria-live': 'polite' });
  root.append(h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    redeem(out, codeInput.value.trim());
  } },
  h('h3', {}, t('myData.redeemTitle')),
  h('label', { for: 'access-code' }, t('myData.code')), codeInput, ' ', h('button', { type: 'submit' }, t('myData.redeem'))), out);
  if (codeInput.value) redeem(out, codeInput.value);
}

function issueForm() {
  const citizen = h('input', { id: 'issue-citizen-id', autocomplete: 'off', maxlength: 18, size: 22, required: true, spellcheck: 'false' });
  const out = h('div', { id: 'issued', 'aria-live': 'polite' });
  return h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const citizenId = citizen.value.trim();
    citizen.value = '';
    try {
      const issued = await api('POST', '/v1/access-codes', { citizenId });
      const link = `${location.origin}/console/#/myData?code=${issued.code}`;
      clear(out, h('p', {}, t('myData.issued'), ' ', h('strong', { id: 'issued-code', class: 'code' }, issued.code)),
        h('p', {}, `${t('myData.link')}: `, h('code', { id: 'issued-link' }, link)));
    } catch (err) {
      clear(out, errorBox(err));
    }
  } },
  h('h3', {}, t('myData.issueTitle')),
  h('label', { for: 'issue-citizen-id' }, t('timeline.citizen')), citizen, ' ', h('button', { type: 'submit' }, t('myData.issue')), out);
}

async function redeem(out, accessCode) {
  clear(out, h('p', {}, t('loading')));
  // The code is used up by this request: it leaves the address bar and the history entry.
  if (location.hash.includes('code=')) history.replaceState(null, '', '#/myData');
  try {
    const { events } = await api('POST', '/v1/access-codes/redeem', { code: accessCode });
    const checks = await Promise.all(events.map((e) => verifyInclusion(e.event, e.leafIndex, e.treeSize, e.path, e.root)));
    const rows = events.map((e, i) => ({ ...e, included: checks[i] }));
    clear(out,
      h('p', { class: 'note' }, t('myData.used')),
      h('p', { class: 'note' }, t('myData.proofNote')),
      rows.length === 0 ? h('p', {}, t('myData.none')) : table([
        [t('col.when'), (r) => when(r.event.accessedAt)],
        [t('col.system'), (r) => r.event.accessorSystemId],
        [t('col.org'), (r) => r.accessorOrg ?? '?'],
        [t('col.purpose'), (r) => code(r.event.purpose)],
        [t('col.legalBasis'), (r) => r.event.legalBasis],
        [t('col.tx'), (r) => `#${r.blockNumber} ${short(r.txId, 10)}`],
        [t('col.proof'), (r) => h('span', { class: r.included ? 'badge ok' : 'badge bad' }, r.included ? `✓ ${t('myData.included')}` : `✗ ${t('myData.notIncluded')}`)],
      ], rows, { id: 'my-data', class: 'rows' }));
  } catch (err) {
    clear(out, errorBox(err));
  }
}
