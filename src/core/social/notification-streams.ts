import type { EventBus, PersonaEvent } from '../../events/bus.ts';
import { CoreError, invalidInput } from '../errors.ts';
import type { RunnerLog } from '../jobs/job-runner.ts';
import { type Principal, requireUser, type UserPrincipal } from '../principal.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { Notification } from './social.types.ts';

/**
 * Where a stream's notifications go: the face writes them to the client. The hub sends only while `bufferedBytes` is
 * under the stream's bound, so what it holds for a client is bounded; the rest waits in the database.
 */
export interface StreamSink {
  /** Sends one notification under its event id (`<seq>-<id>`, what `Last-Event-ID` gives back). */
  send(notification: Notification, eventId: string): void;
  /** A sign of life that keeps proxies from closing an idle stream. */
  heartbeat(): void;
  /** The bytes written and not yet taken by the client. */
  readonly bufferedBytes: number;
  /** Calls back once, when the client has taken what was buffered. */
  onDrained(callback: () => void): void;
  /** Ends the stream (`slow`: the client stopped reading, nothing more is written to it). */
  end(reason: StreamEndReason): void;
}

export type StreamEndReason = 'revoked' | 'expired' | 'slow' | 'shutdown' | 'replaced';

export interface StreamOptions {
  /** Streams this instance holds at most; past it a new one is refused (another instance may take it). */
  maxStreams: number;
  /** Streams one user holds at most on this instance; a new one ends the oldest. */
  maxStreamsPerUser: number;
  heartbeatMs: number;
  /** Bytes a client may leave unread before the stream waits for it. */
  bufferBytes: number;
  /** How long a stream may wait for a client that does not read before it is ended. */
  stallMs: number;
}

/** A stream as its face holds it: started once its response's head is written, closed when the client leaves. */
export interface StreamHandle {
  start(): void;
  close(): void;
}

interface Position {
  seq: number;
  id: string;
}

interface Stream {
  appId: string;
  userId: string;
  tokenId: string;
  containerId: string;
  expiresAt: number;
  openedAt: number;
  position: Position;
  sink: StreamSink;
  /** Since when it waits for its client to read (undefined: it does not). */
  waitingSince: number | undefined;
  started: boolean;
  closed: boolean;
}

/** Users whose notifications a catch-up reads at once, and the rows it reads at most. */
const usersPerRead = 500;
const rowsPerRead = 2000;
/** Past every UUID: a position at clock value `s` with this id has delivered everything of `s`. */
const endOfSeq = '~';
const retryMs = 1000;

/** The event id of a notification in a stream: its clock value and id, in the order streams deliver them. */
export function eventIdOf(notification: Pick<Notification, 'seq' | 'id'>): string {
  return `${notification.seq}-${notification.id}`;
}

/** The position an event id names, or `invalid_input` on `Last-Event-ID`. */
export function parseEventId(eventId: string): Position {
  const match = /^(\d{1,15})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(eventId);
  if (!match) throw invalidInput('Last-Event-ID', 'is not an event id this stream sent');
  return { seq: Number(match[1]), id: match[2] as string };
}

function isBefore(a: Position, b: Position): boolean {
  return a.seq < b.seq || (a.seq === b.seq && a.id < b.id);
}

function isAfter(notification: Notification, position: Position): boolean {
  return isBefore(position, notification);
}

/**
 * This instance's live notification streams. A stream delivers its user's notifications of one container (and the
 * app-wide ones) in commit order, from where it stands: a new stream from the app's clock when it opened, a resumed one
 * from its `Last-Event-ID`. Whenever the bus says (from any instance) that some of its users got notifications, or
 * that events may have been missed, each stream concerned reads what came after its position, so nothing is lost or
 * sent twice. A revoked token's streams end at once (the bus carries revocations from every instance), an expired
 * one's at the next heartbeat. Every structure is bounded by the streams it holds, which are bounded.
 */
export class NotificationStreams {
  readonly #notifications: NotificationsService;
  readonly #options: StreamOptions;
  readonly #log: RunnerLog;
  readonly #tokenAlive: (appId: string, tokenId: string) => Promise<boolean>;
  readonly #streams = new Set<Stream>();
  /** Streams by app and user. */
  readonly #byUser = new Map<string, Map<string, Set<Stream>>>();
  /** Streams to catch up, by app; one catch-up runs per app at a time. */
  readonly #dirty = new Map<string, Set<Stream>>();
  readonly #catchingUp = new Set<string>();
  readonly #unsubscribe: (() => void)[];
  readonly #timer: NodeJS.Timeout;
  #closing = false;
  readonly #ended: Record<StreamEndReason, number> = { revoked: 0, expired: 0, slow: 0, shutdown: 0, replaced: 0 };

  constructor(
    bus: EventBus,
    notifications: NotificationsService,
    tokenAlive: (appId: string, tokenId: string) => Promise<boolean>,
    options: StreamOptions,
    log: RunnerLog,
  ) {
    this.#notifications = notifications;
    this.#tokenAlive = tokenAlive;
    this.#options = options;
    this.#log = log;
    this.#unsubscribe = [bus.subscribe((event) => this.#heard(event)), bus.onGap(() => this.#catchUpAll())];
    this.#timer = setInterval(() => this.#tick(), options.heartbeatMs);
    this.#timer.unref();
  }

  /** How many streams are open, and how many ended by each reason since start (tests and metrics). */
  get stats(): { open: number; ended: Readonly<Record<StreamEndReason, number>> } {
    return { open: this.#streams.size, ended: { ...this.#ended } };
  }

  /**
   * Opens a stream of the caller's (a user's) notifications in a container (id or slug) and the app-wide ones, after
   * `lastEventId` when given. Refused before anything is held: not a user, an unknown container, a bad event id, an
   * ended token, or a full instance (`unavailable`, to be tried again or elsewhere). Nothing is sent until `start`.
   */
  async open(
    principal: Principal,
    options: { containerId: string; lastEventId?: string | undefined },
    sink: StreamSink,
  ): Promise<StreamHandle> {
    const { userId } = requireUser(principal);
    const { tokenId, expiresAt } = principal as UserPrincipal;
    const position = options.lastEventId === undefined ? undefined : parseEventId(options.lastEventId);
    const container = await this.#notifications.containerOf(principal.appId, options.containerId);
    if (this.#closing || this.#streams.size >= this.#options.maxStreams) {
      throw new CoreError('unavailable', 'This instance holds all the streams it may; try again', {
        retryAfterSeconds: 5,
      });
    }
    const stream: Stream = {
      appId: principal.appId,
      userId,
      tokenId,
      containerId: container.id,
      expiresAt,
      openedAt: Date.now(),
      position: position ?? { seq: await this.#notifications.clock(principal.appId), id: endOfSeq },
      sink,
      waitingSince: undefined,
      started: false,
      closed: false,
    };
    this.#add(stream);
    // A revocation heard between the token's check and now would have missed this stream: look again. One heard
    // during this look ends the stream before it started (nothing is written to a response not yet begun).
    const alive = await this.#tokenAlive(stream.appId, stream.tokenId);
    if (!alive || stream.closed) {
      this.#remove(stream);
      if (this.#closing)
        throw new CoreError('unavailable', 'This instance is stopping; try again', { retryAfterSeconds: 1 });
      throw new CoreError('invalid_token', 'The provided token is not valid');
    }
    return {
      start: () => {
        if (stream.closed || stream.started) return;
        stream.started = true;
        this.#schedule(stream);
      },
      close: () => this.#remove(stream),
    };
  }

  /** Ends every stream (a shutdown: clients reconnect to another instance and resume from their last event). */
  closeAll(reason: StreamEndReason = 'shutdown'): void {
    this.#closing = true;
    for (const stream of [...this.#streams]) this.#end(stream, reason);
  }

  /** Ends every stream and stops listening. */
  stop(): void {
    this.closeAll();
    clearInterval(this.#timer);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  #add(stream: Stream): void {
    let users = this.#byUser.get(stream.appId);
    if (!users) {
      users = new Map();
      this.#byUser.set(stream.appId, users);
    }
    let own = users.get(stream.userId);
    if (!own) {
      own = new Set();
      users.set(stream.userId, own);
    }
    // The oldest goes: a client that reconnects before its old connection is noticed dead is not refused.
    while (own.size >= this.#options.maxStreamsPerUser) {
      const [oldest] = own;
      if (!oldest) break;
      this.#end(oldest, 'replaced');
    }
    own.add(stream);
    this.#streams.add(stream);
  }

  #remove(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    this.#streams.delete(stream);
    this.#dirty.get(stream.appId)?.delete(stream);
    const users = this.#byUser.get(stream.appId);
    const own = users?.get(stream.userId);
    own?.delete(stream);
    if (own?.size === 0) users?.delete(stream.userId);
    if (users?.size === 0) this.#byUser.delete(stream.appId);
  }

  #end(stream: Stream, reason: StreamEndReason): void {
    if (stream.closed) return;
    this.#remove(stream);
    this.#ended[reason] += 1;
    // Not started: its response has not begun, and `open` refuses it.
    if (!stream.started) return;
    try {
      stream.sink.end(reason);
    } catch (error) {
      this.#log.warn({ err: error }, 'a notification stream could not be ended');
    }
  }

  #heard(event: PersonaEvent): void {
    if (event.type === 'notifications.created') {
      const users = this.#byUser.get(event.appId);
      if (!users) return;
      if (event.userIds) {
        for (const userId of event.userIds) for (const stream of users.get(userId) ?? []) this.#schedule(stream);
      } else if (event.fromUserId !== undefined && event.toUserId !== undefined) {
        for (const [userId, own] of users) {
          if (userId < event.fromUserId || userId > event.toUserId) continue;
          for (const stream of own) this.#schedule(stream);
        }
      }
    } else if (event.type === 'tokens.ended' && event.userId !== null) {
      const own = this.#byUser.get(event.appId)?.get(event.userId);
      if (!own) return;
      const ended = event.tokenIds ? new Set(event.tokenIds) : undefined;
      for (const stream of [...own]) if (!ended || ended.has(stream.tokenId)) this.#end(stream, 'revoked');
    }
  }

  #catchUpAll(): void {
    for (const stream of this.#streams) this.#schedule(stream);
  }

  /** Heartbeats, and the end of streams whose token expired or whose client stopped reading. */
  #tick(): void {
    const now = Date.now();
    for (const stream of [...this.#streams]) {
      if (!stream.started) continue;
      if (stream.expiresAt <= now) this.#end(stream, 'expired');
      else if (stream.waitingSince !== undefined) {
        if (now - stream.waitingSince >= this.#options.stallMs) this.#end(stream, 'slow');
      } else stream.sink.heartbeat();
    }
  }

  #schedule(stream: Stream): void {
    if (stream.closed || !stream.started || stream.waitingSince !== undefined) return;
    let dirty = this.#dirty.get(stream.appId);
    if (!dirty) {
      dirty = new Set();
      this.#dirty.set(stream.appId, dirty);
    }
    dirty.add(stream);
    this.#startCatchUp(stream.appId);
  }

  #startCatchUp(appId: string): void {
    if (this.#catchingUp.has(appId)) return;
    this.#catchingUp.add(appId);
    this.#catchUp(appId).then(
      () => this.#catchingUp.delete(appId),
      (error: unknown) => {
        // The database did not answer: the streams stay to catch up, and are tried again in a moment.
        this.#catchingUp.delete(appId);
        this.#log.warn({ err: error, appId }, 'notification streams could not catch up');
        setTimeout(() => {
          if ((this.#dirty.get(appId)?.size ?? 0) > 0) this.#startCatchUp(appId);
        }, retryMs).unref();
      },
    );
  }

  /** Reads, for the streams to catch up, what came after their positions, a batch of users at a time. */
  async #catchUp(appId: string): Promise<void> {
    for (;;) {
      const dirty = this.#dirty.get(appId);
      if (!dirty || dirty.size === 0) {
        this.#dirty.delete(appId);
        return;
      }
      const batch: Stream[] = [];
      const users = new Set<string>();
      for (const stream of dirty) {
        if (users.size >= usersPerRead && !users.has(stream.userId)) break;
        batch.push(stream);
        users.add(stream.userId);
      }
      // Taken off before the read: a notification heard during it puts its streams back for another read.
      for (const stream of batch) dirty.delete(stream);
      let cursor = batch.reduce<Position>(
        (earliest, stream) => (isBefore(stream.position, earliest) ? stream.position : earliest),
        { seq: Number.POSITIVE_INFINITY, id: endOfSeq },
      );
      // Page through what came after the earliest position; each stream takes what is after its own.
      for (;;) {
        let rows: Notification[];
        try {
          rows = await this.#notifications.since(appId, [...users], cursor, rowsPerRead);
        } catch (error) {
          for (const stream of batch) if (!stream.closed) dirty.add(stream);
          throw error;
        }
        const byUser = new Map<string, Notification[]>();
        for (const row of rows) {
          const own = byUser.get(row.userId);
          if (own) own.push(row);
          else byUser.set(row.userId, [row]);
        }
        for (const stream of batch) this.#deliver(stream, byUser.get(stream.userId) ?? []);
        const last = rows.at(-1);
        if (rows.length < rowsPerRead || !last) break;
        if (batch.every((stream) => stream.closed || stream.waitingSince !== undefined)) break;
        cursor = { seq: last.seq, id: last.id };
      }
    }
  }

  #deliver(stream: Stream, rows: readonly Notification[]): void {
    for (const row of rows) {
      if (stream.closed || stream.waitingSince !== undefined) return;
      if (!isAfter(row, stream.position)) continue;
      if (row.containerId === null || row.containerId === stream.containerId) {
        if (stream.sink.bufferedBytes >= this.#options.bufferBytes) {
          this.#waitForClient(stream);
          return;
        }
        stream.sink.send(row, eventIdOf(row));
      }
      stream.position = { seq: row.seq, id: row.id };
    }
  }

  /** The client has not read what it was sent: nothing more until it has (it is ended if it takes too long). */
  #waitForClient(stream: Stream): void {
    stream.waitingSince = Date.now();
    stream.sink.onDrained(() => {
      stream.waitingSince = undefined;
      this.#schedule(stream);
    });
  }
}
