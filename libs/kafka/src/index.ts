export * from './client';
export * from './topics';
export * from './publisher';
export * from './consumer';
export * from './errors';
export * from './dedupe-window';
export * from './co-partitioned-assigner';
