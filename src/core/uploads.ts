// Files larger than a WebSocket frame arrive in chunks: begin (size, SHA-256), chunks in order, end
// (size and digest checked). Memory is bounded: one upload per client, the size declared up front,
// and all uploads together below a ceiling; a client that goes takes its upload with it.
import { createHash, randomBytes } from 'node:crypto';
import { TejunError } from '../shared/errors';
import { MAX_BUNDLE_BYTES, UPLOAD_CHUNK_BYTES } from '../shared/upload';

interface Upload {
  clientId: string;
  size: number;
  sha256: string;
  buf: Buffer;
  received: number;
  done: boolean;
}

const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);

export class Uploads {
  private readonly live = new Map<string, Upload>();

  /** The ceiling over all clients: two bundles at the limit (an approver comparing two). */
  constructor(private readonly ceiling = 2 * MAX_BUNDLE_BYTES) {}

  begin(clientId: string, size: number, sha256: string): string {
    if (size > MAX_BUNDLE_BYTES) {
      const message = `The file is ${mb(size)} MB; tejun checks files up to ${mb(MAX_BUNDLE_BYTES)} MB.`;
      const what = 'Check that this is the evidence bundle of one session.';
      throw new TejunError('INVALID_REQUEST', `${message} ${what}`, { field: 'size' });
    }
    this.drop(clientId);
    if (this.held() + size > this.ceiling) {
      const message = 'Other large files are being checked on this host right now. Try again when they are done.';
      throw new TejunError('INVALID_REQUEST', message, { field: 'size' });
    }
    const id = randomBytes(16).toString('hex');
    this.live.set(id, { clientId, size, sha256, buf: Buffer.alloc(size), received: 0, done: false });
    return id;
  }

  /** Chunks come in order; a gap, an overlap or a byte past the declared size ends the upload. */
  chunk(clientId: string, id: string, offset: number, data: Buffer): number {
    const u = this.own(clientId, id);
    const fail = (why: string): never => {
      this.live.delete(id);
      const message = `The upload was stopped: ${why}. Choose the file again.`;
      throw new TejunError('INVALID_REQUEST', message, { field: 'offset' });
    };
    if (u.done) fail('it was already complete');
    if (offset !== u.received) fail(`a chunk at byte ${offset} came where byte ${u.received} was expected`);
    if (data.length > UPLOAD_CHUNK_BYTES) fail(`a chunk of ${data.length} bytes is over ${UPLOAD_CHUNK_BYTES}`);
    if (u.received + data.length > u.size) fail(`more than the ${u.size} bytes announced arrived`);
    data.copy(u.buf, u.received);
    u.received += data.length;
    return u.received;
  }

  end(clientId: string, id: string): { size: number; sha256: string } {
    const u = this.own(clientId, id);
    const digest = createHash('sha256').update(u.buf.subarray(0, u.received)).digest('hex');
    if (u.received !== u.size || digest !== u.sha256) {
      this.live.delete(id);
      const short = u.received !== u.size;
      const why = short ? `${u.received} of ${u.size} bytes arrived` : 'its SHA-256 does not match the one announced';
      const message = `The upload is incomplete or damaged (${why}). Choose the file again.`;
      throw new TejunError('INVALID_REQUEST', message, { field: 'uploadId' });
    }
    u.done = true;
    return { size: u.size, sha256: u.sha256 };
  }

  /** The bytes of a finished upload; it stays until its client uploads another or goes. */
  bytes(id: string): Buffer {
    const u = this.live.get(id);
    if (!u?.done) {
      const message = 'That file is no longer on the host (the page reloaded or another replaced it). Choose it again.';
      throw new TejunError('NOT_FOUND', message, { field: 'upload' });
    }
    return u.buf;
  }

  drop(clientId: string): void {
    for (const [id, u] of this.live) if (u.clientId === clientId) this.live.delete(id);
  }

  held(): number {
    let n = 0;
    for (const u of this.live.values()) n += u.size;
    return n;
  }

  private own(clientId: string, id: string): Upload {
    const u = this.live.get(id);
    if (!u || u.clientId !== clientId) {
      const message = 'No such upload on this host: it ended or was replaced. Choose the file again.';
      throw new TejunError('NOT_FOUND', message, { field: 'uploadId' });
    }
    return u;
  }
}
