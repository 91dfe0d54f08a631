import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../shared/timeline/layout';
import { htmlExport, reportExport } from './exporter';
import { readRecord } from './record';
import { recordTimeline } from './timeline';
import { timelineLayout } from '../../shared/timeline/layout';
import { timelineSvg } from '../../shared/timeline/svg';
import { driveNight } from './testNight';

const SEED000 = join(__dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt');
const MIN = 60_000;

describe('the timeline of a recorded night (seed 000: a skip, an overrun, a failed deploy, rollback)', () => {
  let t: Timeline;
  let html: string;
  let report: string;
  let rec: ReturnType<typeof readRecord>;
  beforeAll(async () => {
    const minutes = (title: string, estimate: number | null) =>
      title.includes('バックアップ取得') ? 25 : (estimate ?? 2);
    const { session } = await driveNight(readFileSync(SEED000), 'seed000.md', {
      fail: 'デプロイ実行',
      skip: ['メンテナンス告知'],
      minutes: (s) => minutes(s.title, s.estimateMinutes),
    });
    rec = readRecord(session.dir);
    t = recordTimeline(rec);
    html = htmlExport(session.dir).text;
    report = reportExport(session.dir).text;
    if (process.env.TL_OUT) writeFileSync(process.env.TL_OUT, html);
  });
  const row = (fragment: string) => t.rows.find((r) => r.label.includes(fragment))!;

  it('lays the plan end to end from Go and draws each walked phase as it happened', () => {
    const phases = t.rows.filter((r) => r.level === 'phase' && r.label.startsWith('フェーズ'));
    for (const p of phases) expect(p.planned, p.label).not.toBeNull();
    const steps = t.rows.filter((r) => r.level === 'step' && r.planned);
    expect(steps[0]!.planned!.start).toBe(t.origin);
    for (let i = 1; i < steps.length && !steps[i]!.label.includes('切り戻し'); i++)
      expect(steps[i]!.planned!.start).toBeGreaterThanOrEqual(steps[i - 1]!.planned!.end);
    for (const p of phases.slice(0, 3)) expect(p.actual, p.label).not.toBeNull();
  });

  it('colours each step by what happened: done, skipped, overran, failed', () => {
    expect(row('アプリケーションバージョン確認').actual?.outcome).toBe('done');
    expect(row('メンテナンス告知').actual?.outcome).toBe('skipped');
    const backup = row('バックアップ取得');
    expect(backup.actual?.outcome).toBe('overran');
    expect(backup.actual!.end - backup.actual!.start).toBe(25 * MIN);
    expect(row('デプロイ実行').actual?.outcome).toBe('failed');
    expect(row('デプロイ').actual?.outcome).toBe('failed');
  });

  it('marks Go, the rollback decision, the rollback deadline and the 15-minute reports', () => {
    const kinds = t.markers.map((m) => m.kind);
    expect(kinds).toContain('go');
    expect(t.markers.find((m) => m.kind === 'decision')?.detail).toBe('rollback');
    expect(t.markers.find((m) => m.kind === 'deadline')!.at).toBe(t.origin + 120 * MIN);
    const reports = t.markers.filter((m) => m.kind === 'progress-report');
    expect(reports.length).toBeGreaterThan(3);
    expect(reports[1]!.at - reports[0]!.at).toBe(15 * MIN);
  });

  it('goes into the HTML export as inline SVG, script-free, with the failed row and the decision marker', () => {
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(svg).toContain('data-outcome="failed"');
    expect(svg).toContain('data-marker="decision"');
    expect(svg).toContain('判断: 切り戻し');
    expect(svg).not.toMatch(/<script|href=|on\w+=|url\(/i);
    expect(html.indexOf('<svg')).toBeGreaterThan(html.indexOf('</h1>'));
  });

  it('is drawn in the rehearsal report too, the same rows as in the HTML', () => {
    const rows = (svg: string) =>
      [...svg.matchAll(/data-row="([^"]+)" data-outcome="([^"]+)"/g)].map((m) => m.slice(1).join(':'));
    expect(report).toContain('## 計画と実績のタイムライン');
    expect(rows(report)).toEqual(rows(html));
    expect(rows(report).length).toBe(t.rows.length);
  });

  it('draws a point of no return when one is given (the timers will know it), and none otherwise', () => {
    const ponr = t.origin + 50 * MIN;
    const input = { model: rec.doc.model, state: rec.state, now: rec.state.completedAt! };
    const withIt = timelineLayout({ ...input, pointOfNoReturn: ponr });
    expect(withIt.markers.find((m) => m.kind === 'point-of-no-return')?.at).toBe(ponr);
    expect(timelineSvg(withIt, { lang: 'en' })).toContain('Point of no return');
    expect(timelineLayout(input).markers.some((m) => m.kind === 'point-of-no-return')).toBe(false);
  });
});
