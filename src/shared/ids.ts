// The shapes of ids that cross the boundary. A session id names a folder, so it is held to a safe alphabet.
export const SESSION_ID = /^[0-9A-Za-z-]{1,80}$/;

export const isSessionId = (id: string): boolean => SESSION_ID.test(id);
