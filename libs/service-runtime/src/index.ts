export * from './run-service';
export * from './ops.controller';
export * from './consumer-lag.metric';
export * from './admin-token.guard';
