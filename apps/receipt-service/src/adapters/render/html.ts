const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** A `<dl>` row; both parts are escaped. */
export function dlRow(term: string, detail: string, field?: string): string {
  const attr = field ? ` data-field="${esc(field)}"` : '';
  return `<div class="row"><dt>${esc(term)}</dt><dd${attr}>${esc(detail)}</dd></div>`;
}
