import { describe, expect, it } from 'vitest';
import type { Timeline } from './layout';
import { escapeXml, fitLabel, timelineSvg } from './svg';

const MIN = 60_000;
const hostile: Timeline = {
  origin: 0,
  end: 60 * MIN,
  rows: [
    {
      id: 'p"1',
      label: '</text><script>alert(1)</script>',
      level: 'phase',
      planned: { start: 0, end: 30 * MIN },
      actual: null,
      band: null,
    },
    {
      id: 's1',
      label: 'a\u0000b\u001b[31m &amp; <img src=x onerror=alert(2)>',
      level: 'step',
      planned: { start: 0, end: 10 * MIN },
      actual: { start: 0, end: 20 * MIN, outcome: 'overran' },
      band: { start: 5 * MIN, end: 15 * MIN },
    },
  ],
  markers: [{ kind: 'decision', at: 12 * MIN, detail: '<b>x</b>' }],
};

describe('the timeline SVG', () => {
  const svg = timelineSvg(hostile, { lang: 'en' });

  it('keeps hostile titles as text: no element, handler or control character gets through', () => {
    expect(svg).not.toMatch(/<script|<img|<b>/);
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    expect([...svg].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(svg).toContain('data-row="p&quot;1"');
    expect(escapeXml('\ud800x\ud83d\ude00')).toBe('x\ud83d\ude00');
  });

  it('draws an overrun bar with its ! and the p50–p90 band, and words the legend in the language asked', () => {
    expect(svg).toContain('class="tl-actual tl-overran"');
    expect(svg).toContain('class="tl-band"');
    expect(svg).toContain('Past runs p50–p90');
    expect(timelineSvg(hostile, { lang: 'ja' })).toContain('過去の実績 p50–p90');
  });

  it('cuts long labels to the label column, counting wide characters double', () => {
    expect(fitLabel('あ'.repeat(100), 120).length).toBeLessThan(12);
    expect(fitLabel('short', 120)).toBe('short');
  });
});
