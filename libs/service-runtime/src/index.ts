export * from './run-service';
export * from './ops.controller';
export * from './consumer-lag.metric';
