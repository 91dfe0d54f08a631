// What a refused Run opens: the confirmation (a change step, a destructive command) or the wrong-target
// dialog (the terminal points elsewhere). Every place that runs a step's command goes through here.
import { TejunError, toErrorPayload } from '../../../../shared/errors';
import { useAppStore } from '../../store';

export interface RunRequest {
  stepId: string;
  commandId: string;
  mode: 'run' | 'paste';
  confirmed: boolean;
  terminalId: string;
}

export function onRunRefused(err: unknown, req: RunRequest): void {
  const st = useAppStore.getState();
  const { stepId, commandId, mode } = req;
  if (err instanceof TejunError && err.code === 'CONFIRMATION_REQUIRED')
    st.setConfirm({ stepId, commandId, mode, reason: err.message });
  else if (err instanceof TejunError && err.code === 'TARGET_MISMATCH')
    st.setTargetRefusal({ ...req, message: err.message });
  // Four eyes: not a failure; the waiting card (features/review/ReviewBar) shows the wait and the way on.
  else if (err instanceof TejunError && err.code === 'WAITING_FOR_CHECKER') return;
  else st.pushError(toErrorPayload(err));
}
