// The API key lives in this module's memory only: never in the URL, in localStorage or in
// sessionStorage; reloading the page forgets it, and the console asks for it again.
let apiKey = null;
let me = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function signIn(key) {
  const who = await call('GET', '/v1/me', undefined, key);
  apiKey = key;
  me = who;
  return me;
}

export function signOut() {
  apiKey = null;
  me = null;
}

export const caller = () => me;
export const can = (roles) => (roles.length === 0 ? true : Boolean(me) && roles.some((role) => me.roles.includes(role)));

/** A request to this gateway with the session's key (if any); the error shape of the API is kept. */
export function api(method, path, body) {
  return call(method, path, body, apiKey);
}

async function call(method, path, body, key) {
  const headers = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? String(res.status), json?.error?.message ?? res.statusText);
  return json;
}
