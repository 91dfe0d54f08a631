// Names of people who sign: compared in one Unicode form (NFC), and checked for look-alikes. Two
// names whose UTS #39 skeletons are equal look the same on screen ("Sato" and "Satо" with a
// Cyrillic о); a name mixing scripts that are not used together (Latin with Cyrillic, say) is how
// such a look-alike is usually made. The confusables data is unhomoglyph's (Unicode's confusables.txt).
import unhomoglyph from 'unhomoglyph';

/** The form a name is compared and shown in. */
export const normalName = (s: string): string => s.normalize('NFC').trim();

/** UTS #39 skeleton: NFD, confusables mapped to their prototype, NFD again. */
export const skeleton = (s: string): string => unhomoglyph(s.normalize('NFD')).normalize('NFD');

// Scripts a name may be written in, each with the writing systems it belongs to (UTS #39's
// augmented script sets: Han with kana is Japanese, Han with Hangul Korean, Han with Bopomofo Chinese).
const SCRIPTS: [RegExp, string[]][] = [
  [/\p{Script_Extensions=Han}/u, ['Hani', 'Jpan', 'Kore', 'Hanb']],
  [/\p{Script_Extensions=Hiragana}/u, ['Jpan']],
  [/\p{Script_Extensions=Katakana}/u, ['Jpan']],
  [/\p{Script_Extensions=Hangul}/u, ['Kore']],
  [/\p{Script_Extensions=Bopomofo}/u, ['Hanb']],
  ...['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Cherokee', 'Arabic', 'Hebrew', 'Thai', 'Devanagari'].map(
    (name): [RegExp, string[]] => [new RegExp(`\\p{Script_Extensions=${name}}`, 'u'), [name]],
  ),
];
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The writing systems every letter of the name belongs to; empty when it mixes scripts. */
function resolvedScripts(name: string): Set<string> | null {
  let set = null as Set<string> | null;
  for (const ch of name.normalize('NFD')) {
    if (NEUTRAL.test(ch)) continue;
    const own = new Set(SCRIPTS.flatMap(([re, tags]) => (re.test(ch) ? tags : [])));
    if (own.size === 0) own.add(`other:${ch}`);
    set = set ? new Set([...set].filter((t) => own.has(t))) : own;
  }
  return set;
}

/** True when the name mixes scripts that are not written together (e.g. Latin and Cyrillic). */
export const mixedScript = (name: string): boolean => resolvedScripts(name)?.size === 0;

/** True when two different names look the same. */
export const confusable = (a: string, b: string): boolean =>
  normalName(a) !== normalName(b) && skeleton(normalName(a)) === skeleton(normalName(b));
