// One pty of the unattended drill: a shell inside the rehearsal sandbox that runs one command at a time,
// within a time limit (Ctrl-C past it), and says when the command ended the shell itself.
import { join } from 'node:path';
import type { OpenSession } from '../session/sessions';
import type { FinishedCommand } from '../terminal/commandTracker';
import type { PtyHost } from '../terminal/ptyHost';
import { shellWrap, type Sandbox } from './sandbox';

const OWNER = 'drill';
/** After Ctrl-C, a cut-short command gets this long to give its prompt back before its shell is replaced. */
const INTERRUPT_GRACE_MS = 3000;

export class DrillTerminal {
  private waiters: ((c: FinishedCommand) => void)[] = [];
  private statusWaiters: (() => void)[] = [];
  /** Called when the shell ends (a command ran `exit`): whatever waits on it stops waiting at once. */
  private exitWaiters: (() => void)[] = [];
  exited = false;
  integration = 'pending';
  readonly id: string;

  constructor(
    private readonly ptys: PtyHost,
    session: OpenSession,
    sandbox: Sandbox,
    shell: string,
  ) {
    const wrap = shellWrap(sandbox);
    const created = ptys.create(
      OWNER,
      160,
      40,
      {
        data: (id, d) => ptys.ack(OWNER, id, d.length),
        exit: () => {
          this.exited = true;
          for (const w of this.exitWaiters.splice(0)) w();
        },
        status: (_id, s) => {
          this.integration = s;
          for (const w of this.statusWaiters.splice(0)) w();
        },
        command: (_id, c) => this.waiters.shift()?.(c),
      },
      {
        transcriptDir: join(session.dir, 'terminals'),
        redactor: () => session.secrets.redactor(),
        name: 'drill',
        env: { ...sandbox.env, HOME: sandbox.home, SHELL: shell },
        ...(wrap ? { wrap } : {}),
      },
    );
    this.id = created.id;
    this.integration = created.integration;
  }

  async ready(ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.integration === 'pending' && Date.now() < end)
      await new Promise<void>((r) => (this.statusWaiters.push(r), setTimeout(r, 200)));
  }

  /** Run within `ms`; past it, Ctrl-C. `cut` says it was cut short; null: the shell never came back. */
  run(text: string, ms: number): Promise<{ f: FinishedCommand; cut: boolean } | null> {
    return new Promise((resolve, reject) => {
      let cut = false;
      const waiter = (c: FinishedCommand) => (clearTimeout(timer), clearTimeout(grace), resolve({ f: c, cut }));
      let grace: NodeJS.Timeout | undefined;
      const timer = setTimeout(() => {
        cut = true;
        try {
          this.ptys.write(OWNER, this.id, '\x03');
        } catch {
          // The shell already left (the command ended it): nothing to interrupt; a new shell takes its place.
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(null);
          return;
        }
        grace = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(null);
        }, INTERRUPT_GRACE_MS);
      }, ms);
      this.waiters.push(waiter);
      // The command ended its own shell: no prompt will come back, so nothing waits for the time limit.
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        clearTimeout(grace);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(null);
      });
      try {
        if (this.integration === 'active') this.ptys.paste(OWNER, this.id, text.replace(/\n+$/, ''), true);
        else this.ptys.runMarked(OWNER, this.id, `r${Date.now().toString(36)}`, text);
      } catch (e) {
        // Refused before anything reached the shell: no command will finish, so nothing may wait for one.
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  close(): void {
    try {
      this.ptys.close(OWNER, this.id);
    } catch {
      // Its shell already left.
    }
  }
}
