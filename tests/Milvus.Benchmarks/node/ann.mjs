// Reference ANN libraries on the data set the C# harness wrote (AnnBenchmark.cs): builds hnswlib-node and usearch
// with the same M / efConstruction, warms each up with one unmeasured pass, then
// for each ef measures recall@10 and one-query-per-call latency on one thread and with 2 callers (two worker
// threads, each with its own copy of the saved index). Prints one JSON object per line.
// Usage: node ann.mjs <dir> <metric:l2|cosine> <M> <efConstruction> <ef,...> [library]  (an ef may repeat: another round)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
const require = createRequire(import.meta.url);

const args = isMainThread ? process.argv.slice(2) : workerData.args;
const [dir, metric, M, efC, efList, onlyLibrary] = args;
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
const floats = (name) => new Float32Array(fs.readFileSync(path.join(dir, name)).buffer.slice(0));
const queries = floats('queries.f32');
const { rows, dim, nq, k } = meta;
const efs = efList.split(',').map(Number);
const now = () => process.hrtime.bigint();

// Each library: how to build it, save it, open a saved copy and search it at an ef.
const libraries = {
  'hnswlib-node': {
    threads: 1,
    build(base) {
      const { HierarchicalNSW } = require('hnswlib-node');
      const index = new HierarchicalNSW(metric === 'l2' ? 'l2' : 'cosine', dim);
      index.initIndex(rows, Number(M), Number(efC), 100);
      for (let i = 0; i < rows; i++) index.addPoint(Array.from(base.subarray(i * dim, i * dim + dim)), i);
      return index;
    },
    save(index, file) { index.writeIndexSync(file); },
    open(file) {
      const { HierarchicalNSW } = require('hnswlib-node');
      const index = new HierarchicalNSW(metric === 'l2' ? 'l2' : 'cosine', dim);
      index.readIndexSync(file);
      return index;
    },
    searcher(index, ef) {
      index.setEf(ef);
      return (v) => index.searchKnn(Array.from(v), k).neighbors;
    },
  },
  usearch: {
    threads: 0,
    make(ef) {
      const usearch = require('usearch');
      return new usearch.Index({ metric: metric === 'l2' ? 'l2sq' : 'cos', dimensions: dim, connectivity: Number(M),
        expansion_add: Number(efC), expansion_search: ef });
    },
    build(base) {
      const index = this.make(efs[0]);
      const keys = new BigUint64Array(rows);
      for (let i = 0; i < rows; i++) keys[i] = BigInt(i);
      index.add(keys, base);
      return index;
    },
    save(index, file) { index.save(file); },
    open(file) { return { file, copies: new Map() }; },
    // usearch fixes expansion_search when the index is created: one copy of the saved graph per ef.
    searcher(opened, ef) {
      if (!opened.copies.has(ef)) {
        const copy = this.make(ef);
        copy.load(opened.file);
        opened.copies.set(ef, copy);
      }
      const copy = opened.copies.get(ef);
      return (v) => copy.search(v, k, 1).keys;
    },
  },
};

/** Searches queries first, first+step, ... one by one; returns the hits, latencies and the wall-clock window. */
function run(search, first, step) {
  const found = [];
  const latencies = [];
  const start = now();
  for (let q = first; q < nq; q += step) {
    const t = now();
    found.push([q, Array.from(search(queries.subarray(q * dim, q * dim + dim)), Number)]);
    latencies.push(Number(now() - t) / 1e6);
  }
  return { found, latencies, start, end: now() };
}

if (!isMainThread) {
  // A caller thread: opens its own copy of the saved index, warms up, then runs its share for each ef it is sent.
  const library = libraries[workerData.library];
  const index = library.open(workerData.file);
  run(library.searcher(index, efs[0]), 0, 1);
  parentPort.postMessage({ ready: true });
  parentPort.on('message', ({ ef, first, step }) => {
    const r = run(library.searcher(index, ef), first, step);
    parentPort.postMessage({ ...r, start: r.start.toString(), end: r.end.toString() });
  });
} else {
  const truth = new Int32Array(fs.readFileSync(path.join(dir, 'truth.i32')).buffer.slice(0));
  const base = floats('base.f32');
  const report = (name, callers, ef, parts) => {
    const found = new Array(nq);
    const latencies = [];
    let start = null, end = null;
    for (const p of parts) {
      for (const [q, ids] of p.found) found[q] = ids;
      latencies.push(...p.latencies);
      const s = BigInt(p.start), e = BigInt(p.end);
      if (start === null || s < start) start = s;
      if (end === null || e > end) end = e;
    }
    let hits = 0;
    for (let q = 0; q < nq; q++) {
      const want = new Set(truth.subarray(q * k, q * k + k));
      for (const id of found[q]) if (want.has(id)) hits++;
    }
    latencies.sort((a, b) => a - b);
    console.log(JSON.stringify({ library: name, callers, ef, recall: hits / (nq * k), qps: nq / (Number(end - start) / 1e9),
      p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] }));
  };
  for (const [name, library] of Object.entries(libraries)) {
    if (onlyLibrary && name !== onlyLibrary) continue;
    const t = now();
    const index = library.build(base);
    console.log(JSON.stringify({ library: name, build: Number(now() - t) / 1e9, threads: library.threads }));
    const file = path.join(dir, `${name}.index`);
    library.save(index, file);
    const opened = library.open(file);
    run(library.searcher(opened, efs[0]), 0, 1); // warm-up pass, not measured
    const workers = [0, 1].map(() => new Worker(new URL(import.meta.url), { workerData: { args, library: name, file } }));
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve)))); // both warmed up
    for (const ef of efs) {
      report(name, 1, ef, [run(library.searcher(opened, ef), 0, 1)]);
      const parts = await Promise.all(workers.map((w, i) => new Promise((resolve) => {
        w.once('message', resolve);
        w.postMessage({ ef, first: i, step: 2 });
      })));
      report(name, 2, ef, parts);
    }
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
