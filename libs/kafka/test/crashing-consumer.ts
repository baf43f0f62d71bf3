// Child process for the redelivery test: consumes a group, records each handled event id in a file, and
// kills itself (SIGKILL, no graceful anything) right after handling the Nth event, before any commit.
import { appendFileSync } from 'node:fs';
import { MeterValuesReceivedV1 } from '@tapcharge/contracts';
import { createKafka, EventConsumer } from '../src';

const [brokers, namespace, groupId, effectsFile, crashAfter] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
let handled = 0;
const consumer = new EventConsumer(createKafka({ brokers: brokers.split(','), clientId: 'crasher' }), {
  groupId,
  namespace,
  events: [MeterValuesReceivedV1],
  handle: async ({ event }) => {
    appendFileSync(effectsFile, `${event.eventId}\n`);
    handled += 1;
    if (handled >= Number(crashAfter)) process.kill(process.pid, 'SIGKILL');
  },
});
consumer.start().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
