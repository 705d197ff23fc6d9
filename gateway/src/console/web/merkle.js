// RFC 6962 inclusion checked in the page with WebCrypto: the leaf is SHA-256(0x00 ‖ JCS(event)),
// a node SHA-256(0x01 ‖ left ‖ right); the path is folded up as RFC 9162 §2.1.3.2 says.

/** RFC 8785 canonical JSON for what access events hold: strings, integers, arrays, plain objects. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // Keys sorted by UTF-16 code units, which is what Array.prototype.sort does for strings.
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
const bytesToHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function sha256(...parts) {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

export const leafHash = (event) => sha256(Uint8Array.of(0), new TextEncoder().encode(canonicalJson(event)));

/** True when `event` at `index` of a tree of `size` leaves, with `path`, hashes up to `rootHex`. */
export async function verifyInclusion(event, index, size, path, rootHex) {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let hash = await leafHash(event);
  for (const siblingHex of path) {
    const sibling = hexToBytes(siblingHex);
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      hash = await sha256(Uint8Array.of(1), sibling, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      hash = await sha256(Uint8Array.of(1), hash, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesToHex(hash) === rootHex;
}
