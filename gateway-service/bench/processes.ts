/**
 * CPU time and memory of the network's processes, read from /proc: the CPU
 * milliseconds a scenario cost each process, divided by what it committed,
 * is the least noisy figure on a shared machine.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface ProcessUsage {
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
}

/** The pid that does the work for a process of the network (a supervised chaincode server's child). */
export function workerPid(runtimeDir: string, name: string): number {
  const pid = readFileSync(join(runtimeDir, 'pids', `${name}.pid`), 'utf8').trim();
  if (!name.startsWith('chaincode')) return Number(pid);
  return Number(execFileSync('pgrep', ['-P', pid]).toString().trim().split('\n')[0]);
}

export function usage(pid: number): ProcessUsage {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** CPU used by each named process between two snapshots. */
export function cpuDelta(before: Record<string, ProcessUsage>, after: Record<string, ProcessUsage>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, Math.round(after[name].cpuMs - (before[name]?.cpuMs ?? 0))]));
}
