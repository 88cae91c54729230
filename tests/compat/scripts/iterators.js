'use strict';
// The Node SDK's iterators: queryIterator pages through every row once; searchIterator (search iterator v2:
// token and last_bound in search_iterator_v2_results) walks the nearest neighbours in order, batch by batch.
// Usage: node iterators.js <address> [query|search|both]   (default both)
const { DataType } = require('./lib/sdk');
const { assert, addressFromArgs, connect, ok, prng, randomVector, main } = require('./lib/harness');
const { bruteForce, closeEnough } = require('./lib/vectors');

const COLLECTION = 'walk';
const ROWS = 300;

main(async () => {
  const client = connect(addressFromArgs());
  const which = process.argv[3] ?? 'both';
  assert.ok(['query', 'search', 'both'].includes(which), `unknown iterator choice ${which}`);
  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'v', data_type: DataType.FloatVector, dim: 4 }],
  }), 'createCollection');
  const random = prng(5);
  const rows = Array.from({ length: ROWS }, (_, id) => ({ id, v: randomVector(random, 4) }));
  ok(await client.insert({ collection_name: COLLECTION, data: rows }), 'insert');
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'v', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');

  if (which !== 'search') await checkQueryIterator(client, rows);
  if (which !== 'query') await checkSearchIterator(client, rows, randomVector(random, 4));

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  await client.closeConnection();
  console.log('iterators passed');
});

async function checkQueryIterator(client, rows) {
  const pages = await client.queryIterator({ collection_name: COLLECTION, batchSize: 70, filter: 'id >= 0', output_fields: ['id'] });
  const sizes = [];
  const seen = [];
  for await (const batch of pages) {
    sizes.push(batch.length);
    seen.push(...batch.map(r => Number(r.id)));
  }
  assert.deepEqual(sizes, [70, 70, 70, 70, 20]);
  assert.deepEqual(seen.sort((a, b) => a - b), rows.map(r => r.id), 'queryIterator returns every row once');
  console.log('queryIterator ok');
}

async function checkSearchIterator(client, rows, query) {
  const walk = await client.searchIterator({
    collection_name: COLLECTION, data: query, anns_field: 'v', batchSize: 50, limit: 120, output_fields: ['id'],
  });
  const batches = [];
  for await (const batch of walk) batches.push(batch);
  assert.deepEqual(batches.map(b => b.length), [50, 50, 20], 'searchIterator batches');
  const hits = batches.flat();
  const expected = bruteForce(rows, r => r.v, r => r.id, query, 'L2', 120);
  assert.deepEqual(hits.map(h => Number(h.id)), expected.map(e => e.id), 'searchIterator walks nearest first');
  hits.forEach((hit, i) => assert.ok(closeEnough(hit.score, expected[i].distance), `hit ${i}`));
  console.log('searchIterator ok');
}
