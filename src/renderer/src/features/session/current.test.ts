import { describe, expect, it } from 'vitest';
import { sessionView, steps } from '../../testing/fixtures';
import { currentStep } from './current';

describe('the step the card shows', () => {
  it('is the first step not yet done when nothing is selected', () => {
    const view = sessionView({ steps: steps({ s1: 'done', s2: 'skipped' }) });
    expect(currentStep(view, null)?.title).toBe('Deploy');
  });
  it('is the running step, even when an earlier one is still open', () => {
    const view = sessionView({ activeStepId: 's3', steps: steps({ s3: 'active' }) });
    expect(currentStep(view, null)?.id).toBe('s3');
  });
  it('follows the operator’s selection among the steps being walked', () => {
    const view = sessionView({ activeStepId: 's1', steps: steps({ s1: 'active' }) });
    expect(currentStep(view, { id: 's4', line: 1 })?.title).toBe('Smoke test');
  });
  it('ignores a selection outside what is walked now (a rollback step while releasing, a phase heading)', () => {
    const view = sessionView();
    expect(currentStep(view, { id: 'rb1', line: 1 })?.id).toBe('s1');
    expect(currentStep(view, { id: 'p2', line: 1 })?.id).toBe('s1');
  });
  it('walks the rollback’s own steps once the rollback is declared', () => {
    const view = sessionView({ lifecycle: 'rollback', steps: steps({ s1: 'done' }) });
    expect(currentStep(view, null)?.title).toBe('Restore');
    expect(currentStep(view, { id: 's2', line: 1 })?.id).toBe('rb1');
  });
  it('is none when every step is finished', () => {
    const view = sessionView({ steps: steps({ s1: 'done', s2: 'done', s3: 'done', s4: 'skipped' }) });
    expect(currentStep(view, null)).toBeNull();
  });
});
