// Which step the step card shows: the selection while it is part of what is walked now, else the next to do.
import { allSteps, type Step } from '../../../../shared/model';
import type { SessionView } from '../../../../shared/contract';
import { nextStep, walkList } from '../../../../shared/session/walk';
import type { Selection } from '../../store';

export function currentStep(session: SessionView, selected: Selection | null): Step | null {
  const { state, doc } = session;
  const walked = walkList(doc.model, state.lifecycle);
  const id = walked.some((s) => s.id === selected?.id) ? selected!.id : (nextStep(doc.model, state)?.id ?? null);
  return allSteps(doc.model).find((s) => s.id === id) ?? null;
}
