/**
 * The network's processes as the operating system sees them: their pids,
 * whether they run, and their CPU time and memory from /proc (the benchmark's
 * CPU milliseconds per operation, the least noisy figure on a shared machine).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface ProcessUsage {
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
}

/** The pid a network script recorded for a process it started. */
export function startedPid(runtimeDir: string, name: string): number {
  return Number(readFileSync(join(runtimeDir, 'pids', `${name}.pid`), 'utf8').trim());
}

/** The pid that does the work for a process of the network (a supervised chaincode server's child). */
export function workerPid(runtimeDir: string, name: string): number {
  const pid = startedPid(runtimeDir, name);
  if (!name.startsWith('chaincode')) return pid;
  return Number(
    execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim()
      .split('\n')[0],
  );
}

/** The fields of /proc/PID/stat after the command name, which is in parentheses and may hold spaces. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** True while `pid` runs (a zombie waiting to be reaped does not). */
export function isRunning(pid: number): boolean {
  try {
    return statFields(pid)[0] !== 'Z';
  } catch {
    return false;
  }
}

export function usage(pid: number): ProcessUsage {
  const fields = statFields(pid);
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** Starts a new peak of `pid`'s resident memory (Linux: 5 in clear_refs resets VmHWM to the current RSS). */
export function resetPeakMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** CPU used by each named process between two snapshots. */
export function cpuDelta(before: Partial<Record<string, ProcessUsage>>, after: Record<string, ProcessUsage>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, Math.round(after[name].cpuMs - (before[name]?.cpuMs ?? 0))]));
}
