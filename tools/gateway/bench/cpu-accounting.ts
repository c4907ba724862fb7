/**
 * CPU time per process tree, read from /proc (Linux): how much each part of the stack spent
 * while one load ran, to say where a request's cost goes. Elsewhere it reports nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  cpuMs: number;
}

function readStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the parenthesised command: state(0) ppid(1) … utime(11) stime(12).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      return [
        { pid: Number(entry), ppid: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND },
      ];
    } catch {
      return [];
    }
  });
}

/**
 * CPU ms of each named process and everything below it; `self` roots count alone (this
 * process is the parent of the whole stack).
 */
export function cpuByTree(
  roots: { name: string; pid: number; self?: boolean }[],
): Map<string, number> {
  const stats = readStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const totals = new Map<string, number>();
  for (const root of roots) {
    let sum = 0;
    const queue = [root.pid];
    while (queue.length > 0) {
      const pid = queue.pop() ?? 0;
      sum += byPid.get(pid)?.cpuMs ?? 0;
      if (root.self) break;
      for (const child of children.get(pid) ?? []) queue.push(child.pid);
    }
    totals.set(root.name, (totals.get(root.name) ?? 0) + sum);
  }
  return totals;
}

/** CPU ms spent by each tree between two readings. */
export function cpuDelta(before: Map<string, number>, after: Map<string, number>) {
  return new Map([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)]));
}
