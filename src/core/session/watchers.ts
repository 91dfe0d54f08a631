// Which clients watch which session, so each hears the state after every recorded event.
import type { ClientCtx } from '../context';
import type { OpenSession } from './sessions';

export class SessionWatchers {
  private readonly bySession = new Map<string, Map<string, ClientCtx>>();
  private readonly watched = new WeakSet<OpenSession>();

  /** From now on this client hears the session's state; the first watcher starts the session's timers. */
  watch(session: OpenSession, ctx: ClientCtx): OpenSession {
    const set = this.bySession.get(session.id) ?? new Map<string, ClientCtx>();
    this.bySession.set(session.id, set);
    set.set(ctx.clientId, ctx);
    if (!this.watched.has(session)) {
      this.watched.add(session);
      session.onChange((s) => {
        const payload = { sessionId: s.id, state: s.state, lost: s.lost };
        for (const c of this.bySession.get(s.id)?.values() ?? []) c.emit('session:state', payload);
      });
      session.startTimers();
    }
    return session;
  }

  /** The clients watching a session now. */
  clientsOf(sessionId: string): ClientCtx[] {
    return [...(this.bySession.get(sessionId)?.values() ?? [])];
  }

  /** The client went away. */
  drop(clientId: string): void {
    for (const set of this.bySession.values()) set.delete(clientId);
  }
}
