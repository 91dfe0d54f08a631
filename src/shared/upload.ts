// Files bigger than one WebSocket frame (an evidence bundle can be 200 MB) travel as an upload: begin
// with the size and SHA-256, chunks of at most UPLOAD_CHUNK_BYTES, end; then a request names the upload.
/** The largest evidence bundle tejun checks, in the app and with `tejun verify`. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
/** Bytes per chunk: base64 makes 5.6 MB of it, a third of the socket's frame limit. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
/** Base64 characters of one full chunk. */
export const UPLOAD_CHUNK_BASE64 = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;
