import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES, UPLOAD_CHUNK_BYTES } from '../shared/upload';
import { Uploads } from './uploads';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function send(u: Uploads, client: string, data: Buffer): string {
  const id = u.begin(client, data.length, sha(data));
  for (let off = 0; off < data.length; off += UPLOAD_CHUNK_BYTES)
    u.chunk(client, id, off, data.subarray(off, off + UPLOAD_CHUNK_BYTES));
  u.end(client, id);
  return id;
}

describe('uploads by chunks', () => {
  it('puts a file of several chunks back together, byte for byte', () => {
    const u = new Uploads();
    const data = Buffer.alloc(UPLOAD_CHUNK_BYTES * 2 + 123, 7);
    data[UPLOAD_CHUNK_BYTES] = 9;
    expect(u.bytes(send(u, 'a', data)).equals(data)).toBe(true);
  });
  it('refuses a file over the limit before taking any of it, naming the sizes', () => {
    expect(() => new Uploads().begin('a', MAX_BUNDLE_BYTES + 1, 'f'.repeat(64))).toThrow(
      /200\.0 MB; tejun checks files up to 200\.0 MB/,
    );
  });
  it('ends an upload whose digest, size or order is wrong, and lets no one use it', () => {
    const u = new Uploads();
    const data = Buffer.from('hello');
    const bad = u.begin('a', 5, sha(Buffer.from('HELLO')));
    u.chunk('a', bad, 0, data);
    expect(() => u.end('a', bad)).toThrow(/SHA-256 does not match/);
    expect(() => u.bytes(bad)).toThrow(/no longer on the host/);
    const short = u.begin('a', 5, sha(data));
    u.chunk('a', short, 0, data.subarray(0, 3));
    expect(() => u.end('a', short)).toThrow(/3 of 5 bytes arrived/);
    const gap = u.begin('a', 5, sha(data));
    expect(() => u.chunk('a', gap, 2, data)).toThrow(/at byte 2 came where byte 0 was expected/);
    const over = u.begin('a', 2, sha(data));
    expect(() => u.chunk('a', over, 0, data)).toThrow(/more than the 2 bytes announced/);
  });
  it('holds one upload per client, drops them when the client goes, and keeps others out', () => {
    const u = new Uploads(10);
    const a = send(u, 'a', Buffer.from('12345'));
    const b = u.begin('b', 5, sha(Buffer.from('x')));
    expect(() => u.chunk('a', b, 0, Buffer.from('x'))).toThrow(/No such upload/);
    expect(() => u.begin('c', 1, 'f'.repeat(64))).toThrow(/Other large files are being checked/);
    send(u, 'a', Buffer.from('z'));
    expect(() => u.bytes(a)).toThrow(/no longer on the host/);
    u.drop('b');
    expect(u.held()).toBe(1);
  });
});
