import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadWebFiles, WEB_DIR } from './static-files';

// A bundle built from gateway/src/verify elsewhere: its text (licence headers, library code) is not the console's own.
const IN_PAGE_VERIFIER = 'verifier.js';

describe('the console files', () => {
  const files = loadWebFiles();

  it('every script, stylesheet and module the page names is served, and nothing comes from elsewhere', () => {
    const named = new Set<string>();
    for (const [name, file] of files) {
      if (name === IN_PAGE_VERIFIER) continue;
      const text = file.body.toString('utf8');
      for (const match of text.matchAll(/(?:src|href)="\/console\/([^"]+)"|from '\.\/([^']+)'/g)) named.add(match[1] ?? match[2]);
      expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/); // no CDN, no font service
      expect(name).toMatch(/^[a-z0-9-]+\.(html|css|js)$/);
    }
    for (const name of named) expect(files.has(name)).toBe(true);
    expect(named.has('console.js')).toBe(true);
  });

  it('the page keeps the API key in memory: no storage API is used anywhere', () => {
    for (const [name, file] of files) if (name !== IN_PAGE_VERIFIER) expect(file.body.toString('utf8')).not.toMatch(/localStorage\.|sessionStorage\.|document\.cookie/);
  });

  it('index.html is Chinese by default', () => {
    expect(readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8')).toContain('<html lang="zh-CN">');
  });
});
