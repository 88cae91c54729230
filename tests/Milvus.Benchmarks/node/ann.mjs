// Reference ANN libraries on the data set the C# harness wrote (AnnBenchmark.cs): builds hnswlib-node and usearch
// with the same M / efConstruction, then for each ef measures recall@10 and one-query-per-call latency on one
// thread. Prints one JSON object per line. Usage: node ann.mjs <dir> <metric:l2|cosine> <M> <efConstruction> <ef,...>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

const [dir, metric, M, efC, efList] = process.argv.slice(2);
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
const floats = (name) => new Float32Array(fs.readFileSync(path.join(dir, name)).buffer.slice(0));
const base = floats('base.f32');
const queries = floats('queries.f32');
const truth = new Int32Array(fs.readFileSync(path.join(dir, 'truth.i32')).buffer.slice(0));
const { rows, dim, nq, k } = meta;
const efs = efList.split(',').map(Number);

function recallOf(found) {
  let hits = 0;
  for (let q = 0; q < nq; q++) {
    const want = new Set(truth.subarray(q * k, q * k + k));
    for (const id of found[q]) if (want.has(Number(id))) hits++;
  }
  return hits / (nq * k);
}

function measure(name, ef, search) {
  const found = new Array(nq);
  const latencies = new Float64Array(nq);
  const start = process.hrtime.bigint();
  for (let q = 0; q < nq; q++) {
    const t = process.hrtime.bigint();
    found[q] = search(queries.subarray(q * dim, q * dim + dim));
    latencies[q] = Number(process.hrtime.bigint() - t) / 1e6;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort();
  console.log(JSON.stringify({ library: name, ef, recall: recallOf(found), qps: nq / seconds,
    p50: latencies[Math.floor(nq * 0.5)], p99: latencies[Math.floor(nq * 0.99)] }));
}

{
  const { HierarchicalNSW } = require('hnswlib-node');
  const index = new HierarchicalNSW(metric === 'l2' ? 'l2' : 'cosine', dim);
  const t = process.hrtime.bigint();
  index.initIndex(rows, Number(M), Number(efC), 100);
  for (let i = 0; i < rows; i++) index.addPoint(Array.from(base.subarray(i * dim, i * dim + dim)), i);
  console.log(JSON.stringify({ library: 'hnswlib-node', build: Number(process.hrtime.bigint() - t) / 1e9, threads: 1 }));
  for (const ef of efs) {
    index.setEf(ef);
    measure("hnswlib-node", ef, (v) => index.searchKnn(Array.from(v), k).neighbors);
  }
}

{
  const usearch = require('usearch');
  const build = (ef) => new usearch.Index({ metric: metric === 'l2' ? 'l2sq' : 'cos', dimensions: dim, connectivity: Number(M),
    expansion_add: Number(efC), expansion_search: ef });
  let index = build(efs[0]);
  const keys = new BigUint64Array(rows);
  for (let i = 0; i < rows; i++) keys[i] = BigInt(i);
  const t = process.hrtime.bigint();
  index.add(keys, base);
  console.log(JSON.stringify({ library: 'usearch', build: Number(process.hrtime.bigint() - t) / 1e9, threads: 0 }));
  // usearch fixes expansion_search when the index is created: save once, reload per ef (the graph is the same).
  const file = path.join(dir, 'usearch.bin');
  index.save(file);
  for (const ef of efs) {
    const copy = build(ef);
    copy.load(file);
    measure('usearch', ef, (v) => copy.search(v, k, 1).keys);
  }
}
