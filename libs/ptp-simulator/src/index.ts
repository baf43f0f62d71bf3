export * from './ptp-simulator';
export * from './ptp-server';
