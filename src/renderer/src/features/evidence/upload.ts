// Send a file larger than one WebSocket frame (an evidence bundle) to core by chunks; core checks its
// size and SHA-256 at the end. Returns the id that requests such as evidence:verify name it by.
import type { Api } from '../../../../shared/contract';
import { UPLOAD_CHUNK_BYTES } from '../../../../shared/upload';
import { toBase64 } from '../../actions';

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function uploadBytes(api: Api, bytes: Uint8Array): Promise<string> {
  const { uploadId } = await api.invoke('upload:begin', { size: bytes.length, sha256: await sha256Hex(bytes) });
  // One chunk in flight at a time: the socket never queues more than a chunk, nor does core.
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const base64 = toBase64(bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES));
    await api.invoke('upload:chunk', { uploadId, offset, base64 });
  }
  await api.invoke('upload:end', { uploadId });
  return uploadId;
}

export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
