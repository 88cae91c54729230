'use strict';
// Milvus 3.0 nullable vector fields through the official Node SDK 3.0.6: insert and upsert rows with null vectors
// (the SDK sends valid_data and a compact payload), query gets them back as null, search never returns them, and a
// vector field added later is null for older rows (the SDK itself refuses adding a non-nullable one).
// Usage: node nullable-vectors.js <address>
const { MilvusClient, DataType } = require('milvus2-sdk-node-3');
const { assert, addressFromArgs, ok, main } = require('./lib/harness');

let checks = 0;
const check = (fn) => { fn(); checks++; };
const byId = rows => [...rows].sort((a, b) => Number(a.id) - Number(b.id));

const cases = [
  { label: 'float', type: DataType.FloatVector, dim: 2, metric: 'L2', index: 'HNSW', vectors: [[1, 2], null, [3, 4]], query: [1, 2], distances: [0, 8] },
  { label: 'int8', type: DataType.Int8Vector, dim: 2, metric: 'L2', index: 'HNSW', vectors: [[1, 2], null, [3, 4]], query: [1, 2], distances: [0, 8] },
  { label: 'binary', type: DataType.BinaryVector, dim: 8, metric: 'HAMMING', index: 'BIN_FLAT', vectors: [[1], null, [2]], query: [1], distances: [0, 2] },
  { label: 'sparse', type: DataType.SparseFloatVector, metric: 'IP', index: 'SPARSE_INVERTED_INDEX', vectors: [{ 0: 1 }, null, { 0: 0.5, 1: 2 }], query: { 0: 1 }, distances: [1, 0.5] },
];

async function nullableCase(client, c) {
  const name = `nv_${c.label}`;
  const vectorField = { name: 'vector', data_type: c.type, nullable: true, ...(c.dim ? { dim: c.dim } : {}) };
  ok(await client.createCollection({
    collection_name: name, consistency_level: 'Strong',
    fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: false }, vectorField],
  }), `${c.label}: createCollection`);
  const described = ok(await client.describeCollection({ collection_name: name }), 'describeCollection');
  check(() => assert.equal(described.schema.fields.find(f => f.name === 'vector').nullable, true));
  const insert = ok(await client.insert({ collection_name: name, data: c.vectors.map((vector, i) => ({ id: i + 1, vector })) }), `${c.label}: insert`);
  check(() => assert.equal(Number(insert.insert_cnt), 3));
  ok(await client.createIndex({ collection_name: name, field_name: 'vector', index_type: c.index, metric_type: c.metric }), `${c.label}: createIndex`);
  ok(await client.loadCollectionSync({ collection_name: name }), `${c.label}: load`);

  const query = ok(await client.query({ collection_name: name, filter: 'id >= 1', output_fields: ['id', 'vector'] }), `${c.label}: query`);
  const rows = byId(query.data);
  check(() => assert.deepEqual(rows.map(r => Number(r.id)), [1, 2, 3]));
  check(() => assert.equal(rows[1].vector, null, `${c.label}: row 2 is null`));
  check(() => assert.notEqual(rows[0].vector, null, `${c.label}: row 1 has its vector`));

  const search = ok(await client.search({ collection_name: name, data: c.query, limit: 3, output_fields: ['id', 'vector'] }), `${c.label}: search`);
  check(() => assert.deepEqual(search.results.map(r => Number(r.id)), [1, 3], `${c.label}: search skips the null row`));
  check(() => assert.deepEqual(search.results.map(r => Number(r.score.toFixed(4))), c.distances));
  check(() => assert.ok(search.results.every(r => r.vector !== null)));

  // Upsert swaps: row 2 gets row 3's vector, row 3 becomes null.
  ok(await client.upsert({ collection_name: name, data: [{ id: 2, vector: c.vectors[2] }, { id: 3, vector: null }] }), `${c.label}: upsert`);
  const after = byId(ok(await client.query({ collection_name: name, filter: 'id >= 1', output_fields: ['id', 'vector'] }), 'query').data);
  check(() => assert.deepEqual(after.map(r => r.vector === null), [false, false, true]));
  const again = ok(await client.search({ collection_name: name, data: c.query, limit: 3 }), `${c.label}: search after upsert`);
  check(() => assert.deepEqual(again.results.map(r => Number(r.id)), [1, 2]));
  console.log(`${c.label} nullable vectors ok`);
}

main(async () => {
  const client = new MilvusClient({ address: addressFromArgs(), timeout: 60000, logLevel: 'error' });
  for (const c of cases) await nullableCase(client, c);

  // A vector field added to a collection with rows: null for them.
  ok(await client.createCollection({
    collection_name: 'nv_added', consistency_level: 'Strong',
    fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'vector', data_type: DataType.FloatVector, dim: 2 }],
  }), 'createCollection');
  ok(await client.insert({ collection_name: 'nv_added', data: [{ id: 1, vector: [1, 2] }, { id: 2, vector: [3, 4] }] }), 'insert');
  ok(await client.addCollectionField({ collection_name: 'nv_added', field: { name: 'extra', data_type: DataType.FloatVector, dim: 2, nullable: true } }), 'addCollectionField');
  ok(await client.createIndex([
    { collection_name: 'nv_added', field_name: 'vector', index_type: 'AUTOINDEX', metric_type: 'L2' },
    { collection_name: 'nv_added', field_name: 'extra', index_type: 'AUTOINDEX', metric_type: 'L2' },
  ]), 'createIndex');
  ok(await client.loadCollectionSync({ collection_name: 'nv_added' }), 'load');
  const old = ok(await client.query({ collection_name: 'nv_added', filter: 'id >= 1', output_fields: ['id', 'extra'] }), 'query');
  check(() => assert.deepEqual(byId(old.data).map(r => r.extra), [null, null]));
  console.log(`nullable vectors passed: ${checks} checks`);
});
