/**
 * Stops and starts the network's processes the way an operator would, with
 * the network's own scripts (pid files, readiness probes).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadNetwork } from '../integration/network';
import { eventually } from '../integration/receivers';

const run = promisify(execFile);
const SCRIPTS = join(__dirname, '../../../scripts');
const network = loadNetwork();

export async function stop(name: string): Promise<void> {
  await run('bash', [join(SCRIPTS, 'network.sh'), 'stop', name]);
}

/** `network.sh down` then `network.sh up`: every process stops, and starts again on the same ledgers. */
export async function restartNetwork(): Promise<void> {
  await run('bash', [join(SCRIPTS, 'network.sh'), 'down']);
  await run('bash', [join(SCRIPTS, 'network.sh'), 'up']);
}

export async function startPeer(city: string, index = 0): Promise<void> {
  await run('bash', [join(SCRIPTS, 'start-peer.sh'), city, String(index)]);
}

export async function startOrderer(index: number): Promise<void> {
  await run('bash', [join(SCRIPTS, 'start-orderer.sh'), String(index)]);
}

export async function startGateway(city: string): Promise<void> {
  await run('bash', [join(SCRIPTS, 'start-gateway.sh'), city]);
}

/** True while `pid` runs (a zombie waiting to be reaped does not). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Kills a process the scripts started, with no chance to clean up (a crash), and waits until it is gone. */
export async function crash(name: string): Promise<void> {
  const pid = Number(readFileSync(join(network.runtimeDir, 'pids', `${name}.pid`), 'utf8').trim());
  process.kill(-pid, 'SIGKILL');
  await eventually(() => !alive(pid), 10_000, `${name} (pid ${pid}) to die`);
}

/** The pid of the chaincode server itself (the supervisor's child). */
export async function chaincodeServerPid(city: string): Promise<number> {
  const supervisor = readFileSync(join(network.runtimeDir, 'pids', `chaincode.${city}.pid`), 'utf8').trim();
  const { stdout } = await run('pgrep', ['-P', supervisor]);
  return Number(stdout.trim().split('\n')[0]);
}

/** The value of a Prometheus gauge on an operations endpoint, or undefined. */
export async function gauge(operations: string, metric: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${operations}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${metric}{channel="${network.channel}"}`));
    return line ? Number(line.split(' ').pop()) : undefined;
  } catch {
    return undefined;
  }
}

/** The index of the orderer that currently leads the Raft cluster. */
export async function raftLeader(): Promise<number | undefined> {
  for (const orderer of network.orderers) {
    if ((await gauge(orderer.operations, 'consensus_etcdraft_is_leader')) === 1) return orderer.index;
  }
  return undefined;
}
