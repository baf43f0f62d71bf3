import { toOcpiDateTime, type Terminal, type TerminalPatch } from '@tapcharge/ocpi';
import { randomUUID } from 'node:crypto';
import { partyKey, type Party } from '../../domain/party';
import { MAX_ATTEMPTS, type PushItem } from '../../domain/push-item';
import type { PushQueue } from '../ports/push-queue.port';

const item = (method: 'PUT' | 'PATCH', terminalId: string, body: unknown): PushItem => ({
  id: randomUUID(),
  kind: 'terminal',
  method,
  target: { module: 'payments-terminals', path: encodeURIComponent(terminalId) },
  body: JSON.stringify(body),
  attempts: 0,
  maxAttempts: MAX_ATTEMPTS.terminal,
  createdAt: toOcpiDateTime(new Date()),
});

/** One queue per PTP terminal: its PUTs, PATCHes and deactivation go out in order. */
export const terminalQueueKey = (ptp: Party, terminalId: string) => `terminal:${partyKey(ptp)}:${terminalId}`;

/** Queues PUT (full Terminal: invoice settings) and/or PATCH (location/EVSE assignment) to the PTP. */
export async function queueTerminalPushes(
  queue: PushQueue,
  ptp: Party,
  causeId: string,
  pushes: { put?: Terminal; patch?: TerminalPatch },
): Promise<void> {
  const items: PushItem[] = [];
  const terminalId = pushes.put?.terminal_id;
  if (pushes.put) items.push(item('PUT', pushes.put.terminal_id, pushes.put));
  if (pushes.patch && terminalId) items.push(item('PATCH', terminalId, pushes.patch));
  if (items.length === 0 || !terminalId) return;
  await queue.enqueue(terminalQueueKey(ptp, terminalId), partyKey(ptp), causeId, (state) => ({
    items,
    state,
  }));
}
