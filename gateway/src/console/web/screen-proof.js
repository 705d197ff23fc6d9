// Proof badge (auditor): the page fetches a transaction's proof bundle and checks it with the
// verifier's own code loaded into the page (/console/verifier.js, window.welfareVerify), against
// a trust anchor file the auditor chooses. The gateway's word is never taken: no "verified" flag
// comes from the server.
import { clear, errorBox, h } from './dom.js';
import { t } from './i18n.js';
import { api } from './session.js';

export function render(root, params) {
  const tx = h('input', { id: 'proof-tx', size: 66, required: true, spellcheck: 'false', pattern: '[0-9a-f]{64}' });
  tx.value = params.get('tx') ?? '';
  const trust = h('input', { id: 'trust-file', type: 'file', accept: '.json,application/json' });
  const tamper = h('input', { id: 'tamper', type: 'checkbox' });
  const out = h('section', { id: 'proof-result', 'aria-live': 'polite' });
  root.append(h('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    check(out, tx.value.trim(), trust.files[0], tamper.checked);
  } },
  h('p', { class: 'note' }, t('proof.note')),
  h('label', { for: 'proof-tx' }, t('proof.tx')), tx,
  h('label', { for: 'trust-file' }, t('proof.trust')), trust,
  h('label', { class: 'inline' }, tamper, ' ', t('proof.tamper')),
  h('button', { type: 'submit' }, t('proof.verify'))), out);
  loadVerifier();
}

let verifierLoading = null;
/** Loads the in-page verifier once; resolves to the function, or null when there is none. */
function loadVerifier() {
  if (!verifierLoading) {
    verifierLoading = new Promise((resolve) => {
      if (typeof window.welfareVerify === 'function') return resolve(window.welfareVerify);
      const script = document.createElement('script');
      script.src = '/console/verifier.js';
      script.onload = () => resolve(typeof window.welfareVerify === 'function' ? window.welfareVerify : null);
      script.onerror = () => resolve(null);
      document.head.append(script);
    });
  }
  return verifierLoading;
}

async function check(out, txId, trustFile, alterOneByte) {
  clear(out, h('p', {}, t('loading')));
  try {
    const verify = await loadVerifier();
    if (!verify) return clear(out, h('p', { class: 'badge none', id: 'badge' }, t('proof.notLoaded')));
    if (!trustFile) return clear(out, h('p', { class: 'error', role: 'alert' }, t('proof.needTrust')));
    const [bundle, trustJson] = await Promise.all([fetchBundle(txId), trustFile.text()]);
    const altered = alterOneByte ? alterByte(bundle) : { text: bundle };
    const result = await verify(altered.text, trustJson);
    const ok = result.verdict === 'VERIFIED';
    clear(out,
      h('p', { class: `badge ${ok ? 'ok' : 'bad'}`, id: 'badge' }, `${ok ? '✓' : '✗'} ${result.verdict}`),
      altered.at !== undefined ? h('p', { class: 'note' }, `byte ${altered.at}: ${altered.from} → ${altered.to}`) : null,
      h('ol', { class: 'checks', id: 'proof-checks' }, result.checks.map((c) =>
        h('li', { class: c.ok ? 'pass' : 'fail' }, `${c.ok ? '✓' : '✗'} ${c.name}`, c.detail ? h('span', { class: 'detail' }, ` — ${c.detail}`) : null))));
  } catch (err) {
    clear(out, errorBox(err));
  }
}

async function fetchBundle(txId) {
  const bundle = await api('GET', `/v1/proofs/tx/${encodeURIComponent(txId)}`);
  return JSON.stringify(bundle);
}

/**
 * Changes one character of the middle long hex/base64 string (signatures, hashes, block bytes)
 * into another of the same kind, so the bundle still parses and only its content is wrong.
 */
function alterByte(text) {
  const runs = [...text.matchAll(/"([A-Za-z0-9+/]{64,}=*)"/g)];
  const run = runs[Math.floor(runs.length / 2)];
  const at = run.index + 1 + Math.floor(run[1].length / 2);
  const from = text[at];
  const to = /[0-9]/.test(from) ? String((Number(from) + 1) % 10) : from === 'a' ? 'b' : 'a';
  return { text: text.slice(0, at) + to + text.slice(at + 1), at, from, to };
}
