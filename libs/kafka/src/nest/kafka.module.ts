import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createKafka } from '../client';
import { EventPublisher } from '../publisher';

export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export interface KafkaModuleOptions {
  brokers: string[];
  clientId: string;
  namespace?: string;
  logger?: Logger;
}

@Injectable()
class KafkaLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.stop();
  }
}

/** Thin Nest wrapper: provides the kafkajs client and a started EventPublisher, flushed at shutdown. */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        {
          provide: KAFKA_CLIENT,
          useFactory: () =>
            createKafka({ brokers: options.brokers, clientId: options.clientId, logger: options.logger }),
        },
        {
          provide: EventPublisher,
          inject: [KAFKA_CLIENT],
          useFactory: async (kafka: Kafka) => {
            const publisher = new EventPublisher(kafka, {
              namespace: options.namespace,
              logger: options.logger,
            });
            await publisher.start();
            return publisher;
          },
        },
        KafkaLifecycle,
      ],
      exports: [KAFKA_CLIENT, KAFKA_OPTIONS, EventPublisher],
    };
  }
}
