// Core's public surface for scripts (benchmarks, tools) that load the built bundle out/cli/core.mjs.
export { parseRunbook } from './runbook/parse';
export { lintRunbook } from './runbook/lint';
export { renderCommand } from './runbook/variables';
export { describeRunbook, readRunbookFile } from './runbook/load';
export { readJournal, verifyJournalText, JournalWriter } from './session/journal';
export { replay, indexSteps } from './session/machine';
export { buildBundle, markdownExport } from './evidence/exporter';
export { addSignature, serializeBundle, verifyBundle } from './evidence/bundle';
export { RedactingStream, Redactor } from './evidence/redact';
export { runDrill } from './rehearsal/drill';
export { createKey, loadKey } from './evidence/keys';
export { parseTrustFile } from './evidence/trust';
export { describeVerdict, judge } from './evidence/verdict';
