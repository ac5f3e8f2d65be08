/**
 * Reads of one row by key that arrive in the same turn of the event loop, answered by one statement for all of them
 * (`where key in (…)`). On PostgreSQL every statement is a round trip, and what a point read costs the server
 * and the driver is mostly the round trip itself (the write, the wake-up, parsing a result): under concurrency,
 * requests that miss the cache together share one. A turn is the poll phase in which the requests' sockets were read;
 * the statement starts right after it (`setImmediate`), so a read alone waits for nothing but the end of its turn.
 *
 * Reads are grouped by `group` (the app: the statement filters on it) and keys of one group are asked once however
 * many readers wait for them. A group of `maxKeys` keys is read at once, and a new group starts for the next key. A
 * failed statement fails each of its readers.
 */
export class CoalescedReads<Row> {
  readonly #read: (group: string, keys: string[]) => Promise<Map<string, Row>>;
  readonly #maxKeys: number;
  /** Group → key → the readers waiting for it. */
  #pending = new Map<string, Map<string, Waiter<Row>[]>>();
  #scheduled = false;

  /**
   * `read` answers one group's keys with the rows found, by key; keys without a row are absent (their readers get
   * undefined).
   */
  constructor(read: (group: string, keys: string[]) => Promise<Map<string, Row>>, options: { maxKeys: number }) {
    this.#read = read;
    this.#maxKeys = options.maxKeys;
  }

  /** The row of `key` in `group`, read with the other keys asked in this turn; undefined when there is none. */
  load(group: string, key: string): Promise<Row | undefined> {
    return new Promise((resolve, reject) => {
      let keys = this.#pending.get(group);
      if (!keys) {
        keys = new Map();
        this.#pending.set(group, keys);
      }
      const waiting = keys.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else keys.set(key, [{ resolve, reject }]);
      if (keys.size >= this.#maxKeys) {
        this.#pending.delete(group);
        this.#run(group, keys);
      } else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const pending = this.#pending;
    this.#pending = new Map();
    for (const [group, keys] of pending) this.#run(group, keys);
  }

  #run(group: string, keys: Map<string, Waiter<Row>[]>): void {
    let reading: Promise<Map<string, Row>>;
    try {
      reading = this.#read(group, [...keys.keys()]);
    } catch (error) {
      reading = Promise.reject(error);
    }
    reading.then(
      (rows) => {
        for (const [key, waiters] of keys) for (const waiter of waiters) waiter.resolve(rows.get(key));
      },
      (error: unknown) => {
        for (const waiters of keys.values()) for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}

interface Waiter<Row> {
  resolve(row: Row | undefined): void;
  reject(error: unknown): void;
}
