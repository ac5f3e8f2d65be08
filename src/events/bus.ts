import type { CompiledQuery } from 'kysely';

/**
 * What changed, by id only: an event never carries a value, so it can be large neither in bytes nor in what it
 * reveals to whoever can listen on the database. Handlers re-read what they need.
 */
export type PersonaEvent =
  /** The app's row (settings, credentials) changed. */
  | { type: 'app.changed'; appId: string }
  /** The user's row changed or is gone. */
  | { type: 'user.changed'; appId: string; userId: string }
  /**
   * Tokens ended: those of `tokenIds`, or when absent every token of the user (`userId` null: every admin token of
   * the app).
   */
  | { type: 'tokens.ended'; appId: string; userId: string | null; tokenIds?: string[] }
  /** The admin lifted a user's log-in locks (`account` is the throttle's, `user:<id>`): instances forget them. */
  | { type: 'credentials.unlocked'; appId: string; account: string }
  /** A job became runnable. */
  | { type: 'job.queued'; jobId: string }
  /** A household profile changed or is gone. */
  | { type: 'profile.changed'; appId: string; userId: string; profileId: string }
  /** A new version of the app's recommender model was stored. */
  | { type: 'model.trained'; appId: string; version: number }
  /** Rows of one of the app's catalogues changed (inserted, updated or deleted). */
  | { type: 'catalogue.changed'; appId: string; catalogue: 'preference_options' | 'movies' }
  /**
   * Notifications were created in one transaction, all with clock value `seq`, for the users `userIds` or, for a
   * container's members, the users with ids from `fromUserId` to `toUserId` (a range keeps the event small).
   */
  | {
      type: 'notifications.created';
      appId: string;
      seq: number;
      userIds?: string[];
      fromUserId?: string;
      toUserId?: string;
    };

export type EventHandler = (event: PersonaEvent) => void | Promise<void>;

/** Where a handler's failure is reported; it never reaches the writer or the other handlers. */
export type HandlerErrorReporter = (error: unknown, event: PersonaEvent | 'gap') => void;

/**
 * Delivers every committed event to every subscriber of every instance sharing the database. Events are published
 * through `UnitOfWork.publish`, never directly: the unit of work sends them with its transaction (`notifications`)
 * and hands them to this instance's handlers after the commit (`deliver`).
 */
export interface EventBus {
  /**
   * Whether this instance has heard every event the others committed up to a bound ago (on PostgreSQL
   * `freshnessBoundMs`; in-process, always). While false (a lost, silent or slow connection) caches neither answer nor
   * store, because an invalidation could be on its way or missed.
   */
  readonly live: boolean;
  /** How many times the connection to the other instances was lost since start (0 for an in-process bus). */
  readonly connectionLosses: number;
  subscribe(handler: EventHandler): () => void;
  /**
   * Called when events may have been missed: when the connection is lost, and again once it listens anew. Caches drop
   * everything they hold.
   */
  onGap(handler: () => void): () => void;
  /** Statements that hand `events` to the other instances when run in the transaction that made them. */
  notifications(events: readonly PersonaEvent[]): CompiledQuery[];
  /**
   * The rows of the outbox (`event_outbox.payload`) that hand `events` to the other instances, for a statement that
   * inserts them as part of itself (`UnitOfWork.writeWithEvents`); undefined when the transport sends nothing.
   */
  payloadsOf(events: readonly PersonaEvent[]): string[] | undefined;
  /**
   * Called once the transaction that published `events` has committed: hands them to this instance's handlers
   * (`deliver`) and tells the other instances, when there are any, to look for them now.
   */
  published(events: readonly PersonaEvent[]): void;
  /** Throws when `event` could never be delivered (too large for the transport), before anything is written. */
  checkPublishable(event: PersonaEvent): void;
  /** Hands events to this instance's handlers, each isolated: a failing handler stops neither the others nor the caller. */
  deliver(events: readonly PersonaEvent[]): void;
  /** Where handler failures go (a logger); by default they are written to stderr. */
  reportHandlerErrorsTo(reporter: HandlerErrorReporter): void;
  close(): Promise<void>;
}

/** The largest serialised event: events carry ids only, and several share one outbox row on PostgreSQL. */
export const maxEventBytes = 7000;

/** The bus of a single instance: enough for SQLite, which one process serves. */
export class InProcessEventBus implements EventBus {
  readonly #handlers = new Set<EventHandler>();
  readonly #gapHandlers = new Set<() => void>();
  #report: HandlerErrorReporter = (error, event) =>
    console.error(`event handler failed on ${typeof event === 'string' ? event : event.type}:`, error);

  get connectionLosses(): number {
    return 0;
  }

  get live(): boolean {
    return true;
  }

  subscribe(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  onGap(handler: () => void): () => void {
    this.#gapHandlers.add(handler);
    return () => this.#gapHandlers.delete(handler);
  }

  notifications(_events: readonly PersonaEvent[]): CompiledQuery[] {
    return [];
  }

  payloadsOf(_events: readonly PersonaEvent[]): string[] | undefined {
    return undefined;
  }

  published(events: readonly PersonaEvent[]): void {
    this.deliver(events);
  }

  checkPublishable(event: PersonaEvent): void {
    const bytes = Buffer.byteLength(JSON.stringify(event));
    if (bytes > maxEventBytes) throw new Error(`Event ${event.type} is ${bytes} bytes; events carry ids only`);
  }

  deliver(events: readonly PersonaEvent[]): void {
    for (const event of events) {
      for (const handler of this.#handlers) {
        try {
          const outcome = handler(event);
          if (outcome instanceof Promise) outcome.catch((error: unknown) => this.#report(error, event));
        } catch (error) {
          this.#report(error, event);
        }
      }
    }
  }

  reportHandlerErrorsTo(reporter: HandlerErrorReporter): void {
    this.#report = reporter;
  }

  protected signalGap(): void {
    for (const handler of this.#gapHandlers) {
      try {
        handler();
      } catch (error) {
        this.#report(error, 'gap');
      }
    }
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    this.#gapHandlers.clear();
  }
}
