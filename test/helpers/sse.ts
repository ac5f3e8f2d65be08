import http from 'node:http';

/** One Server-Sent Event as a client parses it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A Server-Sent Events client over a real connection: what it received, and ways to wait for more. */
export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body when the server refused the stream (a non-200 answer). */
  body: string;
  events: SseEvent[];
  comments: string[];
  /** Resolves with the next event (after those already taken) that matches, or rejects after `timeoutMs`. */
  next(predicate?: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves with the next comment line that matches. */
  nextComment(predicate?: (comment: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the server ended the response or the connection closed. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens `GET <url>` as an event stream (with the bearer token and any headers) and resolves once the server answered
 * its head (or refused).
 */
export function openSse(url: string, token: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}`, ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      let taken = 0;
      let commentsTaken = 0;
      let buffer = '';
      const waiters = new Set<() => void>();
      const wake = () => {
        for (const waiter of [...waiters]) waiter();
      };
      let endedResolve!: () => void;
      const ended = new Promise<void>((done) => {
        endedResolve = done;
      });
      let isEnded = false;
      const markEnded = () => {
        if (isEnded) return;
        isEnded = true;
        endedResolve();
        wake();
      };
      const client: SseClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: '',
        events,
        comments,
        next(predicate = () => true, timeoutMs = 10_000) {
          return waitFor(() => {
            while (taken < events.length) {
              const event = events[taken++] as SseEvent;
              if (predicate(event)) return event;
            }
            return undefined;
          }, timeoutMs);
        },
        nextComment(predicate = () => true, timeoutMs = 10_000) {
          return waitFor(() => {
            while (commentsTaken < comments.length) {
              const comment = comments[commentsTaken++] as string;
              if (predicate(comment)) return comment;
            }
            return undefined;
          }, timeoutMs);
        },
        ended,
        close() {
          request.destroy();
          markEnded();
        },
      };
      function waitFor<T>(take: () => T | undefined, timeoutMs: number): Promise<T> {
        return new Promise((done, fail) => {
          const check = () => {
            const found = take();
            if (found !== undefined) {
              finish();
              done(found);
            } else if (isEnded) {
              finish();
              fail(new Error('the stream ended'));
            }
          };
          const timer = setTimeout(() => {
            finish();
            fail(new Error(`nothing matching within ${timeoutMs} ms`));
          }, timeoutMs);
          const finish = () => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (client.status !== 200) {
          client.body += chunk;
          return;
        }
        buffer += chunk;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event: SseEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              event.data += (hasData ? '\n' : '') + line.slice(6);
              hasData = true;
            }
          }
          if (hasData) events.push(event);
          boundary = buffer.indexOf('\n\n');
        }
        wake();
      });
      response.on('end', markEnded);
      response.on('close', markEnded);
      if (client.status !== 200) response.on('end', () => resolve(client));
      else resolve(client);
    });
  });
}
