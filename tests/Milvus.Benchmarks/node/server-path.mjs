// One served search taken apart (docs/performance.md, "The served path"): the same calls to Milvus.Local.Server through
// (a) the official Node SDK 3.0.6 and (b) a bare @grpc/grpc-js client over the SDK's own proto (no interceptors, no
// channel pool, no result formatting), each as a trivial RPC (GetVersion) and as searches of the collections the C#
// harness built ("hnsw" for each ef, "flat"), with 1 call in flight, N in flight (promises) and 2 worker threads.
// Each phase runs on every server given, one after the other. Before and after it prints a "mark" line naming the
// server, so the harness can read that server's CPU time at the phase's edges; then one JSON line per phase and server:
// calls, QPS, p50/p99 ms, recall and this process's CPU time per call.
// Usage: node server-path.mjs <dir> <ef,...> <phase-seconds> <label>=<address> [<label>=<address> ...]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const compat = createRequire(path.resolve(import.meta.dirname, '../../compat/package.json'));
const sdkRequire = createRequire(compat.resolve('milvus2-sdk-node-3/package.json'));
const { MilvusClient } = compat('milvus2-sdk-node-3');
const grpc = sdkRequire('@grpc/grpc-js');
const loader = sdkRequire('@grpc/proto-loader');
const milvusJson = sdkRequire('./dist/milvus/proto-json/milvus.js').default;
const { LOADER_OPTIONS } = sdkRequire('./dist/milvus/grpc/GrpcClient.js');

const now = () => process.hrtime.bigint();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client kind: 'sdk' (MilvusClient) or 'bare' (grpc-js with the SDK's proto, nothing else). */
function makeClient(kind, address, dim) {
  const target = address.replace(/^http:\/\//, '');
  if (kind === 'sdk') {
    const client = new MilvusClient({ address: target, timeout: 600000, logLevel: 'error' });
    return {
      trivial: async () => { const r = await client.getVersion(); if (!r.version) throw new Error(JSON.stringify(r)); return null; },
      search: async (collection, vector, params) => {
        const res = await client.search({ collection_name: collection, data: [Array.from(vector)], limit: 10, params });
        if (res.status.error_code !== 'Success') throw new Error(JSON.stringify(res.status));
        return res.results.map((hit) => Number(hit.id));
      },
      close: () => client.closeConnection?.(),
    };
  }
  const Service = grpc.loadPackageDefinition(loader.fromJSON(milvusJson, LOADER_OPTIONS)).milvus.proto.milvus.MilvusService;
  const stub = new Service(target, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
  const call = (method, request) => new Promise((resolve, reject) =>
    stub[method](request, (error, reply) => (error ? reject(error) : resolve(reply))));
  // PlaceholderGroup { placeholders: [{ tag: "$0", type: FloatVector (101), values: [the query's float32 bytes] }] }, by hand.
  const bytes = dim * 4;
  const lengthVarint = (n) => (n < 128 ? [n] : [(n & 127) | 128, n >> 7]);
  const value = [0x0a, 2, 0x24, 0x30, 0x10, 101, 0x1a, ...lengthVarint(bytes)];
  const header = Buffer.from([0x0a, ...lengthVarint(value.length + bytes), ...value]);
  return {
    trivial: async () => { const r = await call('GetVersion', {}); if (!r.version) throw new Error(JSON.stringify(r)); return null; },
    search: async (collection, vector, params) => {
      const group = Buffer.concat([header, Buffer.from(vector.buffer, vector.byteOffset, bytes)]);
      const res = await call('Search', {
        collection_name: collection, placeholder_group: group, dsl_type: 'BoolExprV1', nq: 1,
        search_params: [{ key: 'topk', value: '10' }, { key: 'params', value: JSON.stringify(params) }],
      });
      if (res.status.code !== 0) throw new Error(JSON.stringify(res.status));
      return res.results.ids.int_id.data.map(Number);
    },
    close: () => stub.close(),
  };
}

/** Runs `calls` operations with `inFlight` outstanding at a time; latencies in ms, results by call index. */
async function drive(operation, calls, inFlight) {
  const latencies = new Array(calls);
  const found = new Array(calls);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < calls; i = next++) {
      const t = now();
      found[i] = await operation(i);
      latencies[i] = Number(now() - t) / 1e6;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return { latencies, found };
}

function load(dir) {
  const { dim, nq, k } = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
  const queries = new Float32Array(fs.readFileSync(path.join(dir, 'queries.f32')).buffer.slice(0));
  const truth = new Int32Array(fs.readFileSync(path.join(dir, 'truth.i32')).buffer.slice(0));
  return { dim, nq, k, queries, truth };
}

/** One phase on this thread: warm-up, then `calls` operations; returns the raw figures. */
async function runPhase(client, set, phase) {
  const { dim, nq } = set;
  const operation = phase.collection
    ? (i) => client.search(phase.collection, set.queries.subarray((i % nq) * dim, (i % nq) * dim + dim), phase.params)
    : () => client.trivial();
  await drive(operation, phase.warmUp, phase.inFlight);
  const cpu = process.cpuUsage();
  const start = now();
  const { latencies, found } = await drive(operation, phase.calls, phase.inFlight);
  const seconds = Number(now() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { latencies, found, seconds, cpuMs: (used.user + used.system) / 1000 };
}

function recall(set, found) {
  if (!found.length || found[0] === null) return null;
  let hits = 0;
  found.forEach((ids, i) => {
    const q = i % set.nq;
    const want = new Set(set.truth.subarray(q * set.k, q * set.k + set.k));
    hits += ids.filter((id) => want.has(id)).length;
  });
  return hits / (found.length * set.k);
}

if (!isMainThread) {
  // A worker: its own client (its own channel), the phase given, its figures back to the main thread.
  const { kind, address, dir, phase } = workerData;
  const set = load(dir);
  const client = makeClient(kind, address, set.dim);
  const result = await runPhase(client, set, phase);
  client.close();
  parentPort.postMessage(result);
} else {
  // Servers as label=address pairs: every phase runs on each of them in turn, so they share the machine's moment.
  const [dir, efList, phaseSeconds, ...serverArgs] = process.argv.slice(2);
  const servers = serverArgs.map((arg) => { const at = arg.indexOf('='); return { label: arg.slice(0, at), address: arg.slice(at + 1) }; });
  const set = load(dir);
  const efs = efList.split(',').map(Number);
  const scale = Number(phaseSeconds);
  // The served search costs about 1 ms (HNSW) and 3 ms (FLAT) per call on one caller: phases of ~phaseSeconds each.
  const hnswCalls = Math.max(200, Math.round(1500 * scale));
  const flatCalls = Math.max(50, Math.round(300 * scale));
  const phases = [];
  for (const kind of ['sdk', 'bare']) {
    phases.push({ kind, name: 'GetVersion', calls: Math.max(500, Math.round(3000 * scale)), warmUp: 500, inFlight: 1 });
    for (const ef of efs) phases.push({ kind, name: `HNSW ef ${ef}`, collection: 'hnsw', params: { ef }, calls: hnswCalls, warmUp: 200, inFlight: 1 });
    phases.push({ kind, name: 'FLAT', collection: 'flat', params: {}, calls: flatCalls, warmUp: 20, inFlight: 1 });
    for (const inFlight of [4, 16]) {
      phases.push({ kind, name: `HNSW ef ${efs[0]}`, collection: 'hnsw', params: { ef: efs[0] }, calls: hnswCalls * 2, warmUp: 200, inFlight });
    }
    phases.push({ kind, name: 'FLAT', collection: 'flat', params: {}, calls: flatCalls, warmUp: 20, inFlight: 4 });
    phases.push({ kind, name: `HNSW ef ${efs[0]}`, collection: 'hnsw', params: { ef: efs[0] }, calls: hnswCalls, warmUp: 200, inFlight: 4, workers: 2 });
    phases.push({ kind, name: 'FLAT', collection: 'flat', params: {}, calls: flatCalls / 2, warmUp: 10, inFlight: 2, workers: 2 });
  }

  const clients = new Map(servers.map(({ label, address }) =>
    [label, { sdk: makeClient('sdk', address, set.dim), bare: makeClient('bare', address, set.dim) }]));
  // The first calls of a fresh server are slow (JIT tiering of the Kestrel and gRPC paths): one long unmeasured pass.
  for (const { label } of servers) {
    for (const kind of ['sdk', 'bare']) {
      await runPhase(clients.get(label)[kind], set, { collection: 'hnsw', params: { ef: efs[0] }, calls: 1000, warmUp: 0, inFlight: 1 });
      await runPhase(clients.get(label)[kind], set, { collection: 'hnsw', params: { ef: efs[0] }, calls: 1000, warmUp: 0, inFlight: 4 });
    }
  }

  for (const phase of phases) {
    for (const { label: server, address } of servers) {
      const label = `${phase.kind === 'sdk' ? 'Node SDK' : 'bare grpc-js'} ${phase.name}, ${phase.workers ? `${phase.workers} workers x ` : ''}${phase.inFlight} in flight`;
      let results;
      if (phase.workers) {
        // Each worker warms up before its timed part; the marks bracket the whole, the figures come from the workers' clocks.
        console.log(JSON.stringify({ mark: 'begin', server }));
        await sleep(30);
        results = await Promise.all(Array.from({ length: phase.workers }, () => new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { kind: phase.kind, address, dir, phase } });
          worker.once('message', resolve);
          worker.once('error', reject);
        })));
      } else {
        // Warm-up first, then the mark, then the timed calls.
        await runPhase(clients.get(server)[phase.kind], set, { ...phase, calls: phase.warmUp, warmUp: 0 });
        console.log(JSON.stringify({ mark: 'begin', server }));
        await sleep(30);
        results = [await runPhase(clients.get(server)[phase.kind], set, { ...phase, warmUp: 0 })];
      }
      console.log(JSON.stringify({ mark: 'end', server }));
      await sleep(30);
      const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
      const calls = latencies.length;
      const seconds = Math.max(...results.map((r) => r.seconds));
      console.log(JSON.stringify({
        server, system: label, calls, qps: calls / seconds, p50: latencies[Math.floor(calls / 2)], p99: latencies[Math.floor(calls * 0.99)],
        // Each worker's calls start at query 0, so recall is taken per worker, then averaged.
        recall: results[0].found[0] === null ? null : results.reduce((sum, r) => sum + recall(set, r.found), 0) / results.length,
        // process.cpuUsage counts every thread: with workers, each one's (overlapping) window already holds both.
        clientCpuMsPerCall: (phase.workers ? Math.max(...results.map((r) => r.cpuMs)) : results[0].cpuMs) / calls,
      }));
    }
  }
  for (const pair of clients.values()) for (const client of Object.values(pair)) client.close();
}
