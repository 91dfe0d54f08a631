// Which language a runbook is written in decides the UI language by default and the linter's messages.
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/g;

export function detectLanguage(text: string): 'ja' | 'en' {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const ja = sample.match(JAPANESE)?.length ?? 0;
  // A few kana in an English document (a name, a quote) should not flip it.
  return ja >= 20 || (ja > 0 && ja / Math.max(1, sample.length) > 0.02) ? 'ja' : 'en';
}
