/**
 * Hyperledger Caliper workload of benchmark.yaml: a clerk of the receiving city
 * opens cases that another city handles, Cases:Receive with the applicant's
 * data as transient data, as `npm run bench` does directly. Caliper's Fabric
 * Gateway connector (0.6.0) takes no endorsing organisations: the receiving
 * city's peer endorses first, sees the pair collection written and asks the
 * handling city's peer, whose endorsement the collection's policy requires.
 *
 * Each worker first publishes its own service item in the handling city's
 * catalogue and has both cities sign an agreement for it, over their gateways'
 * REST API with the cities' admin keys, so workers and rounds share no state.
 */
'use strict';

const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { RECEIVE } = require('@tongban/chaincode/domain');
const { randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { request } = require('node:https');
const { join } = require('node:path');

const runtimeDir = process.env.TONGBAN_RUNTIME_DIR ?? join(__dirname, '../../../network/runtime');
const material = { name: 'Application form', sha256: 'c8'.repeat(32), size: 1000, mediaType: 'application/pdf', location: 'store://caliper/c8' };

/** The city `key` of network.json, which describe-network.sh wrote. */
function cityOf(network, key) {
  const city = network.cities.find((candidate) => candidate.key === key);
  if (!city) {
    throw new Error(`city ${key} is not in ${join(runtimeDir, 'network.json')}`);
  }
  return city;
}

/** A request over HTTPS trusting only the city's TLS root (its gateway's certificate is the city CA's); the status and body. */
function httpsRequest(city, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${city.gateway.url}${path}`, { method, headers, ca: readFileSync(city.tlsRootCert) }, (response) => {
      const parts = [];
      response.on('data', (part) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(parts).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A write over the city's REST API as its admin, refused unless it answers 2xx. */
async function asAdmin(city, method, path, body) {
  const keys = readFileSync(city.gateway.apiKeysFile, 'utf8');
  const adminKey = /^ADMIN_KEY=(.+)$/m.exec(keys)?.[1];
  if (!adminKey) {
    throw new Error(`no ADMIN_KEY in ${city.gateway.apiKeysFile}`);
  }
  const response = await httpsRequest(
    city,
    method,
    path,
    { 'x-api-key': adminKey, 'content-type': 'application/json' },
    body === undefined ? undefined : JSON.stringify(body),
  );
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${method} ${city.gateway.url}${path} answered ${response.status}: ${response.text}`);
  }
}

class CreateCaseWorkload extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const network = JSON.parse(readFileSync(join(runtimeDir, 'network.json'), 'utf8'));
    const receiving = cityOf(network, roundArguments.receivingCity);
    const handling = cityOf(network, roundArguments.handlingCity);
    this.run = `CAL-${Date.now().toString(36).toUpperCase()}-W${workerIndex}`;
    const serviceItem = { ownerMsp: handling.mspId, code: `ITEM-${this.run}` };
    const agreementId = `AGR-${this.run}`;

    await asAdmin(handling, 'PUT', `/catalogue/${serviceItem.ownerMsp}/items/${serviceItem.code}`, {
      name: 'Caliper licence',
      materials: [],
      promisedDays: 30,
      resultType: 'licence',
    });
    await asAdmin(receiving, 'POST', '/agreements', {
      id: agreementId,
      title: 'Caliper',
      parties: [receiving.mspId, handling.mspId],
      serviceItems: [serviceItem],
      validFrom: '2026-01-01',
      validUntil: '2099-12-31',
    });
    await asAdmin(handling, 'POST', `/agreements/${agreementId}/signatures`);

    this.caseOf = (id) => ({ id, agreementId, serviceItem, materials: [material] });
    this.applicant = {
      name: 'Caliper',
      idNumber: '110101199001011234',
      phone: '13000000000',
      address: 'Beijing',
      salt: randomBytes(16).toString('hex'),
    };
    this.request = { contractId: network.chaincode, contractFunction: 'Cases:Receive', invokerMspId: receiving.mspId, invokerIdentity: RECEIVE.role };
    this.sent = 0;
  }

  async submitTransaction() {
    await this.sutAdapter.sendRequests({
      ...this.request,
      contractArguments: [JSON.stringify(this.caseOf(`${this.run}-${this.sent++}`))],
      transientMap: { applicant: JSON.stringify(this.applicant) },
    });
  }
}

module.exports.createWorkloadModule = () => new CreateCaseWorkload();
