export * from './run-service';
export * from './ops.controller';
