/** Events that cross instances. Payloads stay small: PostgreSQL NOTIFY carries at most 8000 bytes. */
export type PersonaEvent =
  | { type: 'identity.user-tokens-revoked'; appId: string; userId: string }
  | { type: 'identity.tokens-revoked'; appId: string; tokenHashes: string[] }
  /** A user's row changed (or is gone): cached copies must go. Revoking a user's tokens implies it too. */
  | { type: 'identity.user-changed'; appId: string; userId: string }
  | { type: 'apps.changed'; appId: string };

export type EventHandler = (event: PersonaEvent) => void;

/**
 * Delivers every published event to every subscriber of every instance sharing the database. Delivery to this
 * instance's subscribers happens before `publish` resolves; other instances receive it shortly after.
 */
export interface EventBus {
  publish(event: PersonaEvent): Promise<void>;
  subscribe(handler: EventHandler): () => void;
  /**
   * Called when cross-instance delivery may have missed events (a lost connection), so that caches can drop
   * everything they hold.
   */
  onGap(handler: () => void): void;
  close(): Promise<void>;
}

/** The bus of a single instance: enough for SQLite, which one process serves. */
export class InProcessEventBus implements EventBus {
  protected readonly handlers = new Set<EventHandler>();
  protected readonly gapHandlers = new Set<() => void>();

  async publish(event: PersonaEvent): Promise<void> {
    this.deliver(event);
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onGap(handler: () => void): void {
    this.gapHandlers.add(handler);
  }

  protected deliver(event: PersonaEvent): void {
    for (const handler of this.handlers) handler(event);
  }

  protected signalGap(): void {
    for (const handler of this.gapHandlers) handler();
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.gapHandlers.clear();
  }
}
