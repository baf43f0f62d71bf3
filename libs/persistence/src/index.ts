export * from './connection';
export * from './aggregate-store';
export * from './outbox-relay';
export * from './apply-once';
export * from './keyed-mutex';
