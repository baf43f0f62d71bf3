import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import type { CommandResult } from '@tapcharge/ocpi';
import { partyKey } from '../../domain/party';
import { MAX_ATTEMPTS } from '../../domain/push-item';
import type { PushQueue } from '../ports/push-queue.port';

/** The charger's answer -> POST CommandResult to the PTP's response_url (a few retries; OCPI has none). */
export class OnCommandResultReadyUseCase {
  constructor(private readonly queue: PushQueue) {}

  async execute(event: EnvelopeOf<typeof EVENTS.CommandResultReady>): Promise<void> {
    const p = event.payload;
    const result: CommandResult = { result: p.result };
    if (p.message) result.message = [{ language: 'en', text: p.message }];
    await this.queue.enqueue(`cmd:${p.sessionId}:${p.command}`, partyKey(p.ptp), event.eventId, (state) => ({
      items: [
        {
          id: event.eventId,
          kind: 'command-result',
          method: 'POST',
          target: { url: p.responseUrl },
          body: JSON.stringify(result),
          attempts: 0,
          maxAttempts: MAX_ATTEMPTS['command-result'],
          createdAt: new Date().toISOString(),
        },
      ],
      state,
    }));
  }
}
