'use strict';
// The Node SDK's everyday operations beyond one collection's lifecycle, each checked exactly: databases,
// partitions, aliases, upsert, query paging, search offset/rounding with an HNSW index (IP metric).
// Usage: node operations.js <address>
const { DataType } = require('./lib/sdk');
const { assert, addressFromArgs, connect, ok, prng, randomVector, main } = require('./lib/harness');
const { bruteForce, closeEnough } = require('./lib/vectors');

const DB = 'shop';
const COLLECTION = 'items';
const DIM = 4;
const random = prng(99);
const item = (id, name) => ({ id, name: name ?? `item-${id}`, vec: randomVector(random, DIM) });
const ids = res => res.data.map(r => Number(r.id)).sort((a, b) => a - b);
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

main(async () => {
  const client = connect(addressFromArgs());

  ok(await client.createDatabase({ db_name: DB }), 'createDatabase');
  const dbs = ok(await client.listDatabases(), 'listDatabases');
  assert.deepEqual([...dbs.db_names].sort(), ['default', DB]);
  await client.useDatabase({ db_name: DB });

  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'name', data_type: DataType.VarChar, max_length: 32 },
      { name: 'vec', data_type: DataType.FloatVector, dim: DIM },
    ],
  }), 'createCollection');
  const listed = ok(await client.showCollections(), 'showCollections');
  assert.deepEqual(listed.data.map(c => c.name), [COLLECTION]);

  for (const p of ['p1', 'p2']) ok(await client.createPartition({ collection_name: COLLECTION, partition_name: p }), `createPartition ${p}`);
  const partitions = ok(await client.showPartitions({ collection_name: COLLECTION }), 'showPartitions');
  assert.deepEqual([...partitions.partition_names].sort(), ['_default', 'p1', 'p2']);

  let rows = [...range(1, 10).map(id => item(id)), ...range(11, 20).map(id => item(id)), ...range(21, 25).map(id => item(id))];
  ok(await client.insert({ collection_name: COLLECTION, partition_name: 'p1', data: rows.slice(0, 10) }), 'insert p1');
  ok(await client.insert({ collection_name: COLLECTION, partition_name: 'p2', data: rows.slice(10, 20) }), 'insert p2');
  ok(await client.insert({ collection_name: COLLECTION, data: rows.slice(20) }), 'insert _default');

  ok(await client.createIndex({
    collection_name: COLLECTION, field_name: 'vec', index_type: 'HNSW', metric_type: 'IP', params: { M: 8, efConstruction: 64 },
  }), 'createIndex HNSW');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');

  const inP1 = ok(await client.query({ collection_name: COLLECTION, partition_names: ['p1'], filter: 'id > 0', output_fields: ['id'] }), 'query p1');
  assert.deepEqual(ids(inP1), range(1, 10));
  const inBoth = ok(await client.query({ collection_name: COLLECTION, partition_names: ['p2', '_default'], filter: 'id > 0', output_fields: ['id'] }), 'query p2+_default');
  assert.deepEqual(ids(inBoth), range(11, 25));
  const page = ok(await client.query({ collection_name: COLLECTION, filter: 'id > 0', output_fields: ['id'], limit: 5, offset: 3 }), 'query page');
  assert.deepEqual(page.data.map(r => Number(r.id)), range(4, 8), 'query pages are in primary key order');
  console.log('partitions and query paging ok');

  const replaced = [item(1, 'renamed-1'), item(2, 'renamed-2'), item(26, 'new-26')];
  const upserted = ok(await client.upsert({ collection_name: COLLECTION, partition_name: 'p1', data: replaced }), 'upsert');
  assert.equal(Number(upserted.upsert_cnt), 3);
  rows = [...rows.filter(r => ![1, 2].includes(r.id)), ...replaced];
  const names = ok(await client.query({ collection_name: COLLECTION, filter: 'id in [1, 2, 3, 26]', output_fields: ['id', 'name'] }), 'query upserted');
  assert.deepEqual(names.data.map(r => [Number(r.id), r.name]).sort((a, b) => a[0] - b[0]),
    [[1, 'renamed-1'], [2, 'renamed-2'], [3, 'item-3'], [26, 'new-26']]);
  assert.equal(ok(await client.count({ collection_name: COLLECTION }), 'count').data, 26);
  console.log('upsert ok');

  const query = randomVector(random, DIM);
  const found = ok(await client.search({
    collection_name: COLLECTION, data: [query], anns_field: 'vec', limit: 3, offset: 2, output_fields: ['id'],
    params: { ef: 64, round_decimal: 3 },
  }), 'search HNSW IP');
  const expected = bruteForce(rows, r => r.vec, r => r.id, query, 'IP', 5).slice(2);
  assert.deepEqual(found.results.map(h => Number(h.id)), expected.map(e => e.id), 'search offset skips the best hits');
  found.results.forEach((hit, i) => assert.ok(closeEnough(hit.score, Math.round(expected[i].distance * 1000) / 1000),
    `hit ${i}: score ${hit.score} vs rounded brute force ${expected[i].distance}`));
  console.log('HNSW search with offset and round_decimal ok');

  ok(await client.createAlias({ collection_name: COLLECTION, alias: 'catalog' }), 'createAlias');
  const viaAlias = ok(await client.query({ collection_name: 'catalog', filter: 'id >= 25', output_fields: ['id'] }), 'query alias');
  assert.deepEqual(ids(viaAlias), [25, 26]);
  // The SDK's describe/drop alias calls also want collection_name (a client-side check of SDK 2.6.17).
  const alias = ok(await client.describeAlias({ collection_name: COLLECTION, alias: 'catalog' }), 'describeAlias');
  assert.equal(alias.collection, COLLECTION);
  ok(await client.dropAlias({ collection_name: COLLECTION, alias: 'catalog' }), 'dropAlias');
  console.log('aliases ok');

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  ok(await client.dropDatabase({ db_name: DB }), 'dropDatabase');
  const after = ok(await client.listDatabases(), 'listDatabases after drop');
  assert.deepEqual([...after.db_names], ['default']);
  await client.closeConnection();
  console.log('operations passed');
});
