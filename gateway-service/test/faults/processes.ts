/**
 * Stops and starts the network's processes the way an operator would, with
 * the network's own scripts (pid files, readiness probes).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadNetwork } from '../integration/network';
import { eventually } from '../integration/receivers';
import { isRunning, startedPid } from '../support/process-info';

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

/** `deploy-chaincode.sh` with extra environment (CHAINCODE_RELEASE rolls the same build out as a new version). */
export async function deployChaincode(env: Record<string, string>): Promise<void> {
  await run('bash', [join(SCRIPTS, 'deploy-chaincode.sh')], { env: { ...process.env, ...env } });
}

/** `network.sh partition NODE` (netns mode): NODE (a city's key or ordererK) reaches no other node, nor they it. */
export async function partition(node: string): Promise<void> {
  await run('bash', [join(SCRIPTS, 'network.sh'), 'partition', node]);
}

/** `network.sh heal NODE`: undoes the partition. */
export async function heal(node: string): Promise<void> {
  await run('bash', [join(SCRIPTS, 'network.sh'), 'heal', node]);
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

/** Kills a process the scripts started, with no chance to clean up (a crash), and waits until it is gone. */
export async function crash(name: string): Promise<void> {
  const pid = startedPid(network.runtimeDir, name);
  process.kill(-pid, 'SIGKILL');
  await eventually(() => !isRunning(pid), 10_000, `${name} (pid ${pid}) to die`);
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

/** SmartBFT: the leader each orderer names (`consensus_BFT_leader_id`, the consenter id), in the order of network.orderers. */
const namedLeaders = (): Promise<(number | undefined)[]> =>
  Promise.all(network.orderers.map((orderer) => gauge(orderer.operations, 'consensus_BFT_leader_id')));

/**
 * The index of the orderer that currently leads the channel's consensus, or
 * undefined while there is none. Raft: the node that says it leads. SmartBFT:
 * the leader a quorum of the nodes name (`consensus_BFT_leader_id`, the
 * consenter id, which is the orderer's index), since a restarted node reports
 * the leader of its old view until it delivers its next block.
 */
export async function orderingLeader(): Promise<number | undefined> {
  if (network.ordererType === 'raft') {
    for (const orderer of network.orderers) {
      if ((await gauge(orderer.operations, 'consensus_etcdraft_is_leader')) === 1) return orderer.index;
    }
    return undefined;
  }
  const named = await namedLeaders();
  const nodes = network.orderers.length;
  const quorum = Math.ceil((nodes + Math.floor((nodes - 1) / 3) + 1) / 2);
  return network.orderers.find((candidate) => named.filter((id) => id === candidate.index).length >= quorum)?.index;
}

/**
 * SmartBFT: whether every orderer names the same leader. A restarted node
 * stays in the view it stopped in until it learns of the current one; until
 * then it orders nothing, and stopping another node would leave no quorum.
 */
export async function everyOrdererInOneView(): Promise<boolean> {
  const named = await namedLeaders();
  return named[0] !== undefined && named.every((id) => id === named[0]);
}

/** Waits until the ordering service has a leader (see orderingLeader) and returns it. */
export async function settledLeader(timeoutMs = 60_000): Promise<number> {
  let leader: number | undefined;
  await eventually(async () => (leader = await orderingLeader()) !== undefined, timeoutMs, 'the orderers to agree on a leader');
  return leader as number;
}
