import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, resolveAsset } from '../../../electron/web/staticAssets';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../electron/web/securityHeaders';
import { tempDir } from '../../support/tempProject';

const parent = tempDir('amelia-assets-');
const root = join(parent.dir, 'renderer');

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>amelia</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
  // Beside the root, where a path trick would land.
  writeFileSync(join(parent.dir, 'secret.txt'), 'secret');
  writeFileSync(join(parent.dir, 'secret'), 'secret');
  mkdirSync(join(parent.dir, 'renderer-evil'), { recursive: true });
  writeFileSync(join(parent.dir, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => parent.remove());

describe('resolveAsset', () => {
  it('finds files under the root', () => {
    expect(resolveAsset(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAsset(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAsset(root, '/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('answers extension-less routes of the single-page app with index.html', () => {
    expect(resolveAsset(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAsset(root, '/videos')).toBe(join(root, 'index.html'));
    expect(resolveAsset(root, '/videos/abc/annotate')).toBe(join(root, 'index.html'));
  });

  it('gives null for a missing file with an extension and for a folder', () => {
    expect(resolveAsset(root, '/assets/missing.js')).toBeNull();
    expect(resolveAsset(root, '/favicon.ico')).toBeNull();
  });

  it('gives null for a route when there is no index.html', () => {
    expect(resolveAsset(join(parent.dir, 'renderer-evil'), '/videos')).toBeNull();
  });

  it.each([
    '/../secret.txt',
    '/../secret',
    '/..',
    '/../renderer-evil/x.js',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret',
    '/%2e%2e%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/assets%5capp.js',
    '/index.html%00',
    '/index.html%00.js',
    '/%00',
    '/%E0%A4%A',
    '/%',
  ])('refuses %j', (path) => {
    expect(resolveAsset(root, path)).toBeNull();
  });

  it.each([
    ['/etc/passwd'],
    ['//etc/passwd'],
    ['/%2fetc%2fpasswd'],
    [`/${encodeURIComponent(join(parent.dir, 'secret.txt'))}`],
    ['/C:/Windows/win.ini'],
  ])('never resolves the absolute path %j outside the root', (path) => {
    const file = resolveAsset(root, path);
    expect(file === null || file === join(root, 'index.html')).toBe(true);
  });

  it('never returns a file outside the root, whatever the path', () => {
    const tricks = ['..', '%2e%2e', '%2E%2e', '.%2e', '%2e.', '...', '%252e%252e', '%c0%ae%c0%ae'];
    const seps = ['/', '%2f', '%2F', '%5c', '\\', '//'];
    for (const t of tricks) {
      for (const s of seps) {
        for (const tail of ['secret.txt', 'secret', 'renderer-evil/x.js']) {
          const file = resolveAsset(root, `/${t}${s}${t}${s}${tail}`);
          if (file !== null) expect(file.startsWith(root + sep)).toBe(true);
        }
      }
    }
  });
});

describe('contentTypeOf', () => {
  it('names the types the renderer is built of', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/a.wasm')).toBe('application/wasm');
    expect(contentTypeOf('/x/a.svg')).toBe('image/svg+xml');
  });

  it('falls back to a type no browser runs', () => {
    expect(contentTypeOf('/x/a.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('/x/noext')).toBe('application/octet-stream');
  });
});

describe('security headers', () => {
  it('allow scripts only from the app itself, and no framing, plugins or eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });

  it('keep media to this origin and stop sniffing', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Cross-Origin-Resource-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });
});
