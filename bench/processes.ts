/**
 * Child processes and clean-up for the benchmark: every child started here and every clean-up step registered here
 * is undone by `cleanUp()`, which the runner calls on success, on failure and on SIGINT/SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Child {
  name: string;
  process: ChildProcess;
  /** The last output of the child, stdout and stderr interleaved, for error messages. */
  output(): string;
  /** Settles when the child has exited, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  hasExited(): boolean;
}

const OUTPUT_KEEP = 32 * 1024;
const children = new Set<Child>();
const cleanUpSteps: { name: string; run: () => Promise<void> | void }[] = [];
let cleaning: Promise<void> | undefined;

/** Starts a child with stdout/stderr captured (always drained, so a chatty child never blocks on a full pipe). */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Child {
  if (cleaning !== undefined) throw new Error(`Not starting ${name}: cleaning up`);
  const proc = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_KEEP * 2) output = output.slice(-OUTPUT_KEEP);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    proc.once('error', (error) => {
      output += `\n[spawn error] ${error.message}`;
      done = true;
      resolve(null);
    });
    proc.once('exit', (code) => {
      done = true;
      resolve(code);
    });
  });
  const child: Child = {
    name,
    process: proc,
    output: () => output.slice(-OUTPUT_KEEP),
    exited,
    hasExited: () => done,
  };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.hasExited()) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!child.hasExited()) child.process.kill('SIGKILL');
  }, graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Runs a command to its end; rejects with its output when it fails or outlives `timeoutMs`. */
export async function runToEnd(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number },
): Promise<string> {
  const child = startChild(name, command, args, options);
  let stdout = '';
  child.process.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const timer = setTimeout(() => void stopChild(child, 1000), options.timeoutMs ?? 60_000);
  const code = await child.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${name} failed (exit ${code}):\n${child.output()}`);
  return stdout;
}

/** An app made by Persona's CLI (`apps create --json`) against the database of `env`, as an operator would. */
export interface CreatedAppOfCli {
  appId: string;
  appKey: string;
  clientId: string;
  clientSecret: string;
}

/** Creates an app named `name` with Persona's CLI (the checkout at `root`), before any server writes the database. */
export async function createAppWithCli(root: string, env: NodeJS.ProcessEnv, name: string): Promise<CreatedAppOfCli> {
  const output = await runToEnd(
    'apps create',
    `${root}/node_modules/.bin/node`,
    ['--disable-warning=ExperimentalWarning', 'src/cli.ts', 'apps', 'create', '--name', name, '--json'],
    { cwd: root, env },
  );
  return JSON.parse(output.trim().split('\n').at(-1) as string) as CreatedAppOfCli;
}

/** Registers a clean-up step; steps run in reverse order of registration, after every child is stopped. */
export function onCleanUp(name: string, run: () => Promise<void> | void): void {
  cleanUpSteps.push({ name, run });
}

/** Stops every child and runs every clean-up step, once; later calls wait for the first. */
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((child) => stopChild(child)));
    for (const step of cleanUpSteps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`clean-up "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    cleanUpSteps.length = 0;
  })();
  return cleaning;
}

/** A TCP port free at the time of asking on `host`. */
export async function freePort(host: string): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

/** Polls `url` until it answers 200; fails early when the child exits. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`${child.name} exited while starting:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms (${last}):\n${child.output()}`);
}

/** The CPUs this process may run on, as the kernel lists them (`0-1`, `1`…), or undefined off Linux. */
export function allowedCpus(pid: number | 'self' = 'self'): string | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return /^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1];
  } catch {
    return undefined;
  }
}

/** User+system CPU time of a process, in milliseconds, from /proc; undefined when unreadable. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux.
  } catch {
    return undefined;
  }
}
