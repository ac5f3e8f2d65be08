import type { ServerResponse } from 'node:http';
import type { StreamEndReason, StreamSink } from '../../core/social/notification-streams.ts';
import { presentNotification } from './present.ts';

/**
 * A live stream's sink over a hijacked response, in Server-Sent Events: each notification an event with its id (what
 * `Last-Event-ID` gives back) and its JSON as data, heartbeats as comment lines, and at the end an `end` event naming
 * why. A client that stopped reading gets nothing more: its connection is cut.
 */
export function serverSentEvents(response: ServerResponse): StreamSink {
  const write = (text: string) => {
    if (!response.writableEnded && !response.destroyed) response.write(text);
  };
  return {
    send(notification, eventId) {
      write(`id: ${eventId}\ndata: ${JSON.stringify(presentNotification(notification))}\n\n`);
    },
    heartbeat() {
      write(': heartbeat\n\n');
    },
    get bufferedBytes() {
      return response.writableLength;
    },
    onDrained(callback) {
      if (response.writableNeedDrain) response.once('drain', callback);
      // Under the socket's own high-water mark no drain is announced: look again in a moment (never in a hot loop).
      else setTimeout(callback, 50).unref();
    },
    end(reason: StreamEndReason) {
      if (reason === 'slow') {
        response.destroy();
        return;
      }
      write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
      if (!response.writableEnded) response.end();
    },
  };
}
