import { CONTENT_SECURITY_POLICY } from '../render/page-assets';

/**
 * Headers on every response: a strict CSP (inline style and script by hash only, nothing external), no
 * sniffing, no framing, no referrer (the URL is the receipt's secret), and HSTS when served over https.
 */
export function securityHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'x-robots-tag': 'noindex, nofollow',
  };
  if (https) headers['strict-transport-security'] = 'max-age=31536000';
  return headers;
}
