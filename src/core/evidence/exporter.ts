// From a session folder to what leaves the machine: the filled-in Markdown, the HTML, the PDF, the
// bundle. Everything passes the session's redactor (its secret values, the built-in credential
// patterns, the runbook's own `redact:` patterns) before it is written anywhere.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SessionSecrets } from '../session/secrets';
import { sha256 } from '../session/journal';
import { BUNDLE_FORMAT, type Bundle, type Signature } from './bundle';
import { filledHtml } from './html';
import { timelineFigure } from './timeline';
import { dateTime, filledMarkdown, type SignatureLine } from './markdown';
import { readRecord, transcriptFiles, type SessionRecord } from './record';
import { RedactingStream, type Redactor } from './redact';
import { rehearsalReport } from '../rehearsal/report';

export type { ExportFormat } from '../../shared/contract';

export function sessionRedactor(dir: string, rec: SessionRecord): Redactor {
  return new SessionSecrets(dir, rec.doc.model).redactor();
}

const lines = (sigs: Signature[]): SignatureLine[] =>
  sigs.map((s) => ({ name: s.name, role: s.role, signedAt: s.signedAt, fingerprint: s.fingerprint }));

export function exportBaseName(rec: SessionRecord): string {
  return `${rec.state.rehearsal ? 'REHEARSAL-' : ''}${rec.sessionId}`;
}

export function markdownExport(
  dir: string,
  signatures: Signature[] = [],
): { name: string; text: string; rec: SessionRecord } {
  const rec = readRecord(dir);
  return {
    name: `${exportBaseName(rec)}.md`,
    text: filledMarkdown(rec, { redactor: sessionRedactor(dir, rec), signatures: lines(signatures) }),
    rec,
  };
}

export function htmlExport(
  dir: string,
  signatures: Signature[] = [],
): { name: string; text: string; rec: SessionRecord } {
  const md = markdownExport(dir, signatures);
  const { rec } = md;
  const footer = `tejun · ${rec.sessionId} · runbook SHA-256 ${rec.state.runbookSha256} · journal head ${rec.journalHead} · ${dateTime(Date.now())}`;
  return {
    name: `${exportBaseName(rec)}.html`,
    text: filledHtml(md.text, {
      title: rec.state.title,
      lang: rec.doc.model.language,
      rehearsal: rec.state.rehearsal,
      footer,
      timeline: redactedTimeline(dir, rec),
    }),
    rec,
  };
}

/**
 * The timeline figure, through the same redactor as the text (a runbook's own `redact:` patterns may match a title).
 */
function redactedTimeline(dir: string, rec: SessionRecord): { heading: string; svg: string } {
  const t = timelineFigure(rec);
  return { heading: t.heading, svg: sessionRedactor(dir, rec).redact(t.svg) };
}

export function reportExport(dir: string): { name: string; text: string } {
  const rec = readRecord(dir);
  return { name: `${exportBaseName(rec)}.report.md`, text: sessionRedactor(dir, rec).redact(rehearsalReport(dir)) };
}

/** The transcripts of a session, redacted line by line as they are read. */
export function redactedTranscripts(dir: string, redactor: Redactor): { name: string; text: string }[] {
  return transcriptFiles(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => {
      let out = '';
      const stream = new RedactingStream(redactor, (s) => (out += s));
      const text = readFileSync(f, 'utf8');
      for (let i = 0; i < text.length; i += 64 * 1024) stream.write(text.slice(i, i + 64 * 1024));
      stream.end();
      return { name: basename(f), text: out };
    });
}

export function buildBundle(dir: string, opts: { includeTranscripts?: boolean } = {}): Bundle {
  const md = markdownExport(dir);
  const html = htmlExport(dir);
  const rec = md.rec;
  const transcripts = redactedTranscripts(dir, sessionRedactor(dir, rec)).map((t) => ({
    name: t.name,
    sha256: sha256(t.text),
    text: opts.includeTranscripts === false ? null : t.text,
  }));
  return {
    format: BUNDLE_FORMAT,
    sessionId: rec.sessionId,
    title: rec.state.title,
    rehearsal: rec.state.rehearsal,
    outcome: rec.state.outcome,
    createdAt: new Date(rec.state.createdWallAt).toISOString(),
    runbook: {
      name: rec.runbookName,
      sha256: sha256(rec.runbookBytes),
      base64: Buffer.from(rec.runbookBytes).toString('base64'),
    },
    journal: { entries: rec.entries.length, head: rec.journalHead, text: rec.journalText },
    transcripts,
    exports: [
      { format: 'md', name: md.name, sha256: sha256(md.text), text: md.text },
      { format: 'html', name: html.name, sha256: sha256(html.text), text: html.text },
      // A rehearsal carries its report (振り返り) too.
      ...(rec.state.rehearsal
        ? [reportExport(dir)].map((r) => ({
            format: 'md' as const,
            name: r.name,
            sha256: sha256(r.text),
            text: r.text,
          }))
        : []),
    ],
    signatures: [],
  };
}

/** A Chromium to print with: $TEJUN_CHROMIUM, then the usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    env.TEJUN_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** Print self-contained HTML to PDF with a headless Chromium (the desktop app uses Electron's printToPDF). */
export function htmlToPdf(html: string, out: string, chromium = findChromium()): void {
  if (!chromium)
    throw new Error(
      'No Chromium found to print the PDF. Install Chromium (e.g. `apt-get install chromium`) or set TEJUN_CHROMIUM to its path; the HTML export prints from any browser too.',
    );
  const work = mkdtempSync(join(tmpdir(), 'tejun-pdf-'));
  try {
    const src = join(work, 'export.html');
    writeFileSync(src, html);
    const r = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        `--user-data-dir=${join(work, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${out}`,
        `file://${src}`,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0 || !existsSync(out))
      throw new Error(
        `Chromium could not print the PDF (exit ${r.status ?? r.signal}): ${(r.stderr || '').split('\n').filter(Boolean).slice(-3).join(' ')}`,
      );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
