/**
 * `Authorization: Token <base64(token)>` (required since 2.2). 2.1.1-era peers send the raw token, so on
 * input both readings are offered, base64 first; we always emit base64.
 */
export function encodeTokenHeader(token: string): string {
  return `Token ${Buffer.from(token, 'utf8').toString('base64')}`;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Candidate credentials tokens carried by an Authorization header, most likely first; [] when absent. */
export function tokenCandidates(header: string | undefined): string[] {
  if (!header) return [];
  const m = /^Token\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return [];
  const raw = m[1];
  const candidates: string[] = [];
  if (BASE64.test(raw) && raw.length % 4 === 0) {
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    if (/^[\x21-\x7e]+$/.test(decoded)) candidates.push(decoded);
  }
  if (!candidates.includes(raw)) candidates.push(raw);
  return candidates;
}
