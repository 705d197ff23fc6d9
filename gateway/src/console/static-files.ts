/**
 * The console's files (gateway/src/console/web: HTML, CSS, plain JavaScript), served by the
 * gateway itself: no CDN, no build step. The list of files is read once at start, so a path can
 * only name one of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// From src/console (ts-jest) and dist/console (compiled) alike: the files stay in src.
export const WEB_DIR = path.join(__dirname, '..', '..', 'src', 'console', 'web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface WebFile {
  type: string;
  body: Buffer;
}

/** The verifier for the page, bundled from gateway/src/verify by `npm run build` (scripts/build-browser-verifier.js). */
export const VERIFIER_FILE = path.join(__dirname, '..', '..', 'dist', 'console', 'verifier.js');

export function loadWebFiles(dir = WEB_DIR, verifierFile = VERIFIER_FILE): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(name, { type, body: readFileSync(path.join(dir, name)) });
  }
  // Without a build there is no verifier, and the proof screen says so rather than claim anything.
  if (existsSync(verifierFile)) files.set('verifier.js', { type: TYPES['.js'], body: readFileSync(verifierFile) });
  return files;
}
