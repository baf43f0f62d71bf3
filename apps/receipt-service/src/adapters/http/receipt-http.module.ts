import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HtmlExceptionFilter } from './html-exception.filter';
import { OpsController } from './ops.controller';
import { ReceiptController } from './receipt.controller';
import { RECEIPT_SERVICES, type ReceiptServices } from './receipt-services';

@Module({})
export class ReceiptHttpModule {
  static with(services: ReceiptServices): DynamicModule {
    return {
      module: ReceiptHttpModule,
      controllers: [OpsController, ReceiptController],
      providers: [
        { provide: RECEIPT_SERVICES, useValue: services },
        { provide: APP_FILTER, useClass: HtmlExceptionFilter },
      ],
    };
  }
}
