'use strict';
// The graph indexes Milvus 2.6+ builds beyond float vectors, through the official Node SDK 3.0.6: HNSW on a
// BINARY_VECTOR field (HAMMING) and HNSW with MAX_SIM_IP on a struct's vector sub-field (an embedding list). Each
// collection is flushed into one sealed segment of 1,200 rows, so the index is really built (DescribeIndex: Finished,
// every row indexed); a search as wide as the segment (ef, retrieval_ann_ratio) must then return exactly the
// brute-force ids and scores. Integer-valued data keeps every score exact; ties rank by primary key.
// Usage: node graph-indexes.js <address>
const { MilvusClient, DataType } = require('milvus2-sdk-node-3');
const { assert, addressFromArgs, ok, prng, main } = require('./lib/harness');

const ROWS = 1200;
let checks = 0;
const check = (fn) => { fn(); checks++; };
const popcount = (b) => { let n = 0; for (; b; b &= b - 1) n++; return n; };

/** Waits until the field's index is built over every row. */
async function waitForIndex(client, collection, field) {
  for (let i = 0; i < 600; i++) {
    const described = ok(await client.describeIndex({ collection_name: collection, field_name: field }), 'describeIndex');
    const index = described.index_descriptions[0];
    if (index.state === 'Finished' && Number(index.indexed_rows) === ROWS) return index;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`${collection}.${field}: the index did not finish`);
}

/** The best `limit` of `scores` (id -> score), best first, ties by id. */
function best(scores, limit, higherIsBetter) {
  return [...scores.entries()]
    .sort((a, b) => (higherIsBetter ? b[1] - a[1] : a[1] - b[1]) || a[0] - b[0])
    .slice(0, limit).map(([id, score]) => `${id}=${score}`);
}

const hitsOf = (results) => results.map(r => `${Number(r.id)}=${r.score}`);

main(async () => {
  const client = new MilvusClient({ address: addressFromArgs(), timeout: 60000, logLevel: 'error' });
  const random = prng(11);

  // HNSW on binary vectors: 64 bits a row.
  ok(await client.createCollection({
    collection_name: 'bits3', consistency_level: 'Strong',
    fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'bin', data_type: DataType.BinaryVector, dim: 64 }],
  }), 'createCollection bits3');
  const bits = Array.from({ length: ROWS }, () => Array.from({ length: 8 }, () => Math.floor(random() * 256)));
  ok(await client.insert({ collection_name: 'bits3', data: bits.map((bin, id) => ({ id, bin })) }), 'insert bits3');
  ok(await client.flushSync({ collection_names: ['bits3'] }), 'flushSync bits3');
  ok(await client.createIndex({
    collection_name: 'bits3', field_name: 'bin', index_type: 'HNSW', metric_type: 'HAMMING', params: { M: 8, efConstruction: 64 },
  }), 'createIndex HNSW HAMMING');
  ok(await client.loadCollectionSync({ collection_name: 'bits3' }), 'load bits3');
  const binaryIndex = await waitForIndex(client, 'bits3', 'bin');
  check(() => assert.deepEqual(Object.fromEntries(binaryIndex.params.map(p => [p.key, p.value])).index_type, 'HNSW'));
  for (let q = 0; q < 5; q++) {
    const query = bits[q * 97].map((b, i) => (i === q ? b ^ 0x0f : b));
    const found = ok(await client.search({
      collection_name: 'bits3', anns_field: 'bin', data: [query], limit: 10, params: { ef: 2 * ROWS }, output_fields: ['id'],
    }), 'search bits3');
    const distances = new Map(bits.map((row, id) => [id, row.reduce((sum, b, i) => sum + popcount(b ^ query[i]), 0)]));
    check(() => assert.deepEqual(hitsOf(found.results), best(distances, 10, false)));
  }
  console.log('binary HNSW ok');

  // HNSW with MAX_SIM_IP on an embedding list: 1 to 3 elements of 4 small integers a row.
  ok(await client.createCollection({
    collection_name: 'lists3', consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      {
        name: 'clips', data_type: DataType.Array, element_type: DataType.Struct, max_capacity: 3,
        fields: [{ name: 'frame', data_type: DataType.Int64 }, { name: 'emb', data_type: DataType.FloatVector, dim: 4 }],
      },
    ],
  }), 'createCollection lists3');
  const small = () => Math.floor(random() * 7) - 3;
  const lists = Array.from({ length: ROWS }, (_, id) => Array.from({ length: 1 + id % 3 }, () => Array.from({ length: 4 }, small)));
  ok(await client.insert({
    collection_name: 'lists3',
    data: lists.map((list, id) => ({ id, vec: [id, 1], clips: list.map((emb, frame) => ({ frame, emb })) })),
  }), 'insert lists3');
  ok(await client.flushSync({ collection_names: ['lists3'] }), 'flushSync lists3');
  ok(await client.createIndex({ collection_name: 'lists3', field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex vec');
  ok(await client.createIndex({
    collection_name: 'lists3', field_name: 'clips[emb]', index_type: 'HNSW', metric_type: 'MAX_SIM_IP', params: { M: 8, efConstruction: 64 },
  }), 'createIndex HNSW MAX_SIM_IP');
  ok(await client.loadCollectionSync({ collection_name: 'lists3' }), 'load lists3');
  await waitForIndex(client, 'lists3', 'clips[emb]');
  const dot = (a, b) => a.reduce((sum, v, i) => sum + v * b[i], 0);
  for (let q = 0; q < 5; q++) {
    const query = [lists[q * 101][0], lists[q * 53 + 7][0]];
    const found = ok(await client.search({
      collection_name: 'lists3', anns_field: 'clips[emb]', data: query, limit: 10, output_fields: ['id'],
      params: { ef: 3 * ROWS, retrieval_ann_ratio: 3 * ROWS },
    }), 'search lists3');
    const scores = new Map(lists.map((list, id) => [id, query.reduce((sum, v) => sum + Math.max(...list.map(e => dot(v, e))), 0)]));
    check(() => assert.deepEqual(hitsOf(found.results), best(scores, 10, true)));
  }
  console.log('embedding-list HNSW ok');

  for (const name of ['bits3', 'lists3']) ok(await client.dropCollection({ collection_name: name }), `drop ${name}`);
  await client.closeConnection();
  console.log(`graph indexes passed: ${checks} checks`);
});
