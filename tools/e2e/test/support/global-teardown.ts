import { readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import type { HostMessage } from './protocol';

const STOP_TIMEOUT_MS = 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Processes in the groups our children lead (each service runs detached in its own group, its
 * tsx wrapper leading it), read from /proc: catches a grandchild the wrapper left behind.
 */
function membersOfGroups(leaders: number[]): number[] {
  const groups = new Set(leaders);
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command: state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A zombie has exited and only waits to be reaped.
      if (fields[0] !== 'Z' && groups.has(Number(fields[2]))) members.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return members;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Stops the stack and proves nothing is left: every process it started has exited and none of
 * its ports still accepts connections. Leftovers are killed, then reported as a failure.
 */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__e2eStack;
  if (!stack) return;
  globalThis.__e2eStack = undefined;
  const { host } = stack;
  let pids = stack.pids;
  if (host.exitCode === null && host.signalCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => host.kill('SIGKILL'), STOP_TIMEOUT_MS);
      host.on('message', (message: HostMessage) => {
        if (message.type === 'stopped') pids = [...new Set([...pids, ...message.pids])];
      });
      host.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      host.send({ type: 'stop' });
    });
  }
  // A process may take a moment to be reaped after its group was signalled.
  const remaining = () => [...new Set([...pids.filter(isAlive), ...membersOfGroups(pids)])];
  const deadline = Date.now() + 5_000;
  while (remaining().length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const leftovers = remaining();
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  const openPorts: number[] = [];
  for (const port of stack.ports) if (await isListening(port)) openPorts.push(port);
  if (leftovers.length > 0 || openPorts.length > 0) {
    throw new Error(
      `The stack left things running: processes ${leftovers.join(', ') || 'none'}, ports ${openPorts.join(', ') || 'none'}`,
    );
  }
  process.stdout.write('Stack stopped; no process or port left behind.\n');
}
