// The embedded terminal and its shell integration.
export const terminal = {
  'terminal.title': 'Terminal',
  'terminal.exited': 'The shell exited (code {code}).',
  'terminal.restart': 'Start a new shell',
  'terminal.starting': 'Starting shell…',
  'terminal.find': 'Find in terminal',
  'terminal.close': 'Close terminal',
  'terminal.new': 'New terminal',
  'terminal.tab': 'Shell {n}',
  'integration.pending': 'shell integration: waiting for the first prompt',
  'integration.active': 'shell integration: active — commands, output and exit codes are recorded',
  'integration.unrecorded': 'shell integration: active — but NOTHING is recorded: the journal cannot be written',
  'integration.nested': 'inside ssh/tmux: step commands run with tejun’s markers',
  'integration.unavailable': 'no shell integration for this shell: step commands run with tejun’s markers',
} as const;
