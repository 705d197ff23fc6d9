// The console's shell: sign-in, the language switch, the list of screens (each with the roles
// that may open it), and a hash router (#/screen?param=value) that never carries a citizen ID.
import { clear, errorBox, h } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import { caller, can, signIn, signOut } from './session.js';
import * as timeline from './screen-timeline.js';
import * as programme from './screen-programme.js';
import * as anomalies from './screen-anomalies.js';
import * as proof from './screen-proof.js';
import * as myData from './screen-my-data.js';
import * as health from './screen-health.js';

/** roles: who may open it; [] any signed-in system; null no key needed (the citizen's screen). */
const SCREENS = [
  { id: 'timeline', screen: timeline, roles: ['inspector', 'auditor'] },
  { id: 'programme', screen: programme, roles: ['inspector', 'auditor', 'finance'] },
  { id: 'anomalies', screen: anomalies, roles: ['inspector', 'auditor'] },
  { id: 'proof', screen: proof, roles: ['auditor'] },
  { id: 'myData', screen: myData, roles: null },
  { id: 'health', screen: health, roles: [] },
];

const $ = (id) => document.getElementById(id);

function route() {
  const [name, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { entry: SCREENS.find((s) => s.id === name), params: new URLSearchParams(query) };
}

function mayOpen(entry) {
  return entry.roles === null || (caller() !== null && can(entry.roles));
}

function renderChrome() {
  document.title = t('title');
  $('app-title').textContent = t('title');
  document.querySelector('.skip').textContent = t('skip');
  $('lang').textContent = t('switchTo');
  const current = route().entry?.id;
  clear($('nav'), h('ul', {}, SCREENS.filter(mayOpen).map((s) =>
    h('li', {}, h('a', { href: `#/${s.id}`, 'aria-current': s.id === current ? 'page' : undefined }, t(`nav.${s.id}`))))));
  const me = caller();
  clear($('session'), me
    ? [h('span', {}, t('signin.as', { system: me.systemId, org: me.mspId, roles: me.roles.join(', ') })), ' ',
       h('button', { type: 'button', onclick: () => { signOut(); render(); } }, t('signin.out'))]
    : h('a', { href: '#/', id: 'sign-in-link' }, t('signin.title')));
}

function signInForm(root) {
  const key = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true, size: 48 });
  const problem = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await signIn(key.value.trim());
      key.value = '';
      render();
    } catch (err) {
      clear(problem, errorBox({ code: `${t('signin.failed')} ${err.code ?? ''}`, message: err.message }));
    }
  } },
  h('h2', {}, t('signin.title')),
  h('label', { for: 'api-key' }, t('signin.key')), key, ' ',
  h('button', { type: 'submit' }, t('signin.submit')),
  h('p', { class: 'note' }, t('signin.note')), problem);
  root.append(form);
  key.focus();
}

export function render() {
  renderChrome();
  const root = clear($('screen'));
  const { entry, params } = route();
  if (!entry) {
    if (!caller()) return signInForm(root);
    const first = SCREENS.find(mayOpen);
    location.hash = `#/${first.id}`;
    return;
  }
  root.append(h('h2', {}, t(`nav.${entry.id}`)));
  if (entry.roles !== null && !caller()) {
    root.append(h('p', {}, t('needSignIn')));
    return signInForm(root);
  }
  if (!mayOpen(entry)) {
    root.append(h('p', { class: 'error', role: 'alert', id: 'no-right' }, t('noRight', { roles: entry.roles.join(', ') })));
    return;
  }
  entry.screen.render(root, params);
  // A keyboard user lands on the screen just opened, not back at the top of the page.
  if (!root.contains(document.activeElement)) root.focus();
}

window.addEventListener('hashchange', render);
$('lang').addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  render();
});
setLanguage('zh');
render();
