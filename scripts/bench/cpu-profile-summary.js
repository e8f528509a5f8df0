#!/usr/bin/env node
/**
 * Where a gateway's CPU went, from a V8 CPU profile (node --cpu-prof):
 * each sample's time goes to the first category whose pattern matches a
 * frame of its stack, read from the leaf up, so a frame of the Fabric client
 * under Nest's handler counts as the Fabric client.
 *
 *   node scripts/bench/cpu-profile-summary.js FILE.cpuprofile
 *
 * Shares are of the busy time (idle samples and the start-up aside).
 */
const { readFileSync } = require('node:fs');

const CATEGORIES = [
  ['idle', /^\(idle\)/],
  ['start-up (module loading, Nest bootstrap)', /wrapSafe|compileFunction|Module\._load|NestFactory|bootstrap/],
  ['garbage collection', /^\(garbage collector\)/],
  ['event log, webhooks, statistics', /event-listener|event-log|events\.service|webhooks|statistics/],
  ['Fabric client (signing, gRPC, protobuf)', /fabric-gateway\/|@grpc\/grpc-js|http2\/core|fabric-protos|google-protobuf|fabric\/connection\.js/],
  ['logging', /pino|logger/],
  ['JSON body parsing', /body-parser|raw-body|types\/json/],
  ['request reading and domain rules', /readers|validation|\.dto\.js|chaincode\/dist/],
  ['idempotency and ledger-write interceptors', /idempotency|ledger-write|transactions\//],
  ['authentication, rate limits, drain, request id', /auth\/|rate-limit|drain|assignRequestId/],
  ['metrics', /metrics|prom-client/],
  ['writing the answer', /_http_outgoing|lib\/response\.js|writeHead|reply@/],
  ['Nest and Express routing', /@nestjs|express|router\/|rxjs/],
  ['Node.js HTTP server', /_http_server|_http_common|_http_incoming|net\.js|stream_base/],
  ['V8 (compiled code outside any frame above)', /^\(program\)/],
];

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const frameOf = (id) => {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  return `${functionName || '(anonymous)'}@${url.replace(/.*node_modules\//, '').replace(/.*dist\//, '')}:${lineNumber}`;
};

const spent = new Map();
profile.samples.forEach((sample, index) => {
  const stack = [];
  for (let id = sample; id !== undefined; id = parents.get(id)) stack.push(frameOf(id));
  const [category] = CATEGORIES.find(([, pattern]) => stack.some((frame) => pattern.test(frame))) ?? ['other'];
  spent.set(category, (spent.get(category) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const busy = [...spent].filter(([category]) => category !== 'idle' && !category.startsWith('start-up')).reduce((sum, [, us]) => sum + us, 0);
console.log(`busy ${(busy / 1e6).toFixed(1)} s of samples`);
for (const [category, us] of [...spent].sort((a, b) => b[1] - a[1])) {
  if (category === 'idle' || category.startsWith('start-up')) continue;
  console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${category}`);
}
