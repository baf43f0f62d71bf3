export * from './sample-payloads';
