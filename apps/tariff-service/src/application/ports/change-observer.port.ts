export type ChangeKind = 'upsert' | 'assign' | 'delete' | 'seed';

/** Hooks for metrics; the application does not know Prometheus. */
export interface ChangeObserver {
  changed(kind: ChangeKind): void;
  publishDeferred(): void;
}
