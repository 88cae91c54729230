// The engine through Milvus.Local.Server with the official Node SDK (3.0.6 from tests/compat): searches the
// collections the C# harness built and served ("hnsw" for each ef, "flat"), one query per call on one caller after
// an unmeasured warm-up pass. Prints one JSON object per line.
// Usage: node server.mjs <address> <dir> <ef,...>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(path.resolve(import.meta.dirname, '../../compat/package.json'));
const { MilvusClient } = require('milvus2-sdk-node-3');

const [address, dir, efList] = process.argv.slice(2);
const { dim, nq, k } = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
const queries = new Float32Array(fs.readFileSync(path.join(dir, 'queries.f32')).buffer.slice(0));
const truth = new Int32Array(fs.readFileSync(path.join(dir, 'truth.i32')).buffer.slice(0));
const client = new MilvusClient({ address: address.replace(/^http:\/\//, ''), timeout: 600000, logLevel: 'error' });
const now = () => process.hrtime.bigint();
const efs = [];

async function measure(collection, count, params, warmUp) {
  const found = [];
  const latencies = [];
  const search = async (q) => {
    const res = await client.search({ collection_name: collection, data: [Array.from(queries.subarray(q * dim, q * dim + dim))],
      limit: k, params });
    if (res.status.error_code !== 'Success') throw new Error(JSON.stringify(res.status));
    return res.results.map((hit) => Number(hit.id));
  };
  for (let q = 0; q < warmUp; q++) await search(q % nq); // warm-up, not measured
  const start = now();
  for (let q = 0; q < count; q++) {
    const t = now();
    found.push(await search(q));
    latencies.push(Number(now() - t) / 1e6);
  }
  const seconds = Number(now() - start) / 1e9;
  let hits = 0;
  found.forEach((ids, q) => { const want = new Set(truth.subarray(q * k, q * k + k)); hits += ids.filter((id) => want.has(id)).length; });
  latencies.sort((a, b) => a - b);
  return { recall: hits / (count * k), qps: count / seconds, p50: latencies[Math.floor(count / 2)], p99: latencies[Math.floor(count * 0.99)] };
}

// The server's first calls are slow (JIT tiering of the Kestrel and gRPC paths): a longer warm-up before the first row.
efList.split(',').map(Number).forEach((ef, i) => { efs.push([ef, i === 0 ? 1000 : 50]); });
for (const [ef, warmUp] of efs)
  console.log(JSON.stringify({ system: 'server HNSW (Node SDK)', ef, ...(await measure('hnsw', nq, { ef }, warmUp)) }));
console.log(JSON.stringify({ system: 'server FLAT (Node SDK)', ef: 0, ...(await measure('flat', 100, {}, 10)) }));
client.closeConnection?.();
