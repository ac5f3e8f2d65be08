/**
 * Who watched what, in the compact form the models train on: users and items are numbered from 0, and each user's
 * items (with the time of the latest viewing) are a run of a compressed sparse row (CSR) structure. A user who
 * watched an item several times has it once.
 */
export interface Interactions {
  users: number;
  items: number;
  /** `userStart[u]..userStart[u + 1]` index the user's items in `itemOf` and `timeOf`, in increasing item order. */
  userStart: Int32Array;
  itemOf: Int32Array;
  /** Epoch milliseconds of the user's latest viewing of the item. */
  timeOf: Float64Array;
  /** The same pairs by item: `itemStart[i]..itemStart[i + 1]` index the item's users in `userOf`. */
  itemStart: Int32Array;
  userOf: Int32Array;
}

/**
 * Builds the interactions from parallel arrays of viewings (user index, item index, time), which may repeat a pair
 * and come in any order. Indices must lie in `0..users-1` and `0..items-1`.
 */
export function buildInteractions(
  users: number,
  items: number,
  userIndex: ArrayLike<number>,
  itemIndex: ArrayLike<number>,
  time: ArrayLike<number>,
): Interactions {
  const count = userIndex.length;
  // Counting sort by user, then a sort of each user's short run by item.
  const perUser = new Int32Array(users + 1);
  for (let v = 0; v < count; v++) perUser[userIndex[v]! + 1]!++;
  for (let u = 0; u < users; u++) perUser[u + 1]! += perUser[u]!;
  const fill = perUser.slice(0, users);
  const order = new Int32Array(count);
  for (let v = 0; v < count; v++) order[fill[userIndex[v]!]!++] = v;
  const userStart = new Int32Array(users + 1);
  const itemOf = new Int32Array(count);
  const timeOf = new Float64Array(count);
  let next = 0;
  for (let u = 0; u < users; u++) {
    userStart[u] = next;
    const run = Array.from(order.subarray(perUser[u]!, perUser[u + 1]!)).sort(
      (a, b) => itemIndex[a]! - itemIndex[b]! || time[b]! - time[a]!,
    );
    for (const v of run) {
      const item = itemIndex[v]!;
      if (next > userStart[u]! && itemOf[next - 1] === item) continue;
      itemOf[next] = item;
      timeOf[next] = time[v]!;
      next++;
    }
  }
  userStart[users] = next;
  return byItem({
    users,
    items,
    userStart,
    itemOf: itemOf.slice(0, next),
    timeOf: timeOf.slice(0, next),
    itemStart: new Int32Array(0),
    userOf: new Int32Array(0),
  });
}

/** Fills in the by-item index of interactions whose by-user index is set. */
function byItem(data: Interactions): Interactions {
  const itemStart = new Int32Array(data.items + 1);
  for (const item of data.itemOf) itemStart[item + 1]!++;
  for (let i = 0; i < data.items; i++) itemStart[i + 1]! += itemStart[i]!;
  const fill = itemStart.slice(0, data.items);
  const userOf = new Int32Array(data.itemOf.length);
  for (let u = 0; u < data.users; u++) {
    for (let p = data.userStart[u]!; p < data.userStart[u + 1]!; p++) userOf[fill[data.itemOf[p]!]!++] = u;
  }
  return { ...data, itemStart, userOf };
}

/** The interactions of the chosen users only (numbered as before; the others have none). */
export function keepUsers(data: Interactions, keep: (user: number) => boolean): Interactions {
  const userStart = new Int32Array(data.users + 1);
  const itemOf: number[] = [];
  const timeOf: number[] = [];
  for (let u = 0; u < data.users; u++) {
    userStart[u] = itemOf.length;
    if (!keep(u)) continue;
    for (let p = data.userStart[u]!; p < data.userStart[u + 1]!; p++) {
      itemOf.push(data.itemOf[p]!);
      timeOf.push(data.timeOf[p]!);
    }
  }
  userStart[data.users] = itemOf.length;
  return byItem({
    users: data.users,
    items: data.items,
    userStart,
    itemOf: Int32Array.from(itemOf),
    timeOf: Float64Array.from(timeOf),
    itemStart: new Int32Array(0),
    userOf: new Int32Array(0),
  });
}

/** Adds some users' items (as the extra pairs of `extra`, by user) to interactions that lack them. */
export function withExtraUsers(
  data: Interactions,
  extra: ReadonlyMap<number, readonly [number, number][]>,
): Interactions {
  const users: number[] = [];
  const itemsOf: number[] = [];
  const times: number[] = [];
  for (let u = 0; u < data.users; u++) {
    for (let p = data.userStart[u]!; p < data.userStart[u + 1]!; p++) {
      users.push(u);
      itemsOf.push(data.itemOf[p]!);
      times.push(data.timeOf[p]!);
    }
  }
  for (const [user, pairs] of extra) {
    for (const [item, time] of pairs) {
      users.push(user);
      itemsOf.push(item);
      times.push(time);
    }
  }
  return buildInteractions(data.users, data.items, users, itemsOf, times);
}

/** How many users have each item. */
export function itemCounts(data: Interactions): Float64Array {
  const counts = new Float64Array(data.items);
  for (let i = 0; i < data.items; i++) counts[i] = data.itemStart[i + 1]! - data.itemStart[i]!;
  return counts;
}

/**
 * Calls `visit(item, touched, touchedCount, counts)` for each item in turn with its co-occurrence counts: how many
 * users have both it and each other item. `counts` is a scratch array of all items, nonzero only at the first
 * `touchedCount` indices of `touched` (the item itself included); it is reused, so read it during the call only.
 * Costs the sum over users of their items squared.
 */
export function forEachCooccurrenceRow(
  data: Interactions,
  visit: (item: number, touched: Int32Array, touchedCount: number, counts: Float64Array) => void,
): void {
  const counts = new Float64Array(data.items);
  const touched = new Int32Array(data.items);
  for (let i = 0; i < data.items; i++) {
    let touchedCount = 0;
    for (let p = data.itemStart[i]!; p < data.itemStart[i + 1]!; p++) {
      const u = data.userOf[p]!;
      for (let q = data.userStart[u]!; q < data.userStart[u + 1]!; q++) {
        const j = data.itemOf[q]!;
        if (counts[j] === 0) touched[touchedCount++] = j;
        counts[j]!++;
      }
    }
    visit(i, touched, touchedCount, counts);
    for (let t = 0; t < touchedCount; t++) counts[touched[t]!] = 0;
  }
}
