/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `BENCH_CPU_PROF=<dir> npm run bench`) per stretch of work: the
 * profile of a benchmark's server covers several cases, separated by idle seconds, and each stretch is summarised
 * alone (busy time, the functions with the most self time, the time by package or part of Persona, and the functions
 * of Persona and its packages with the most inclusive time: their own and that of what they called).
 *
 *   node bench/profile-summary.ts <file.cpuprofile> [top=25] [min-stretch-seconds=5]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, minArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.ts <file.cpuprofile> [top] [min-stretch-seconds]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const minStretchUs = Number(minArg ?? 5) * 1e6;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));

/** Where a frame comes from: a package, a part of Persona, node's own code, or V8/native. */
function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /\/src\/(.+?)\/[^/]+$/.exec(url) ?? /\/src\/([^/]+)$/.exec(url);
  if (own) return `src/${own[1]}`;
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
}

function nameOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

// Stretches: runs of samples with no idle gap of a second or more between busy samples.
interface Stretch {
  from: number;
  to: number;
  busyUs: number;
  totalUs: number;
  self: Map<number, number>;
}
const stretches: Stretch[] = [];
let current: Stretch | undefined;
let time = profile.startTime;
let idleRun = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i] ?? 0;
  time += delta;
  const id = profile.samples[i] as number;
  if (idle.has(id)) {
    idleRun += delta;
    if (current && idleRun > 1e6) {
      stretches.push(current);
      current = undefined;
    }
    if (current) current.totalUs += delta;
    continue;
  }
  idleRun = 0;
  current ??= { from: time, to: time, busyUs: 0, totalUs: 0, self: new Map() };
  current.to = time;
  current.busyUs += delta;
  current.totalUs += delta;
  current.self.set(id, (current.self.get(id) ?? 0) + delta);
}
if (current) stretches.push(current);

for (const stretch of stretches.filter((s) => s.to - s.from >= minStretchUs)) {
  const seconds = (stretch.to - stretch.from) / 1e6;
  console.log(
    `\n== ${((stretch.from - profile.startTime) / 1e6).toFixed(1)}–${((stretch.to - profile.startTime) / 1e6).toFixed(1)} s` +
      ` (${seconds.toFixed(1)} s, busy ${((100 * stretch.busyUs) / stretch.totalUs).toFixed(0)}%)`,
  );
  const byName = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, us] of stretch.self) {
    const node = byId.get(id) as ProfileNode;
    byName.set(nameOf(node), (byName.get(nameOf(node)) ?? 0) + us);
    byArea.set(areaOf(node), (byArea.get(areaOf(node)) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / stretch.busyUs).toFixed(1).padStart(5)}%`;
  console.log('-- by area (self time, % of busy)');
  for (const [area, us] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${pct(us)}  ${area}`);
  console.log(`-- top ${top} functions (self time)`);
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${name}`);
  // Inclusive: each sample counts once for every function on its stack (once however often it recurs).
  const inclusive = new Map<string, number>();
  for (const [id, us] of stretch.self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const node = byId.get(at) as ProfileNode;
      if (!node.callFrame.url || node.callFrame.url.startsWith('node:')) continue;
      const name = nameOf(node);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  console.log(`-- top ${top} functions of Persona and its packages (inclusive time)`);
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${name}`);
}
