// Shell prompts copied into a runbook's command (`$ tag=$(< VERSION)`): run as written they fail
// (exit 127). Stripped at run time, only where the parsed command still carries them.

const DOLLAR = /^(\s*)\$ (?=\S)/;
const HASH = /^(\s*)# (?=\S)/;

/**
 * `$ ` prompts are removed from every line that starts one (not from a continuation line). `# `
 * is a comment in a shell, so it is taken for a root prompt only when every line of the command
 * starts with a prompt and at least one of them is `$ `.
 */
export function stripPrompts(text: string): string {
  const lines = text.split('\n');
  if (!lines.some((l) => DOLLAR.test(l))) return text;
  const allPrompted = lines.every((l) => !l.trim() || DOLLAR.test(l) || HASH.test(l));
  let continued = false;
  return lines
    .map((l) => {
      const out = continued ? l : l.replace(DOLLAR, '$1').replace(allPrompted ? HASH : /$^/, '$1');
      continued = /\\$/.test(l);
      return out;
    })
    .join('\n');
}
