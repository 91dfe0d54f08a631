// Honest comparisons: what the shims could only simulate, or what a filter reshaped after a shim's
// answer, is "not comparable" — never a failed check and never a passed one. A trainer's fault still fails.
import { describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import { parseRunbook } from '../runbook/parse';
import { rehearsalComparison, summarizeShims } from './verdict';

const step = (cmd: string, out: string) => {
  const model = parseRunbook(
    `# T\n\n## Phase 1: A (1 min)\n\n### 1.1 A\n\n\`\`\`bash\n${cmd}\n\`\`\`\n\n\`\`\`\n${out}\n\`\`\`\n`,
  );
  const s = allSteps(model)[0]!;
  return { s, c: s.commands[0]! };
};
const calls = (...xs: [string, string, ...string[]][]) =>
  summarizeShims(xs.map(([result, tool, ...args]) => ({ result, tool, args })));

describe('rehearsalComparison', () => {
  it('a call of a program not on this machine is simulated, even when the output looks right', () => {
    const { s, c } = step('sudo -u chat /opt/chat/bin/chat db version', 'Current version: 131');
    const r = rehearsalComparison(s, c, 'Current version: 131\n', 0, calls(['absent', '/opt/chat/bin/chat', 'db']));
    expect(r.result).toBe('not-comparable');
    expect(r.detail).toBe('simulated (not on this machine): /opt/chat/bin/chat db — not a passed check');
  });

  it("a shim's answer reshaped by jq is not comparable; the same mismatch without a filter still fails", () => {
    const jq = step('curl -s https://x.example/api | jq -r .version', '4.3.2');
    const bad = 'parse error: Invalid numeric literal\n';
    expect(rehearsalComparison(jq.s, jq.c, bad, 5, calls(['expected', 'curl'])).result).toBe('not-comparable');
    const plain = step('curl -s https://x.example/version', '4.3.2');
    expect(rehearsalComparison(plain.s, plain.c, '4.2.0\n', 0, calls(['expected', 'curl'])).result).toBe('mismatch');
  });

  it("a trainer's fault fails the check, absent program or not", () => {
    const { s, c } = step('/opt/chat/bin/chat db version', 'Current version: 131');
    const r = rehearsalComparison(s, c, 'boom\n', 1, calls(['fault', 'chat'], ['absent', '/opt/chat/bin/chat']));
    expect(r.result).toBe('mismatch');
  });
});
