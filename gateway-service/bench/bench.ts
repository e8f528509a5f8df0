/**
 * `npm run bench`: measures, side by side in one run, the platform's own limit
 * (a one-key write of the baseline chaincode), case creation through Fabric
 * Gateway and through the REST gateway, a whole case across two cities, and
 * reads at two ledger sizes. Prints a table and writes reports/bench/*.json.
 */
import { Contract, ProposalOptions } from '@hyperledger/fabric-gateway';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historicalRow } from '../src/cli/historical-results';
import { CityClient } from '../test/integration/http';
import { city, credentialsOf, GatewayPool, loadNetwork } from '../test/integration/network';
import { ImportMeasurement, runImport, writeHistoricalFile } from './import-load';
import { closedLoop, LoadResult, Operation, openLoop, percentile, Recorder, warmUp } from './load';
import { cpuDelta, ProcessUsage, usage, workerPid } from '../test/support/process-info';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const LEDGER_SIZES = (process.env.BENCH_LEDGER_SIZES ?? '1000,10000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARM_UP = { operations: Number(process.env.BENCH_WARMUP_OPERATIONS ?? 1500), seconds: 20 };
const OPEN_LOOP_SHARE = 0.7;
/** Rows of the generated files imported (`npm run import`) after the other scenarios; empty: none. */
const IMPORT_ROWS = (process.env.BENCH_IMPORT_ROWS ?? '30000,300000').split(',').filter(Boolean).map(Number);

const network = loadNetwork();
const haidianCity = city(network, 'haidian');
const foshanCity = city(network, 'foshan');
const haidian = new CityClient(haidianCity);
const foshan = new CityClient(foshanCity);
const HAIDIAN = haidianCity.mspId;
const FOSHAN = foshanCity.mspId;
const run = `B${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-BENCH-${run}`;
const AGREEMENT = `AGR-BENCH-${run}`;
const DOCUMENT = 'b7'.repeat(32);
const material = { name: 'Application form', sha256: 'c8'.repeat(32), size: 1000, mediaType: 'application/pdf', location: 'store://haidian/c8' };
const applicant = { name: 'Bench', idNumber: '110101199001011234', phone: '13000000000', address: 'Beijing', salt: `bench${run}0123456789` };
const caseBody = (id: string) => ({ id, agreementId: AGREEMENT, serviceItem: { ownerMsp: FOSHAN, code: ITEM }, materials: [material] });
/** Every process of the network, CAs aside (idle under load): the baseline's chaincode servers and the third city validate too. */
const PROCESSES = readdirSync(join(network.runtimeDir, 'pids'))
  .map((file) => file.replace(/\.pid$/, ''))
  .filter((name) => !name.startsWith('ca.'));

interface ScenarioResult {
  scenario: string;
  closed: LoadResult;
  open: LoadResult;
  /** Direct writes: p50 of the endorsement step in the open loop (the latency target allows for it). */
  openEndorsementP50?: number;
  /** CPU milliseconds per successful operation in the closed loop, per process. */
  cpuMsPerOp: Record<string, number>;
  /** The sum of cpuMsPerOp: every process of the network and the benchmark's own. */
  cpuMsPerOpTotal: number;
}

function snapshot(): Record<string, ProcessUsage> {
  return Object.fromEntries(PROCESSES.map((name) => [name, usage(workerPid(network.runtimeDir, name))]));
}

/** Endorsement times (ms) of the direct writes since the current open loop began (scenarios() reads them). */
const endorsementMs: number[] = [];

/** Submits as Contract.submit does (endorse, submit, wait for commit), timing the endorsement. */
async function submitDirect(contract: Contract, name: string, options: ProposalOptions): Promise<void> {
  const started = performance.now();
  const endorsed = await contract.newProposal(name, options).endorse();
  endorsementMs.push(performance.now() - started);
  const status = await (await endorsed.submit()).getStatus();
  if (!status.successful) {
    throw Object.assign(new Error(`${name} transaction ${status.transactionId} was not committed`), { code: `TX_VALIDATION_${status.code}` });
  }
}

/**
 * Waits (at most a minute) until the network is idle: after seeding, the
 * peers compact their state databases, and that CPU would count against reads.
 */
async function settle(): Promise<void> {
  for (let waited = 0; waited < 60; waited += 1) {
    const before = snapshot();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busyMs = Object.values(cpuDelta(before, snapshot())).reduce((sum, ms) => sum + ms, 0);
    if (busyMs < 150) return; // idle: gossip and heartbeats only
  }
  console.log('the network did not become idle within a minute; measuring anyway');
}

/** REST answers that are not 2xx become errors with the API's code. */
async function expectOk(answer: Promise<{ status: number; body: { code?: string } }>): Promise<void> {
  const { status, body } = await answer;
  if (status >= 300) throw Object.assign(new Error(`HTTP ${status}`), { code: body.code ?? `HTTP_${status}` });
}

/** Numbers every operation of the run, so the ids the scenarios make never repeat. */
const operations = { next: 0 };

/** Each scenario with its own recorder of latencies and errors, and the CPU each process spent on it. */
const measuring = (entries: [name: string, operation: Operation][]) =>
  entries.map(([name, operation]) => ({ name, operation, recorder: new Recorder(), spent: new Map<string, number>() }));

/** Runs `load`, adding the CPU each process spent meanwhile (the benchmark's own as the client) to `spent`. */
async function countingCpu<T>(spent: Map<string, number>, load: () => Promise<T>): Promise<T> {
  const before = snapshot();
  const client = process.cpuUsage();
  const result = await load();
  const { user, system } = process.cpuUsage(client);
  // The benchmark's own process is the client: Fabric Gateway's work in 1 and 2, HTTP in 3 to 5.
  for (const [name, ms] of Object.entries({ ...cpuDelta(before, snapshot()), 'bench client': (user + system) / 1000 })) {
    spent.set(name, (spent.get(name) ?? 0) + ms);
  }
  return result;
}

/** CPU milliseconds per successful operation, per process and summed. */
function perOperation(spent: Map<string, number>, ok: number): Pick<ScenarioResult, 'cpuMsPerOp' | 'cpuMsPerOpTotal'> {
  const perOp = (ms: number) => Math.round((ms / Math.max(1, ok)) * 10) / 10;
  return {
    cpuMsPerOp: Object.fromEntries([...spent].map(([name, ms]) => [name, perOp(ms)])),
    cpuMsPerOpTotal: perOp([...spent.values()].reduce((sum, ms) => sum + ms, 0)),
  };
}

/**
 * Measures scenarios side by side, each warmed up first (WARM_UP): their
 * closed loops take turns, `rounds` times each, so a slow spell of the shared
 * machine falls on all of them alike; then each one's open loop runs at 0.7 of
 * its closed-loop throughput. CPU is counted per scenario over its own
 * closed-loop rounds.
 */
async function scenarios(entries: [name: string, operation: Operation][], rounds = 1, clients = CLIENTS): Promise<ScenarioResult[]> {
  const measured = measuring(entries);
  for (const { operation } of measured) await warmUp(operation, clients, WARM_UP, operations);
  for (let round = 0; round < rounds; round += 1) {
    for (const entry of measured) {
      await countingCpu(entry.spent, () => closedLoop(entry.operation, clients, SECONDS, operations, entry.recorder));
    }
  }
  const results: ScenarioResult[] = [];
  for (const { name, operation, recorder, spent } of measured) {
    const closed = recorder.result('closed', clients);
    endorsementMs.length = 0;
    const open = await openLoop(operation, Math.max(1, Math.round(closed.throughput * OPEN_LOOP_SHARE)), SECONDS, operations);
    const openEndorsementP50 =
      endorsementMs.length > 0
        ? Math.round(
            percentile(
              [...endorsementMs].sort((a, b) => a - b),
              0.5,
            ) * 10,
          ) / 10
        : undefined;
    const result = { scenario: name, closed, open, openEndorsementP50, ...perOperation(spent, closed.ok) };
    print(result);
    results.push(result);
  }
  return results;
}

/** One scenario under an arrival rate offered to others too (atSameRate). */
interface SameRateResult {
  scenario: string;
  open: LoadResult;
  /** CPU milliseconds per successful operation over its open-loop rounds, per process. */
  cpuMsPerOp: Record<string, number>;
  /** The sum of cpuMsPerOp. */
  cpuMsPerOpTotal: number;
}

/**
 * CPU per operation of scenarios offered the same arrival rate, their open
 * loops taking turns `rounds` times: what each costs for the same traffic. In
 * the closed loops (saturation) a slower scenario also cuts smaller blocks,
 * whose per-block work the peers and orderers then share among fewer operations.
 * Each round starts on an idle network, and the order of the turns alternates,
 * so that the work one load leaves behind (the last blocks' commits, garbage
 * collection) falls on each of them alike.
 */
async function atSameRate(entries: [name: string, operation: Operation][], rate: number, rounds: number): Promise<SameRateResult[]> {
  const measured = measuring(entries);
  for (let round = 0; round < rounds; round += 1) {
    for (const entry of round % 2 === 0 ? measured : [...measured].reverse()) {
      await settle();
      await countingCpu(entry.spent, () => openLoop(entry.operation, rate, SECONDS, operations, entry.recorder));
    }
  }
  return measured.map(({ name, recorder, spent }) => {
    const open = recorder.result('open', rate);
    const result = { scenario: name, open, ...perOperation(spent, open.ok) };
    print(result);
    return result;
  });
}

/** Prints a scenario's loads (its closed loop, if it had one, and its open loop), errors and CPU. */
function print(result: SameRateResult & Partial<ScenarioResult>): void {
  const loads = result.closed ? [result.closed, result.open] : [result.open];
  for (const load of loads) {
    const errors =
      Object.entries(load.errors)
        .map(([kind, count]) => `${kind}:${count}`)
        .join(' ') || '-';
    console.log(
      [
        result.scenario.padEnd(28),
        `${load.mode}@${load.level}`.padEnd(11),
        `${load.throughput}/s`.padEnd(9),
        `p50 ${load.p50}`.padEnd(11),
        `p95 ${load.p95}`.padEnd(11),
        `p99 ${load.p99}`.padEnd(11),
        errors,
      ].join(' '),
    );
  }
  for (const [kind, message] of Object.entries(Object.assign({}, ...loads.map((load) => load.errorSamples)) as Record<string, string>)) {
    console.log(`${''.padEnd(28)} ${kind}: ${message.slice(0, 300)}`);
  }
  if (result.openEndorsementP50 !== undefined)
    console.log(`${''.padEnd(28)} open loop: endorsement p50 ${result.openEndorsementP50} ms of the write's p50 ${result.open.p50} ms`);
  const cpu = Object.entries(result.cpuMsPerOp)
    .filter(([, ms]) => ms > 0)
    .map(([process, ms]) => `${process} ${ms}`)
    .join(', ');
  console.log(`${''.padEnd(28)} CPU ms per op: ${result.cpuMsPerOpTotal} (${cpu})`);
}

async function setUp(): Promise<void> {
  await expectOk(
    foshan.put('admin', `/catalogue/${FOSHAN}/items/${ITEM}`, { name: 'Bench licence', materials: [], promisedDays: 30, resultType: 'licence' }),
  );
  await expectOk(
    haidian.post('admin', '/agreements', {
      id: AGREEMENT,
      title: 'Bench',
      parties: [HAIDIAN, FOSHAN],
      serviceItems: [{ ownerMsp: FOSHAN, code: ITEM }],
      validFrom: '2026-01-01',
      validUntil: '2099-12-31',
    }),
  );
  await expectOk(foshan.post('admin', `/agreements/${AGREEMENT}/signatures`));
}

async function countCases(cases: Contract): Promise<number> {
  const counts = JSON.parse(Buffer.from(await cases.evaluateTransaction('CountCases')).toString()) as Record<
    string,
    Record<string, Record<string, number>>
  >;
  return Object.values(counts)
    .flatMap((byHandling) => Object.values(byHandling).flatMap((byStatus) => Object.values(byStatus)))
    .reduce((sum, count) => sum + count, 0);
}

const restApplicant = { name: 'Bench', idNumber: '110101199001011234', phone: '13000000000', address: 'Beijing' };

/** A whole case over REST: received in Haidian, decided in Foshan, delivered in Haidian. */
/** Certificate numbers of the results the lifecycles issued: 5c verifies random ones, as 5d does imported ones. */
const issuedCertificates: string[] = [];

async function lifecycle(id: string): Promise<void> {
  await expectOk(haidian.post('clerk', '/cases', { ...caseBody(id), applicant: restApplicant }));
  await expectOk(haidian.post('clerk', `/cases/${id}/verification`));
  await expectOk(foshan.post('reviewer', `/cases/${id}/acceptance`));
  await expectOk(foshan.post('reviewer', `/cases/${id}/approval`));
  await expectOk(foshan.post('reviewer', `/cases/${id}/result`, { certificateNumber: `JY-${id}`, documentSha256: DOCUMENT }));
  await expectOk(haidian.post('clerk', `/cases/${id}/delivery`));
  issuedCertificates.push(`JY-${id}`);
}

/** What the bulk import measured: each file's import, the first file again, and verification of imported results beside issued ones. */
interface ImportResults {
  imports: ImportMeasurement[];
  again: ImportMeasurement;
  /** CPU milliseconds per imported row, every process of the network and the importer's command aside. */
  cpuMsPerRow: number[];
  verification: ScenarioResult[];
}

/**
 * Foshan imports a generated file of each size (BENCH_IMPORT_ROWS) with the
 * import command, then the first file again (which must change nothing); then
 * verifying a random imported licence is measured beside verifying a random
 * issued one (of scenario 4's lifecycles).
 */
async function importHistory(): Promise<ImportResults> {
  const item = `FS-HIST-${run}`;
  await expectOk(
    foshan.put('admin', `/catalogue/${FOSHAN}/items/${item}`, {
      name: 'Bench historical licence',
      materials: [],
      promisedDays: 30,
      resultType: 'licence',
    }),
  );
  const gatewayPid = workerPid(network.runtimeDir, 'gateway.foshan');
  const directory = mkdtempSync(join(tmpdir(), 'tongban-bench-import-'));
  const optionsOf = (rows: number) => ({ city: 'foshan', prefix: `HIST-${run}-${rows}`, item });
  try {
    const imports: ImportMeasurement[] = [];
    const cpuMsPerRow: number[] = [];
    for (const rows of IMPORT_ROWS) {
      const file = join(directory, `foshan-${rows}.csv`);
      await writeHistoricalFile(file, rows, optionsOf(rows));
      const before = snapshot();
      const measured = await runImport(file, 'foshan', rows, gatewayPid);
      const spent = Object.values(cpuDelta(before, snapshot())).reduce((sum, ms) => sum + ms, 0);
      cpuMsPerRow.push(Math.round((spent / rows) * 100) / 100);
      console.log(
        `import of ${rows} rows: ${measured.seconds} s (${measured.rowsPerSecond} rows/s),`,
        measured.report,
        `importer peak ${measured.importerPeakRssMb} MB, gateway ${measured.gatewayRssBeforeMb} MB before, peak ${measured.gatewayPeakRssMb} MB`,
      );
      imports.push(measured);
    }
    const again = await runImport(join(directory, `foshan-${IMPORT_ROWS[0]}.csv`), 'foshan', IMPORT_ROWS[0], gatewayPid);
    console.log(`the ${IMPORT_ROWS[0]}-row file again: ${again.seconds} s,`, again.report);
    await settle();
    const imported = optionsOf(IMPORT_ROWS[0]);
    const verification = await scenarios(
      [
        [
          '5c issued result verification',
          () => {
            const certificate = issuedCertificates[Math.floor(Math.random() * issuedCertificates.length)];
            return expectOk(haidian.get('auditor', `/results/${certificate}/verification?documentSha256=${DOCUMENT}`));
          },
        ],
        [
          '5d imported result verification',
          () => {
            const row = historicalRow(1 + Math.floor(Math.random() * IMPORT_ROWS[0]), imported);
            return expectOk(haidian.get('auditor', `/results/${row.certificateNumber}/verification?documentSha256=${row.documentSha256}`));
          },
        ],
      ],
      ROUNDS,
    );
    return { imports, again, cpuMsPerRow, verification };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** CPU ms per operation of `top` minus `bottom`, summed by kind of process (peer, orderer, chaincode, gateway, bench client). */
function cpuDifferenceByKind(top: ScenarioResult, bottom: ScenarioResult): Record<string, number> {
  const difference: Record<string, number> = {};
  for (const [sign, result] of [
    [1, top],
    [-1, bottom],
  ] as const) {
    for (const [process, ms] of Object.entries(result.cpuMsPerOp)) {
      const kind = process.replace(/\d*(\..*)?$/, '');
      difference[kind] = Math.round(((difference[kind] ?? 0) + sign * ms) * 10) / 10;
    }
  }
  return difference;
}

/**
 * Streamed end to end, a file ten times larger must need no more memory: the
 * peak resident memory of the gateway and of the importer during the largest
 * file's import over the smallest's. Peaks, not growth over the memory before:
 * what the gateway holds before an import includes garbage of the scenarios
 * before it, which a collection during the import may free.
 */
function importMemoryOf(imports: ImportMeasurement[]): { gatewayPeakLargestOverSmallest: number; importerPeakLargestOverSmallest: number } {
  const [first, last] = [imports[0], imports[imports.length - 1]];
  return {
    gatewayPeakLargestOverSmallest: Math.round((last.gatewayPeakRssMb / first.gatewayPeakRssMb) * 100) / 100,
    importerPeakLargestOverSmallest: Math.round((last.importerPeakRssMb / first.importerPeakRssMb) * 100) / 100,
  };
}

async function main(): Promise<void> {
  const pool = new GatewayPool(network);
  const channel = await pool.channel('haidian', credentialsOf(haidianCity, 'clerk'));
  const baseline = channel.getContract('baseline', 'Baseline');
  const cases = channel.getContract(network.chaincode, 'Cases');
  await setUp();
  const sample = `HD-${run}-SAMPLE`;
  await lifecycle(sample);
  const receiveDirect: Operation = (index) =>
    submitDirect(cases, 'Receive', {
      arguments: [JSON.stringify(caseBody(`HD-${run}-D${index}`))],
      transientData: { applicant: JSON.stringify(applicant) },
      endorsingOrganizations: [HAIDIAN, FOSHAN],
    });
  const receiveRest: Operation = (index) =>
    expectOk(haidian.post('clerk', '/cases', { ...caseBody(`HD-${run}-R${index}`), applicant: restApplicant }));

  const seeder = { next: 1_000_000 };
  /** Seeds the ledger up to `size` cases (it may hold more), then measures the reads. */
  const readsAt = async (size: number): Promise<{ size: number; results: ScenarioResult[] }> => {
    let existing = await countCases(cases);
    console.log(`seeding the ledger to ${size} cases (now ${existing})`);
    while (existing < size) {
      const batch = Math.min(size - existing, 2000);
      const started = seeder.next;
      seeder.next += batch;
      let cursor = started;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (cursor < started + batch) await receiveDirect(cursor++).catch(() => undefined);
        }),
      );
      const now = await countCases(cases);
      if (now === existing) throw new Error(`seeding made no progress at ${existing} cases: is the network up?`);
      existing = now;
    }
    await settle();
    return {
      size: existing,
      results: await scenarios([
        [`5a case by id @${existing}`, () => expectOk(haidian.get('auditor', `/cases/${sample}`))],
        [
          `5b list page of 20 @${existing}`,
          () => expectOk(haidian.get('auditor', `/cases?receivingMsp=${HAIDIAN}&handlingMsp=${FOSHAN}&status=RECEIVED&pageSize=20`)),
        ],
        [
          `5c result verification @${existing}`,
          () => expectOk(haidian.get('auditor', `/results/JY-${sample}/verification?documentSha256=${DOCUMENT}`)),
        ],
      ]),
    };
  };

  console.log(
    `Benchmark ${run} (${network.ordererType} ordering, ${network.orderers.length} nodes): ${SECONDS}s per load, closed loop with ${CLIENTS} clients (writes 1 to 3 in ${ROUNDS} alternating rounds), open loop at ${OPEN_LOOP_SHARE} of its throughput`,
  );
  // Reads at the smallest size first: the write scenarios add thousands of cases.
  const reads = [await readsAt(LEDGER_SIZES[0])];
  // The writes whose ratios the targets name, measured side by side.
  const [baselineWrite, twoCityWrite, direct, rest] = await scenarios(
    [
      ['1 baseline write (direct)', (index) => submitDirect(baseline, 'Put', { arguments: [`${run}-${index}`, 'x'] })],
      // The same write endorsed by both cities, as every case step is: the floor under scenario 2.
      [
        '1b baseline write, 2 cities',
        (index) => submitDirect(baseline, 'Put', { arguments: [`${run}-${index}-2`, 'x'], endorsingOrganizations: [HAIDIAN, FOSHAN] }),
      ],
      ['2 case creation (direct)', receiveDirect],
      ['3 case creation (REST)', receiveRest],
    ],
    ROUNDS,
  );
  // Case creation again with a quarter of the clients, where the CPUs are not saturated: the
  // REST layer's cost when it does not take CPU from the peers (as on separate hosts).
  const fewer = Math.max(1, Math.round(CLIENTS / 4));
  const [directFewer, restFewer] = await scenarios(
    [
      [`2 case creation (direct) @${fewer}`, receiveDirect],
      [`3 case creation (REST) @${fewer}`, receiveRest],
    ],
    ROUNDS,
    fewer,
  );
  // Both again at one arrival rate, below either's saturation: CPU per creation for the same traffic.
  const sameRate = Math.max(1, Math.round(Math.min(direct.closed.throughput, rest.closed.throughput) * OPEN_LOOP_SHARE));
  const [directAtSameRate, restAtSameRate] = await atSameRate(
    [
      ['2 case creation (direct)', receiveDirect],
      ['3 case creation (REST)', receiveRest],
    ],
    sameRate,
    ROUNDS,
  );
  const [wholeCase] = await scenarios([['4 lifecycle, 2 cities (REST)', (index) => lifecycle(`HD-${run}-L${index}`)]]);
  const results = [baselineWrite, twoCityWrite, direct, rest, directFewer, restFewer, wholeCase];
  for (const size of LEDGER_SIZES.slice(1)) reads.push(await readsAt(size));
  const history = IMPORT_ROWS.length > 0 ? await importHistory() : undefined;
  pool.close();

  const twoDigits = (value: number) => Math.round(value * 100) / 100;
  // The pairs of scenarios compared: throughput, and CPU per operation of every process, client included.
  const pairs: Record<string, [ScenarioResult, ScenarioResult]> = {
    directOverBaseline: [direct, baselineWrite],
    directOverTwoCityBaseline: [direct, twoCityWrite],
    twoCityBaselineOverBaseline: [twoCityWrite, baselineWrite],
    restOverDirect: [rest, direct],
    restOverDirectWithFewerClients: [restFewer, directFewer],
    ...(history ? { importedOverIssuedVerification: [history.verification[1], history.verification[0]] as [ScenarioResult, ScenarioResult] } : {}),
  };
  const pageP50 = reads.map((entry) => entry.results[1].closed.p50);
  const ratios = {
    ...Object.fromEntries(Object.entries(pairs).map(([name, [top, bottom]]) => [name, twoDigits(top.closed.throughput / bottom.closed.throughput)])),
    pageCostLargeOverSmall: twoDigits(pageP50[pageP50.length - 1] / pageP50[0]),
  };
  // Where a REST creation's extra CPU goes, against a direct one: the gateway and HTTP client (the REST layer and the
  // Fabric client it runs instead of the benchmark), and the network's processes (contention on the shared cores).
  const restExtraCpuMs = {
    [`${CLIENTS} clients`]: cpuDifferenceByKind(rest, direct),
    [`${fewer} clients`]: cpuDifferenceByKind(restFewer, directFewer),
  };
  console.log('Extra CPU ms per REST case creation over a direct one, by kind of process:', restExtraCpuMs);
  const cpuRatios = {
    ...Object.fromEntries(Object.entries(pairs).map(([name, [top, bottom]]) => [name, twoDigits(top.cpuMsPerOpTotal / bottom.cpuMsPerOpTotal)])),
    restOverDirectAtSameRate: twoDigits(restAtSameRate.cpuMsPerOpTotal / directAtSameRate.cpuMsPerOpTotal),
  };
  const memory = snapshot();
  console.log('\nRatios (closed-loop throughput; page p50 latency):', ratios);
  console.log('Ratios of CPU per operation (all processes, the client included):', cpuRatios);
  const importMemory = history && importMemoryOf(history.imports);
  if (importMemory) console.log('Import memory (largest file over smallest):', importMemory);
  console.log(
    'Memory (MB, current / peak):',
    Object.fromEntries(Object.entries(memory).map(([name, use]) => [name, `${use.rssMb}/${use.peakRssMb}`])),
  );
  const directory = join(__dirname, '../../../reports/bench');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        run,
        ordererType: network.ordererType,
        seconds: SECONDS,
        clients: CLIENTS,
        rounds: ROUNDS,
        results,
        sameRate: [directAtSameRate, restAtSameRate],
        reads,
        history,
        importMemory,
        ratios,
        cpuRatios,
        restExtraCpuMs,
        memory,
      },
      null,
      2,
    ),
  );
  console.log(`report: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
