'use strict';
// Full-text search through the official Node SDK 3.0.6: a collection with a BM25 function, inserts of plain text,
// search by text with Milvus's BM25 scores, hybrid BM25 + dense search with RRF and weighted rankers, and the
// errors for the function's output field. Usage: node bm25.js <address>
const { MilvusClient, DataType, FunctionType, RRFRanker, WeightedRanker } = require('milvus2-sdk-node-3');
const { assert, addressFromArgs, ok, main } = require('./lib/harness');

const COLLECTION = 'articles';
const DOCS = ['The quick brown fox', 'the lazy dog', 'Quick quick fox jumps', 'a dog and a fox', 'Milvus vector database'];
const DENSE = [[0.5, 0], [0.8, 0], [0, 1], [0.9, 0], [0.1, 0]];
let checks = 0;
const check = (fn) => { fn(); checks++; };
const f32 = Math.fround;

/** Milvus's BM25 (k1 1.2, b 0.75, standard analyzer = lowercase words) of one document for a query. */
function bm25(corpus, doc, query) {
  const tokens = s => s.toLowerCase().split(' ').filter(Boolean);
  const docs = corpus.map(tokens);
  const avgdl = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
  const words = tokens(doc);
  let score = 0;
  const counts = new Map();
  for (const t of tokens(query)) counts.set(t, (counts.get(t) || 0) + 1);
  for (const [term, qtf] of counts) {
    const tf = words.filter(w => w === term).length;
    if (tf === 0) continue;
    const n = docs.filter(d => d.includes(term)).length;
    const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
    score += qtf * idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * words.length / avgdl));
  }
  return score;
}

main(async () => {
  const client = new MilvusClient({ address: addressFromArgs(), timeout: 60000, logLevel: 'error' });
  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'text', data_type: DataType.VarChar, max_length: 1000, enable_analyzer: true },
      { name: 'sparse', data_type: DataType.SparseFloatVector },
      { name: 'dense', data_type: DataType.FloatVector, dim: 2 },
    ],
    functions: [{ name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} }],
  }), 'createCollection');
  const described = ok(await client.describeCollection({ collection_name: COLLECTION }), 'describeCollection');
  check(() => assert.deepEqual(described.schema.functions.map(f => [f.name, f.type, f.input_field_names, f.output_field_names]),
    [['bm25', 'BM25', ['text'], ['sparse']]]));
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25',
    params: { inverted_index_algo: 'DAAT_MAXSCORE', bm25_k1: 1.2, bm25_b: 0.75 } }), 'createIndex sparse');
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'dense', index_type: 'FLAT', metric_type: 'IP' }), 'createIndex dense');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');
  ok(await client.insert({ collection_name: COLLECTION, data: DOCS.map((text, i) => ({ id: i + 1, text, dense: DENSE[i] })) }), 'insert');

  const found = ok(await client.search({ collection_name: COLLECTION, data: 'quick fox', anns_field: 'sparse', limit: 5, output_fields: ['id', 'text'] }), 'search text');
  check(() => assert.deepEqual(found.results.map(r => Number(r.id)), [3, 1, 4]));
  check(() => found.results.forEach(r => assert.ok(Math.abs(r.score - bm25(DOCS, r.text, 'quick fox')) < 1e-5, `score of ${r.id}: ${r.score}`)));
  const two = ok(await client.search({ collection_name: COLLECTION, data: ['lazy', 'database'], anns_field: 'sparse', limit: 1, output_fields: ['id'] }), 'search two texts');
  check(() => assert.deepEqual(two.results.map(q => q.map(r => Number(r.id))), [[2], [5]]));
  console.log('text search done');

  const requests = [{ data: 'quick fox', anns_field: 'sparse', limit: 3 }, { data: [1, 0], anns_field: 'dense', limit: 3 }];
  const rrf = ok(await client.search({ collection_name: COLLECTION, data: requests, rerank: RRFRanker(60), limit: 4, output_fields: ['id'] }), 'hybrid rrf');
  check(() => assert.deepEqual(rrf.results.map(r => Number(r.id)), [4, 1, 3, 2]));
  check(() => assert.deepEqual(rrf.results.map(r => r.score),
    [f32(f32(1 / 63) + f32(1 / 61)), f32(f32(1 / 62) + f32(1 / 63)), f32(1 / 61), f32(1 / 62)]));
  // WeightedRanker sends no norm_score: Milvus then sums the raw scores (BM25 and IP are both similarities).
  const weighted = ok(await client.search({ collection_name: COLLECTION, data: requests, rerank: WeightedRanker([0.5, 0.5]), limit: 4, output_fields: ['id'] }), 'hybrid weighted');
  const raw = Object.fromEntries(found.results.map(r => [Number(r.id), r.score]));
  const expected = { 3: f32(0.5) * f32(raw[3]), 1: f32(f32(0.5) * f32(raw[1]) + f32(0.5) * f32(0.5)),
    4: f32(f32(0.5) * f32(raw[4]) + f32(0.5) * f32(0.9)), 2: f32(f32(0.5) * f32(0.8)) };
  const order = Object.entries(expected).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  check(() => assert.deepEqual(weighted.results.map(r => Number(r.id)), order.map(([id]) => Number(id))));
  check(() => weighted.results.forEach(r => assert.equal(r.score, expected[Number(r.id)])));
  console.log('hybrid search done');

  const query = await client.query({ collection_name: COLLECTION, filter: 'id > 0', output_fields: ['sparse'] });
  check(() => assert.deepEqual([query.status.code, query.status.reason], [65535, 'not allowed to retrieve raw data of field sparse']));
  const star = ok(await client.query({ collection_name: COLLECTION, filter: 'id == 1', output_fields: ['*'] }), 'query *');
  check(() => assert.deepEqual(Object.keys(star.data[0]).sort(), ['dense', 'id', 'text']));
  console.log(`bm25 passed: ${checks} checks`);
});
