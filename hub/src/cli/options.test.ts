import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from 'commander';
import { describe, expect, test } from 'vitest';
import { parseCouchdbArg, parseOnlineWindow, parseOrigin, parsePort } from './options.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('heng-hub start options', () => {
  test('reads --online-window as whole seconds and returns ms', () => {
    expect(parseOnlineWindow('90')).toBe(90_000);
    expect(parseOnlineWindow('5')).toBe(5_000);
    expect(parseOnlineWindow('86400')).toBe(86_400_000);
  });

  test.each(['', ' ', '4', '0', '-90', '1.5', '86401', 'ninety', '1e9'])(
    'refuses --online-window "%s" with the accepted range',
    (value) => {
      expect(() => parseOnlineWindow(value)).toThrow(InvalidArgumentError);
      expect(() => parseOnlineWindow(value)).toThrow(/whole seconds from 5 to 86400/);
    },
  );

  test.each([
    'http://admin:secret@127.0.0.1:5984',
    'https://u:p@couch.city.example',
    'http://:only-password@127.0.0.1:5984',
  ])('refuses a password in --couchdb %s, pointing to COUCHDB_URL', (value) => {
    expect(() => parseCouchdbArg(value)).toThrow(/process list; set COUCHDB_URL/);
  });

  test('takes --couchdb without a password, and refuses what is not a URL', () => {
    expect(parseCouchdbArg('http://127.0.0.1:5984')).toBe('http://127.0.0.1:5984');
    expect(parseCouchdbArg('http://reader@127.0.0.1:5984')).toBe('http://reader@127.0.0.1:5984');
    expect(() => parseCouchdbArg('couch')).toThrow(/must be a URL/);
  });

  test('collects --origin values as origins', () => {
    expect(parseOrigin('https://hub.city.example')).toEqual(['https://hub.city.example']);
    expect(parseOrigin('http://10.0.0.5:8443/', ['https://a.example'])).toEqual([
      'https://a.example',
      'http://10.0.0.5:8443',
    ]);
  });

  test.each(['hub.city.example', 'https://hub.city.example/shell', 'ftp://x.example', '*'])(
    'refuses --origin "%s", which is not an origin',
    (value) => {
      expect(() => parseOrigin(value)).toThrow(InvalidArgumentError);
    },
  );

  test.each(['', '-1', '65536', '80.5', 'http'])('refuses --port "%s"', (value) => {
    expect(() => parsePort(value)).toThrow(/whole number 0..65535/);
  });

  test('heng-hub start exits with one line naming a bad --online-window, before starting', () => {
    const run = spawnSync(process.execPath, [MAIN, 'start', '--online-window', '2'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("option '--online-window <seconds>' argument '2' is invalid");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toBe('');
  });
});
