import { createHash } from 'node:crypto';

/**
 * The only style and script any page carries, inline (no external resources), allowed by the Content
 * Security Policy through their SHA-256 hashes. Mobile first: one column, fluid to 320 px, no fixed widths,
 * long tokens wrap; colours meet WCAG AA (text #1b1f24 on #ffffff is 16:1, accent #0a58a8 is 7:1).
 */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b1f24;background:#f3f5f7}
a{color:#0a58a8}
a:focus-visible{outline:3px solid #0a58a8;outline-offset:2px}
.skip{position:absolute;left:-9999px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:1}
.site{background:#0b3d6e;color:#fff;padding:.75rem 1rem}
.site p{margin:0 auto;max-width:40rem;font-weight:700;letter-spacing:.02em}
main{display:block;max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 .5rem}
h2{font-size:1.125rem;margin:0 0 .5rem}
p{margin:0 0 .75rem}
.card{background:#fff;border:1px solid #d5dbe1;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.lead{font-size:1.0625rem}
dl{margin:0}
.figures{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.75rem}
.figures .row{background:#eef3f8;border-radius:.375rem;padding:.5rem .75rem}
.figures dt{font-size:.875rem;color:#3d4752}
.figures dd{margin:0;font-size:1.375rem;font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.facts .row{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 1rem;padding:.375rem 0;border-bottom:1px solid #e4e8ec}
.facts .row:last-child{border-bottom:0}
.facts dt{color:#3d4752}
.facts dd{margin:0;text-align:right;overflow-wrap:anywhere;min-width:0}
.status{display:flex;align-items:center;gap:.5rem;margin:0 0 .75rem;font-weight:600}
.dot{width:.75rem;height:.75rem;border-radius:50%;background:#1d7a36;flex:none}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:700;font-size:1.125rem;padding:0 0 .5rem}
th,td{padding:.4rem .25rem;border-bottom:1px solid #e4e8ec;vertical-align:top}
th{text-align:left;font-weight:600}
.num{text-align:right;white-space:nowrap}
tfoot th,tfoot td{border-bottom:0}
tfoot tr.grand th,tfoot tr.grand td{border-top:2px solid #1b1f24;font-weight:700;font-size:1.0625rem}
.steps{list-style:none;margin:0;padding:0}
.steps li{display:flex;justify-content:space-between;gap:1rem;padding:.5rem 0;border-bottom:1px solid #e4e8ec}
.steps li:last-child{border-bottom:0}
.badge{font-weight:600}
.badge.done{color:#1d6b31}
.badge.pending{color:#7a4a00}
.badge.failed{color:#a3161a}
.eft{list-style:none;margin:0;padding:.75rem;background:#f7f7f2;border-radius:.375rem;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9375rem}
.eft li{white-space:pre-wrap;overflow-wrap:anywhere}
.notice{border-left:4px solid #a3161a;padding:.5rem .75rem;background:#fff5f5}
.button{display:block;text-align:center;background:#0a58a8;color:#fff;text-decoration:none;font-weight:600;padding:.75rem 1rem;border-radius:.5rem}
.button:focus-visible{outline-color:#1b1f24}
.muted{color:#3d4752;font-size:.875rem}
footer{max-width:40rem;margin:0 auto;padding:0 1rem 2rem;color:#3d4752;font-size:.875rem;overflow-wrap:anywhere}
@media (min-width:30rem){h1{font-size:1.75rem}.figures dd{font-size:1.625rem}}
`.trim();

/**
 * Live updates: subscribes to the page's server-sent events, writes each figure into its element (as text,
 * never HTML), and reloads the page when the server says the session moved on (ended, receipt ready).
 */
export const LIVE_SCRIPT = `
(function(){
var root=document.querySelector('[data-events]');
if(!root||!window.EventSource)return;
var status=document.getElementById('live-state');
var es=new EventSource(root.getAttribute('data-events'));
es.addEventListener('figures',function(e){
var d;try{d=JSON.parse(e.data)}catch(_){return}
Object.keys(d).forEach(function(k){var el=root.querySelector('[data-field="'+k+'"]');if(el&&el.textContent!==d[k])el.textContent=d[k]});
if(status)status.textContent=status.getAttribute('data-live');
});
es.addEventListener('completed',function(){es.close();window.location.reload()});
es.onerror=function(){if(status&&es.readyState!==2)status.textContent=status.getAttribute('data-lost')};
})();
`.trim();

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** No external resources at all: everything is same-origin or an inline block with a known hash. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(PAGE_CSS)}`,
  `script-src ${sha256(LIVE_SCRIPT)}`,
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
