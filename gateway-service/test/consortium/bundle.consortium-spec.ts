import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { city, loadNetwork } from '../integration/network';
import { httpsFetch } from '../support/https';

/**
 * `network.sh bundle CITY`: the archive an operator copies to a city's host
 * holds the city's own material and only the public part of the others', and
 * its systemd units start the city's processes from it: here the gateway's
 * unit, run as systemd would, serves the API from an unpacked bundle in place
 * of Haidian's gateway.
 */
const exec = promisify(execFile);
const repository = join(__dirname, '../../..');
const network = loadNetwork();
const haidian = city(network, 'haidian');
const env = { ...process.env, TONGBAN_RUNTIME_DIR: network.runtimeDir };
let home: string;
let entries: string[];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'tongban-bundle-'));
  await exec('bash', [join(repository, 'scripts/network.sh'), 'bundle', 'haidian', '--prefix', home, '--out', join(home, 'haidian.tar.gz')], { env });
  entries = (await exec('tar', ['-tzf', join(home, 'haidian.tar.gz')])).stdout.split('\n').filter(Boolean);
});

afterAll(async () => {
  await exec('bash', [join(repository, 'scripts/network.sh'), 'gateways'], { env, timeout: 300_000 });
  await rm(home, { recursive: true, force: true });
});

describe('network.sh bundle', () => {
  it("holds Haidian's own keys, the others' certificates only, and no ledger", () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'network/runtime/orgs/haidian/nodes/peer0.haidian/tls/server.key',
        'network/runtime/orgs/haidian/users/clerk/msp/keystore/key.pem',
        'network/runtime/orgs/haidian/nodes/gateway.haidian/tls/server.key',
        'network/runtime/orgs/haidian/ca/fabric-ca-server.db',
        'network/runtime/orgs/foshan/msp/tlscacerts/ca.pem',
        'network/runtime/orgs/orderer/ca/ca-cert.pem',
        `network/runtime/channel/${network.channel}.block`,
        'network/runtime/gateways/haidian/api-keys.env',
        'network/runtime/chaincode/tongban/haidian/package-id',
        'systemd/tongban-ca-haidian.service',
        'systemd/tongban-peer0-haidian.service',
        'systemd/tongban-chaincode-haidian.service',
        'systemd/tongban-gateway-haidian.service',
      ]),
    );
    const othersPrivate = entries.filter(
      (entry) =>
        /^network\/runtime\/orgs\/(?!haidian\/)[^/]+\//.test(entry) &&
        !/\/(msp\/(cacerts|tlscacerts)\/|msp\/config\.yaml|ca\/ca-cert\.pem)/.test(entry),
    );
    expect(othersPrivate.filter((entry) => !entry.endsWith('/'))).toEqual([]);
    expect(entries.filter((entry) => /^network\/runtime\/(data|logs|pids)\//.test(entry))).toEqual([]);
    // One chaincode package: the one the city's peers run.
    expect(entries.filter((entry) => entry.endsWith('.tar.gz'))).toHaveLength(1);
  });

  it("starts Haidian's gateway from the unpacked bundle with the gateway's systemd unit", async () => {
    // The city's host: a checkout (here, links to this one's) with the bundle unpacked over it.
    await mkdir(join(home, 'network'));
    for (const path of ['scripts', 'chaincode', 'gateway-service', 'node_modules']) await symlink(join(repository, path), join(home, path));
    for (const path of ['network.conf', 'builders']) await symlink(join(repository, 'network', path), join(home, 'network', path));
    await exec('tar', ['-xzf', join(home, 'haidian.tar.gz'), '-C', home]);
    const unit = await readFile(join(home, 'systemd/tongban-gateway-haidian.service'), 'utf8');
    const unitEnv = Object.fromEntries([...unit.matchAll(/^Environment=(\w+)=(.*)$/gm)].map(([, name, value]) => [name, value]));
    const [program, ...args] = (/^ExecStart=(.*)$/m.exec(unit) as RegExpExecArray)[1].split(' ');
    expect(unitEnv).toEqual({ TONGBAN_FOREGROUND: '1', TONGBAN_RUNTIME_DIR: join(home, 'network/runtime') });

    await exec('bash', [join(repository, 'scripts/network.sh'), 'stop', 'gateway.haidian'], { env });
    let gateway: ChildProcess | undefined;
    try {
      gateway = spawn(program, args, { cwd: home, env: { ...process.env, ...unitEnv }, stdio: 'ignore' });
      const keys = await readFile(join(home, 'network/runtime/gateways/haidian/api-keys.env'), 'utf8');
      const auditorKey = (/^AUDITOR_KEY=(.*)$/m.exec(keys) as RegExpExecArray)[1];
      const ca = await readFile(haidian.tlsRootCert);
      let answer: Response | undefined;
      for (let attempt = 0; attempt < 120 && answer?.status !== 200; attempt += 1) {
        answer = await httpsFetch(`${haidian.gateway.url}/catalogue/${haidian.mspId}/items`, { headers: { 'x-api-key': auditorKey } }, { ca }).catch(
          () => undefined,
        );
        if (answer?.status !== 200) await sleep(1000);
      }
      expect(answer?.status).toBe(200);
      // The service manager's process is the gateway itself (foreground): stopping it stops the gateway.
      const pid = Number((await readFile(join(home, 'network/runtime/pids/gateway.haidian.pid'), 'utf8')).trim());
      expect(pid).toBe(gateway.pid);
    } finally {
      gateway?.kill('SIGTERM');
      if (gateway && gateway.exitCode === null) await new Promise((resolve) => gateway?.once('exit', resolve));
    }
  });
});
