export * from './event-recorder';
