// The linter: the seeds' own principles as checks (変化前・変化・変化後, estimates, rollback with
// criteria and a time limit, verified backups, cautions on destructive commands). Messages say what
// to change, in the runbook's language.
import { allSteps, type Command, type Diagnostic, type Phase, type Runbook, type Step } from '../../shared/model';
import { BACKUP_WORDS, DESTRUCTIVE } from './vocabulary';
import { renderCommand } from './variables';
import { blankRuns, describeHiddenChars, findHiddenChars } from '../../shared/hiddenChars';
import { expectedRegexDiagnostics } from './regexLint';

type Lang = 'ja' | 'en';
type Msg = Record<Lang, string>;

export const LINT_RULES: Record<string, { severity: Diagnostic['severity']; summary: string }> = {
  'change-without-check': { severity: 'warning', summary: 'A change step has no before- or after-check in its phase.' },
  'step-no-estimate': { severity: 'warning', summary: 'A step has no estimate (所要時間).' },
  'undeclared-placeholder': { severity: 'warning', summary: 'A command has a placeholder with no declared variable.' },
  'no-rollback': { severity: 'error', summary: 'The procedure has no rollback section.' },
  'rollback-no-criteria': { severity: 'error', summary: 'The rollback has no criteria.' },
  'rollback-no-time-limit': { severity: 'warning', summary: 'The rollback has no time limit (制限時間).' },
  'backup-unverified': { severity: 'warning', summary: 'A backup is not followed by a step that verifies it.' },
  'expected-unanswered': { severity: 'warning', summary: 'An expected value has no blank to record the actual value.' },
  'destructive-no-caution': { severity: 'warning', summary: 'A destructive command sits in a step with no caution.' },
  'command-hidden-characters': { severity: 'error', summary: 'A command holds control or bidi characters.' },
  'command-blank-lines': { severity: 'warning', summary: 'A command has a long run of blank lines.' },
  'expected-regex-refused': { severity: 'error', summary: 'An expected /regex/ cannot run on the linear-time engine.' },
  'redact-pattern-refused': { severity: 'error', summary: 'A redact: pattern cannot run on the linear-time engine.' },
  'block-role-inferred': {
    severity: 'info',
    summary: 'tejun guessed what a code block is for; an info string or a label would say it.',
  },
  'inline-command': {
    severity: 'info',
    summary: 'A command written only as inline code; a code block makes it certain.',
  },
};

function diag(code: keyof typeof LINT_RULES, line: number, lang: Lang, msg: Msg, column = 1): Diagnostic {
  return { line, column, code, severity: LINT_RULES[code]!.severity, message: msg[lang] };
}

function lintPhase(phase: Phase, lang: Lang, out: Diagnostic[], declared: Set<string>): void {
  phase.steps.forEach((step, i) => {
    const before = phase.steps.slice(0, i);
    const after = phase.steps.slice(i + 1);
    if (step.kind === 'change' && !before.some((s) => s.kind === 'before') && !after.some((s) => s.kind === 'after')) {
      out.push(
        diag('change-without-check', step.line, lang, {
          ja: `「${step.title}」は変化ステップですが、このフェーズに【変化前】も【変化後】の確認もありません。変化の前後を確認するステップを追加してください。`,
          en: `"${step.title}" is a change step, but its phase has no [Before] or [After] check. Add a step that checks the state before or after the change.`,
        }),
      );
    }
    if (step.estimateMinutes === null && step.groupEstimateMinutes === null && phase.budgetMinutes === null) {
      out.push(
        diag('step-no-estimate', step.line, lang, {
          ja: `「${step.title}」に所要時間がありません。「**所要時間**: 10分」のように書いてください。`,
          en: `"${step.title}" has no estimate. Add a line such as "**Estimate**: 10 min".`,
        }),
      );
    }
    if (
      isBackup(step) &&
      !after.slice(0, 3).some((s) => s.kind === 'after' || /検証|確認|verify|check/i.test(s.title))
    ) {
      out.push(
        diag('backup-unverified', step.line, lang, {
          ja: `「${step.title}」でバックアップを取っていますが、その後に検証するステップがありません。【変化後】バックアップ検証（サイズ・内容の確認）を追加してください。`,
          en: `"${step.title}" takes a backup, but no step after it verifies the backup. Add an [After] step that checks its size and contents.`,
        }),
      );
    }
    lintStep(step, lang, out, declared);
  });
}

function isBackup(step: Step): boolean {
  return (
    (step.kind === 'change' || step.kind === 'plain') &&
    (BACKUP_WORDS.test(step.title) ||
      step.commands.some((c) => /pg_dump|mysqldump|create-db-snapshot|snapshot create/i.test(c.text))) &&
    !/検証|verify/i.test(step.title)
  );
}

/** What the operator reads on the card must be what runs: no hidden characters, nothing below a fold. */
function lintCommandText(c: Command, lang: Lang, out: Diagnostic[]): void {
  const hidden = findHiddenChars(c.text);
  if (hidden.length) {
    const first = hidden[0]!;
    const line = c.line + first.line - 1;
    out.push(
      diag(
        'command-hidden-characters',
        line,
        lang,
        {
          ja:
            `コマンドに見えない制御文字があります: ${describeHiddenChars(hidden, 'ja', c.line)}。` +
            '表示と違う内容が実行されるおそれがあるため、貼り付け・実行はできません。その文字を削除してください。',
          en:
            `The command holds characters that do not show: ${describeHiddenChars(hidden, 'en', c.line)}. ` +
            'It could run other than it reads, so Paste and Run refuse it. Delete those characters.',
        },
        first.column,
      ),
    );
  }
  for (const run of blankRuns(c.text)) {
    const next = c.line + run.afterLine + run.count;
    out.push(
      diag('command-blank-lines', c.line + run.afterLine, lang, {
        ja: `コマンドに空行が${run.count}行続き、その後にも内容（${next}行目）があります。画面の外に隠れないよう、空行を削除してください。`,
        en:
          `The command has ${run.count} blank lines in a row, and more after them (line ${next}). ` +
          'Delete the blank lines so nothing hides below them.',
      }),
    );
  }
}

function lintStep(step: Step, lang: Lang, out: Diagnostic[], declared: Set<string>): void {
  out.push(...expectedRegexDiagnostics(step, lang));
  for (const c of step.commands) {
    lintCommandText(c, lang, out);
    const missing = renderCommand(c.text, {}).unresolved.filter((n) => !declared.has(n));
    if (missing.length) {
      const names = missing.map((n) => `\`${n}\``).join(', ');
      out.push(
        diag('undeclared-placeholder', c.line, lang, {
          ja: `コマンドのプレースホルダー ${names} に対応する変数が宣言されていません。冒頭の YAML フロントマターの variables: に説明付きで宣言してください。`,
          en: `The command uses ${names} but no variable is declared for ${missing.length > 1 ? 'them' : 'it'}. Declare ${missing.length > 1 ? 'them' : 'it'} under variables: in the YAML front matter, with a description.`,
        }),
      );
    }
    if (step.cautions.length === 0) {
      const m = DESTRUCTIVE.exec(c.text);
      if (m) {
        out.push(
          diag('destructive-no-caution', c.line, lang, {
            ja: `「${step.title}」のコマンドに破壊的な操作（${m[0].trim()}）がありますが、注意書きがありません。「**注意**: …」で影響と確認事項を書いてください。`,
            en: `A command in "${step.title}" is destructive (${m[0].trim()}) but the step has no caution. Add "**Caution**: …" saying what it affects and what to check first.`,
          }),
        );
      }
    }
  }
  const inline = step.expected.filter((e) => !e.block);
  if (inline.length && step.fields.length === 0 && step.tables.length === 0) {
    out.push(
      diag('expected-unanswered', inline[0]!.line, lang, {
        ja: `「${step.title}」に期待値がありますが、実際の値を記入する欄がありません。「**実際の値**: \`______\`」を追加してください。`,
        en: `"${step.title}" has an expected value but no blank for the actual value. Add "**Actual**: \`______\`".`,
      }),
    );
  }
}

export function lintRunbook(model: Runbook): Diagnostic[] {
  const declared = new Set(model.variables.filter((v) => v.declared).map((v) => v.name));
  const lang = model.language;
  const out: Diagnostic[] = [];
  if (model.kind === 'reference') return out;
  for (const p of model.phases) lintPhase(p, lang, out, declared);
  if (model.prerequisites) lintStep(model.prerequisites, lang, out, declared);
  for (const s of model.completion?.steps ?? []) lintStep(s, lang, out, declared);
  if (!model.rollback) {
    out.push(
      diag('no-rollback', 1, lang, {
        ja: '切り戻し手順がありません。「## 切り戻し手順」を追加し、判断基準・制限時間・手順を書いてください。',
        en: 'There is no rollback procedure. Add a "## Rollback procedure" section with its criteria, time limit and steps.',
      }),
    );
  } else {
    if (model.rollback.whole) {
      // The document is the rollback: its criteria and time limit live in the procedure it undoes.
    } else if (model.rollback.criteria.length === 0) {
      out.push(
        diag('rollback-no-criteria', model.rollback.line, lang, {
          ja: '切り戻し手順に判断基準がありません。「### 切り戻し判断基準」に、切り戻す条件を箇条書きで書いてください。',
          en: 'The rollback has no criteria. Add "### Rollback criteria" listing when to roll back.',
        }),
      );
    }
    if (model.rollback.timeLimitMinutes === null && !model.rollback.whole) {
      out.push(
        diag('rollback-no-time-limit', model.rollback.line, lang, {
          ja: '切り戻しの制限時間がありません。「**制限時間**: リリース開始から2時間以内」のように書いてください。',
          en: 'The rollback has no time limit. Add a line such as "**Time limit**: within 2 hours of the release start".',
        }),
      );
    }
    for (const p of model.rollback.phases) for (const s of p.steps) lintStep(s, lang, out, declared);
  }
  out.push(...readingHints(model));
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

const HINT: Record<string, Msg> = {
  command: {
    ja: '`bash`（または `console` と `$ ` プロンプト）を付けてください',
    en: 'add `bash` to the fence (or use `console` with `$ ` prompts)',
  },
  output: {
    ja: '直前の行に「**期待される結果**:」と書くか、フェンスに `output` を付けてください',
    en: 'label it: write "**Expected output**:" on the line before, or add `output` to the fence',
  },
  file: {
    ja: 'ファイルの言語（`yaml`、`ini`、`json` など）を付けてください',
    en: "add the file's language to the fence (`yaml`, `ini`, `json`…)",
  },
  sql: { ja: '`sql` を付けてください', en: 'add `sql` to the fence' },
  message: { ja: '`markdown` を付けてください', en: 'add `markdown` to the fence' },
  other: { ja: '`text` を付けてください', en: 'add `text` to the fence' },
};

/** Where tejun had to guess (a role read from content and words), what to write so it reads it without guessing. */
function readingHints(model: Runbook): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lang = model.language;
  for (const b of model.blocks) {
    if (b.confidence !== 'inferred') continue;
    const hint = HINT[b.role]!;
    out.push(
      diag('block-role-inferred', b.line, lang, {
        ja: `${b.line}行目のコードブロックを「${b.role}」と推測しました（${b.why}）。推測せずに読めるよう、${hint.ja}。`,
        en: `tejun guessed the code block at line ${b.line} is ${b.role === 'output' ? 'output' : `a ${b.role}`} (${b.why}). So it reads it without guessing, ${hint.en}.`,
      }),
    );
  }
  for (const s of allSteps(model))
    for (const c of s.commands.filter((x) => x.inline))
      out.push(
        diag('inline-command', c.line, lang, {
          ja: `\`${c.text}\` は本文中のコードとしてしか書かれていないため、コマンドと推測しました。\`\`\`bash のコードブロックに入れてください。`,
          en: `\`${c.text}\` is written only as inline code, so tejun guessed it is a command. Put it in a \`\`\`bash code block.`,
        }),
      );
  return out;
}

/** SARIF 2.1.0, for code-scanning tools. */
export function toSarif(file: string, diagnostics: Diagnostic[]): object {
  const level = (s: Diagnostic['severity']) => (s === 'info' ? 'note' : s);
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'tejun',
            informationUri: 'https://github.com/tejun',
            rules: Object.entries(LINT_RULES).map(([id, r]) => ({
              id,
              shortDescription: { text: r.summary },
              defaultConfiguration: { level: level(r.severity) },
            })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          level: level(d.severity),
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file },
                region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.column) },
              },
            },
          ],
        })),
      },
    ],
  };
}
