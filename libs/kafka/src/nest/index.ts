export * from './kafka.module';
export * from './kafka-event.transport';
