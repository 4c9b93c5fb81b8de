// Identifiers in MLflow's shapes: run ids are 32 lowercase hex digits (uuid4 without dashes).

export function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  let out = '';
  for (const b of buf) out += b.toString(16).padStart(2, '0');
  return out;
}

export function newRunId(): string {
  return randomHex(16);
}

export function newUuid(): string {
  return crypto.randomUUID();
}

export const RUN_ID_PATTERN = /^[0-9a-f]{32}$/;
