import { describe, expect, it } from 'vitest';
import { filledHtml } from './html';

describe('the HTML export', () => {
  const html = filledHtml(
    [
      '# Hostile <script>alert(1)</script>',
      '',
      '<img src=x onerror=alert(2)>',
      '',
      '[click](javascript:alert(3))',
      '',
      '![tracker](https://evil.example/p.png)',
      '',
      '```',
      '</pre><script>alert(4)</script>',
      '```',
    ].join('\n'),
    { title: 'T </title><script>', lang: 'en', rehearsal: true, footer: 'f <b>' },
  );

  it('runs nothing and loads nothing: no script, no handler, no javascript: link, no external image', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain('https://evil.example');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('carries the REHEARSAL mark and escapes the title and footer', () => {
    expect(html).toContain('REHEARSAL — NOT A PRODUCTION RELEASE');
    expect(html).toContain('<title>T &lt;/title&gt;&lt;script&gt;</title>');
    expect(html).toContain('<footer>f &lt;b&gt;</footer>');
  });
});
