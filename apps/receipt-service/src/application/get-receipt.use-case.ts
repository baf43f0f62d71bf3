import type { ReceiptState } from '../domain/receipt';
import type { ReceiptRepository } from './ports/receipt-repository.port';

/** Reads the receipt of one reference for a page, the PDF or a live stream. */
export class GetReceiptUseCase {
  constructor(private readonly repository: ReceiptRepository) {}

  async execute(reference: string): Promise<ReceiptState | undefined> {
    return (await this.repository.load(reference))?.state;
  }
}
