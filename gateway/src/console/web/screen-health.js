// Ledger health (any signed-in system): the three orgs' peers side by side, this gateway's index
// lag and the latest blocks. Different tip hashes at one height show red.
import { clear, errorBox, h, short, table } from './dom.js';
import { t } from './i18n.js';
import { api } from './session.js';

export function render(root) {
  const out = h('section', { id: 'health-result', 'aria-live': 'polite' });
  root.append(h('p', {}, h('button', { type: 'button', id: 'refresh', onclick: () => show(out) }, t('health.refresh'))), out);
  show(out);
}

async function show(out) {
  try {
    const overview = await api('GET', '/v1/ledger/overview');
    const top = Math.max(...overview.peers.filter((p) => p.reachable).map((p) => p.height));
    clear(out,
      h('p', { id: 'divergence', class: overview.diverged ? 'badge bad' : 'badge ok', role: overview.diverged ? 'alert' : undefined },
        overview.diverged ? `✗ ${t('health.diverged')}` : `✓ ${t('health.consistent')}`),
      table([
        [t('col.peer'), (p) => p.org],
        [t('col.height'), (p) => (p.reachable ? [String(p.height), p.height < top ? h('span', { class: 'warn' }, ` (${t('health.behind')} ${top - p.height})`) : ''] : h('span', { class: 'warn' }, t('health.unreachable')))],
        [t('col.tip'), (p) => h('code', { class: tipClass(p, overview) }, p.currentBlockHash ? short(p.currentBlockHash, 24) : '—')],
      ], overview.peers, { id: 'peers', class: 'rows' }),
      h('p', { id: 'index-lag' }, t('health.lag', { lag: overview.index.lag ?? '?', block: overview.index.lastBlock })),
      h('h3', {}, t('health.latest')),
      table([
        [t('col.block'), (b) => `#${b.blockNumber}`],
        [t('col.txs'), (b) => String(b.transactions)],
        [t('col.tx'), (b) => b.txIds.slice(0, 3).map((tx) => [h('a', { href: `#/proof?tx=${tx}` }, h('code', {}, short(tx, 12))), ' '])],
      ], overview.latestBlocks, { id: 'latest-blocks', class: 'rows' }));
  } catch (err) {
    clear(out, errorBox(err));
  }
}

/** A tip is red when another reachable peer at the same height reports a different hash. */
function tipClass(peer, overview) {
  const clash = overview.peers.some((o) => o.reachable && peer.reachable && o.height === peer.height && o.currentBlockHash !== peer.currentBlockHash);
  return clash ? 'tip diverged' : 'tip';
}
