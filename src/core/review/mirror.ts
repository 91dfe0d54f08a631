// The terminal as remote people see it: whole lines only, through the session's redactor, so a password
// the operator types or a command prints does not leave this machine (the transcript gets the same rules).
// A line still being typed is held back until its end: watchers see a command once it is entered.
import { RedactingStream } from '../evidence/redact';
import type { OpenSession } from '../session/sessions';

export interface Mirror {
  write(terminalId: string, session: OpenSession, data: string): void;
  forget(terminalId: string): void;
}

/** `send` delivers redacted output of a session's terminal to its remote watchers; false when there are none. */
export function createMirror(send: (session: OpenSession, terminalId: string, data: string) => boolean): Mirror {
  const streams = new Map<string, RedactingStream>();
  return {
    write(id, session, data) {
      let s = streams.get(id);
      if (!s) {
        s = new RedactingStream(
          () => session.secrets.redactor(),
          (text) => void send(session, id, text),
        );
        streams.set(id, s);
      }
      s.write(data);
    },
    forget: (id) => void streams.delete(id),
  };
}
