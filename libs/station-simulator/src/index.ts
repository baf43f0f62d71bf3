export * from './clock';
export * from './power-curve';
export * from './protocol/dialect';
export * from './rpc/ocpp-j-socket';
export * from './station';
export * from './fleet';
