// The catalog is whole in both languages, and i18next renders it as the operator has always read it.
import { describe, expect, it } from 'vitest';
import { CATALOG, checkWorded, createI18n, RECORD_WORDS, REPORT_WORDS, TIMELINE_WORDS, translate } from './index';

type Tree = { [k: string]: string | Tree };

/** Every leaf as `namespace/key` → its text; nested objects (the record's words) by path. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}/`)) out.set(kk, vv);
  }
  return out;
}

// `{name}` and `{name, format}` both name the value `name`.
const variables = (text: string): string[] => [...text.matchAll(/\{(\w+)(?:,\s*\w+)?\}/g)].map((m) => m[1]!).sort();

describe.each([
  ['the UI catalog', CATALOG.en as unknown as Tree, CATALOG.ja as unknown as Tree],
  ['the evidence documents’ words', RECORD_WORDS.en as unknown as Tree, RECORD_WORDS.ja as unknown as Tree],
  ['the rehearsal report’s words', REPORT_WORDS.en as unknown as Tree, REPORT_WORDS.ja as unknown as Tree],
  ['the timeline’s words', TIMELINE_WORDS.en as unknown as Tree, TIMELINE_WORDS.ja as unknown as Tree],
])('%s', (_name, en, ja) => {
  const enLeaves = leaves(en);
  const jaLeaves = leaves(ja);

  it('has every key in both languages, none empty', () => {
    expect([...jaLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    const empty = [...enLeaves, ...jaLeaves].filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('asks for the same values in both languages', () => {
    const differ = [...enLeaves]
      .filter(([k, v]) => variables(v).join() !== variables(jaLeaves.get(k) ?? '').join())
      .map(([k, v]) => `${k}: en {${variables(v).join()}} ja {${variables(jaLeaves.get(k) ?? '').join()}}`);
    expect(differ).toEqual([]);
  });
});

describe('i18next over the catalog', () => {
  it('finds a key in whichever namespace holds it, without naming the namespace', () => {
    expect(translate('ja', 'picker.title')).toBe('手順書を開く');
    expect(translate('en', 'terminal.exited', { code: 130 })).toBe('The shell exited (code 130).');
  });

  it('keeps a placeholder it was not given, and never reads a value as a placeholder or as HTML', () => {
    expect(translate('en', 'outline.steps')).toBe('{n} steps');
    expect(translate('en', 'outline.steps', { n: '<b>{n}</b>' })).toBe('<b>{n}</b> steps');
  });

  it('words a lifecycle in the reader’s language, keeping the machine’s word in English', () => {
    expect(translate('en', 'reject.complete.abortOnly', { lifecycle: 'signed-off' })).toBe(
      'The session is signed-off; it can only be aborted.',
    );
    expect(translate('ja', 'reject.complete.abortOnly', { lifecycle: 'signed-off' })).toContain('「承認済み」');
  });

  it('falls back to English for a language it does not have', () => {
    const i18n = createI18n('en');
    expect(i18n.t('picker.title', { lng: 'fr' })).toBe('Open a runbook');
  });

  it('takes from the wire only a known key with plain values', () => {
    const ok = { code: 'reject.step.unknown', values: { stepId: 's1' } };
    expect(checkWorded(ok)).toEqual(ok);
    expect(checkWorded({ code: 'picker.title', values: {} })).toBeNull();
    expect(checkWorded({ code: 'toString', values: {} })).toBeNull();
    expect(checkWorded({ code: 'reject.step.unknown', values: { stepId: { toString: 'x' } } })).toBeNull();
    expect(checkWorded('reject.step.unknown')).toBeNull();
  });
});
