import { describe, expect, it } from 'vitest';
import {
  closeQuestion,
  isSafeExternalUrl,
  isTrustedSender,
  rehearsalFromArgv,
  runbookFromArgv,
  WEB_PREFERENCES,
} from './policy';

describe('desktop security policy', () => {
  it('sets the isolation flags explicitly', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
  it('opens only plain web links outside the app', () => {
    expect(isSafeExternalUrl('https://status.example.com/incident')).toBe(true);
    expect(isSafeExternalUrl('http://intranet/wiki')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'https://user:pw@host/',
      'not a url',
      '',
    ]) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });
  it('answers IPC only for the app page in its main frame', () => {
    const app = 'file:///opt/tejun/resources/app.asar/out/renderer/index.html';
    expect(isTrustedSender({ url: app, isMainFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: app, isMainFrame: false }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/x', isMainFrame: true }, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, 'http://localhost:5173/')).toBe(false);
  });
  it('asks before closing a window with a release under way, keeping work the default', () => {
    const q = closeQuestion(['Payments release']);
    expect(q.message).toContain('Payments release');
    expect(q.buttons[q.defaultId]).toBe('Keep working');
    expect(q.cancelId).toBe(q.defaultId);
  });
  it('reads the runbook from the command line', () => {
    expect(runbookFromArgv(['electron', 'out/main/index.js', '--runbook', 'r.md'])).toBe('r.md');
    expect(runbookFromArgv(['tejun', '/home/op/release.md'])).toBe('/home/op/release.md');
    expect(runbookFromArgv(['tejun', '--inspect'])).toBeUndefined();
  });
});

describe('rehearsalFromArgv', () => {
  it('reads --rehearse with its speed and plan, and ignores an unknown speed', () => {
    expect(rehearsalFromArgv(['tejun', 'r.md'])).toBeUndefined();
    expect(rehearsalFromArgv(['tejun', 'r.md', '--rehearse', '--speed', '60', '--plan', 'drill.yaml'])).toEqual({
      speed: 60,
      plan: 'drill.yaml',
    });
    expect(rehearsalFromArgv(['tejun', '--rehearse', '--speed', '7'])).toEqual({ speed: 1 });
    expect(runbookFromArgv(['tejun', '--plan', 'p.txt', 'release.md'])).toBe('release.md');
  });
});
