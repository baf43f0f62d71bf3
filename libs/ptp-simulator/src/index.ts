export * from './ptp-simulator';
export * from './ptp-server';
export * from './card-session';
