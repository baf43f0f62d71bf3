export * from './infra-env';
export * from './wait-for';
