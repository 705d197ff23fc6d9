/**
 * Each org's material in its own directory: the checks behind it, for any run directory.
 *
 * - Every private key in the run directory lies under the directory of the org whose CA issued its
 *   certificate (`orgs/<org>/`, `orgs/orderer/`); none is in `shared/` or anywhere else.
 * - Every path a running node was started with (command line, environment, and for a gateway the
 *   files its gateway.json names) is in its own org's directory or in `shared/`; chaincode processes
 *   count as their peer's.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Files larger than this are ledgers, logs or databases, not keys or certificates. */
const MAX_PEM_BYTES = 64 * 1024;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() && statSync(full).size <= MAX_PEM_BYTES ? [full] : [];
  });
}

const fingerprint = (key: KeyObject) => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');

/** The fingerprint of a private key's public key; a key Node cannot read (Fabric CA's Idemix revocation key) gets none. */
function publicKeyPrint(pem: string): string | undefined {
  try {
    return fingerprint(createPublicKey(createPrivateKey(pem)));
  } catch {
    return undefined;
  }
}

/** `finance` for a certificate issued by a CA of finance.welfare.local, `orderer` for the orderer org's. */
function issuingOrg(cert: X509Certificate): string | undefined {
  const o = /^O=(.+)$/m.exec(cert.issuer)?.[1];
  return o?.endsWith('.welfare.local') ? o.split('.')[0] : undefined;
}

/** Which org's directory a path is in (`shared` for shared/), or undefined when neither. */
function placeOf(runDir: string, file: string): string | undefined {
  const [top, org] = path.relative(runDir, file).split(path.sep);
  if (top === 'shared') return 'shared';
  return top === 'orgs' ? org : undefined;
}

/** Every private key that is not in its own org's directory, named with where it is and whose it is. */
export function misplacedPrivateKeys(runDir: string): string[] {
  const owners = new Map<string, string>();
  const keys: { file: string; print?: string }[] = [];
  for (const file of filesUnder(runDir)) {
    // PEM in a file of its own, or inside JSON (the chaincode's chaincode.json) with its newlines escaped.
    const text = readFileSync(file, 'latin1').replace(/\\n/g, '\n');
    for (const pem of text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[^-]+-----END [A-Z ]*PRIVATE KEY-----/g) ?? []) {
      keys.push({ file, print: publicKeyPrint(pem) });
    }
    for (const pem of text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []) {
      const cert = new X509Certificate(pem);
      const org = issuingOrg(cert);
      if (org) owners.set(fingerprint(cert.publicKey), org);
    }
  }
  if (keys.length === 0) return ['no private key found at all: the check would prove nothing'];
  return keys.flatMap(({ file, print }) => {
    const owner = print && owners.get(print);
    const place = placeOf(runDir, file);
    const where = path.relative(runDir, file);
    if (place === undefined || place === 'shared') return [`${where}: a private key outside every org's directory`];
    if (owner && owner !== place) return [`${where}: ${owner}'s private key in ${place}'s directory`];
    return [];
  });
}

/** The org a node of pids/<name>.pid belongs to. */
function ownerOfNode(name: string): string {
  if (/^orderer\d+$/.test(name)) return 'orderer';
  const org = /^(?:peer|ca|gateway)-([a-z]+)/.exec(name)?.[1];
  if (!org) throw new Error(`unknown node ${name}`);
  return org;
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
      } catch {
        return []; // the process ended while the list was read
      }
    });
}

function withDescendants(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(withDescendants)];
}

/** A process's command line and environment, one string each. */
function startedWith(pid: number): string[] {
  const read = (what: string) => readFileSync(`/proc/${pid}/${what}`, 'utf8').split('\0').filter(Boolean);
  return [...read('cmdline'), ...read('environ')];
}

/** The paths a gateway.json names (relative ones resolved from its directory). */
function pathsInGatewayConfig(configFile: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string' && key && /^(tlsRootCert|cert|key|secretFile)$/.test(key)) found.push(path.resolve(path.dirname(configFile), value));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? key : k);
  };
  walk(JSON.parse(readFileSync(configFile, 'utf8')));
  return found;
}

/** What a running node was given that lies in the run directory but outside its org's directory and shared/. */
export function foreignPathsOfNodes(runDir: string): { nodes: string[]; processes: number; foreign: string[] } {
  const pidDir = path.join(runDir, 'pids');
  const mention = new RegExp(`${runDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/[^\\s,\\]\\["':]*)?`, 'g');
  const nodes: string[] = [];
  const foreign: string[] = [];
  let processes = 0;
  for (const pidFile of readdirSync(pidDir).filter((f) => f.endsWith('.pid'))) {
    const name = pidFile.replace(/\.pid$/, '');
    const owner = ownerOfNode(name);
    const pid = Number(readFileSync(path.join(pidDir, pidFile), 'utf8'));
    if (!existsSync(`/proc/${pid}`)) continue;
    nodes.push(name);
    const own = [path.join(runDir, 'orgs', owner) + path.sep, path.join(runDir, 'shared') + path.sep];
    for (const proc of withDescendants(pid)) {
      processes++;
      const given = startedWith(proc);
      const config = given[given.indexOf('--config') + 1];
      const mentioned = given.flatMap((s) => s.match(mention) ?? []);
      if (given.includes('--config') && config) mentioned.push(...pathsInGatewayConfig(config));
      for (const p of mentioned) {
        if (p.startsWith(runDir + path.sep) || p === runDir) {
          if (!own.some((prefix) => p.startsWith(prefix))) foreign.push(`${name} (pid ${proc}): ${path.relative(runDir, p) || '.'}`);
        }
      }
    }
  }
  return { nodes, processes, foreign };
}
