import { toOcpiDateTime } from '@tapcharge/ocpi';

export interface PageSource {
  /** Changes whenever the underlying read model changes: every cached page is dropped then. */
  revision(): number;
}

interface CachedPage {
  /** The JSON array `[...]` of the page's objects. */
  data: Buffer;
  headers: Record<string, string>;
  /** The whole envelope for `second` (its `timestamp` has second precision). */
  body: Buffer;
  second: number;
}

const ENVELOPE_HEAD = Buffer.from('{"data":');
const ENVELOPE_MIDDLE = Buffer.from(',"status_code":1000,"timestamp":"');
const ENVELOPE_TAIL = Buffer.from('"}');

/**
 * Serialised list pages of an in-memory read model, keyed by the request's path and query string, kept as
 * ready-to-send bytes until the model changes (hot path: a cached page costs a map lookup; the envelope is
 * rebuilt once per second for its `timestamp`). Bounded: overflowing it starts it afresh.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private seenRevision: number;

  constructor(
    private readonly source: PageSource,
    private readonly maxEntries = 256,
    private readonly clock: () => number = Date.now,
  ) {
    this.seenRevision = source.revision();
  }

  /** The envelope and paging headers for `key`; `build` runs only when the page is not cached. */
  get(
    key: string,
    build: () => { items: readonly string[]; headers: Record<string, string> },
  ): { body: Buffer; headers: Record<string, string> } {
    const revision = this.source.revision();
    if (revision !== this.seenRevision) {
      this.pages.clear();
      this.seenRevision = revision;
    }
    const now = this.clock();
    const second = Math.floor(now / 1000);
    let page = this.pages.get(key);
    if (!page) {
      const built = build();
      if (this.pages.size >= this.maxEntries) this.pages.clear();
      page = {
        data: Buffer.from(`[${built.items.join(',')}]`),
        headers: built.headers,
        body: Buffer.alloc(0),
        second: -1,
      };
      this.pages.set(key, page);
    }
    if (page.second !== second) {
      page.body = Buffer.concat([
        ENVELOPE_HEAD,
        page.data,
        ENVELOPE_MIDDLE,
        Buffer.from(toOcpiDateTime(second * 1000)),
        ENVELOPE_TAIL,
      ]);
      page.second = second;
    }
    return page;
  }
}
