// Rehearsal: badge, speed, trainer faults.
export const rehearsal = {
  'rehearsal.start': 'Rehearse offline',
  'rehearsal.speed': 'Clock',
  'rehearsal.badge': 'REHEARSAL',
  'rehearsal.badgeHint': 'Offline rehearsal: production tools are shims, nothing reaches production.',
  'rehearsal.bypass.absolute-path':
    'Calls {what} by its absolute path: past the rehearsal shims, it would reach the real tool.',
  'rehearsal.bypass.remote':
    'Opens a connection with {what}: a rehearsal only simulates it; on the night it reaches another machine.',
  'rehearsal.bypass.sets-path': 'Sets PATH itself ({what}): the real tools could come before the rehearsal shims.',
  'rehearsal.bypass.env-i': 'Runs "{what}", which drops the rehearsal environment.',
  'rehearsal.bypass.raw-socket': 'Opens a connection itself ({what}): no shim stands in front of it.',
  'rehearsal.bypass.indirect': 'Calls a program indirectly ({what}): the real tool could run instead of its shim.',
  'rehearsal.bypass.interpreter': 'Runs {what} code, which can open connections and files by itself.',
  'rehearsal.bypass.writes-outside': 'Writes a file outside the rehearsal folder ({what}).',
  'rehearsal.isolation.sandboxed': 'isolated: {how}',
  'rehearsal.badgeHintShimsOnly':
    'Offline rehearsal with the shims only: no OS sandbox here, so a command that gets past the shims can reach the network. Flagged commands ask first.',
  'rehearsal.isolation.shimsOnly': 'isolation: shims only — commands can reach the network',
  'rehearsal.isolation.blocked': '{n} blocked',
  'trainer.title': 'Trainer: inject a fault',
  'trainer.step': 'Step',
  'trainer.symptom': 'Symptom',
  'trainer.exitCode': 'Exit code',
  'trainer.inject': 'Make it fail',
  'trainer.remove': 'Take back',
} as const;
