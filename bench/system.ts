/**
 * CPU accounting from /proc (Linux), to tell whether the server's CPU, the load generator or the database is the
 * limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuTimeMs } from './processes.ts';

export interface CoreTimes {
  busy: number;
  total: number;
}

/** Busy and total jiffies per CPU, from /proc/stat; empty off Linux. */
export function coreTimes(): Map<number, CoreTimes> {
  const times = new Map<number, CoreTimes>();
  try {
    for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
      const match = /^cpu(\d+)\s+(.*)$/.exec(line);
      if (!match) continue;
      const values = (match[2] ?? '').trim().split(/\s+/).map(Number);
      // user nice system idle iowait irq softirq steal …; idle and iowait are not busy.
      const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
      const idle = (values[3] ?? 0) + (values[4] ?? 0);
      times.set(Number(match[1]), { busy: total - idle, total });
    }
  } catch {
    // Not Linux: no per-core figures.
  }
  return times;
}

/** Percent busy per CPU between two `coreTimes()` snapshots. */
export function coreBusyPercent(before: Map<number, CoreTimes>, after: Map<number, CoreTimes>): Record<string, number> {
  const busy: Record<string, number> = {};
  for (const [cpu, end] of after) {
    const start = before.get(cpu);
    if (!start || end.total === start.total) continue;
    busy[`cpu${cpu}`] = Math.round((100 * (end.busy - start.busy)) / (end.total - start.total));
  }
  return busy;
}

/** Total CPU milliseconds of every process named `postgres` (the server and its backends) visible in /proc. */
export function postgresCpuMs(): Map<number, number> {
  const times = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return times;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ms = cpuTimeMs(Number(entry));
    if (ms !== undefined) times.set(Number(entry), ms);
  }
  return times;
}

/** CPU milliseconds the `postgres` processes used between two snapshots (processes new in `after` count fully). */
export function postgresCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
