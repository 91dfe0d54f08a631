// The layering rule is part of the test suite: an import against the direction of the layers must fail lint.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: import.meta.dirname });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.severity === 2 && m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['src/core/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src/core/x.ts', "import { useState } from 'react';\nexport const a = useState;"],
    ['src/core/x.ts', "import { b } from '../main/ipc';\nexport const a = b;"],
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"],
    ['src/shared/x.ts', "import { h } from '../core/host';\nexport const a = h;"],
    ['src/renderer/src/x.ts', "import { spawn } from 'node-pty';\nexport const a = spawn;"],
    ['src/renderer/src/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;"],
    ['src/renderer/src/x.ts', "import { createCoreHost } from '../../core/host';\nexport const a = createCoreHost;"],
    ['src/server/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;"],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"],
  ])('%s may not: %s', async (file, code) => {
    expect(await errorsFor(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'src/core/x.ts',
      "import { z } from 'zod';\nimport { TejunError } from '../shared/errors';\nexport const a = [z, TejunError];",
    ],
    [
      'src/main/x.ts',
      "import { app } from 'electron';\nimport { createCoreHost } from '../core/host';\nexport const a = [app, createCoreHost];",
    ],
    [
      'src/renderer/src/x.ts',
      "import { useState } from 'react';\nimport { requests } from '../../shared/contract';\nexport const a = [useState, requests];",
    ],
  ])('%s may: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
