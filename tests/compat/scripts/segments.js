'use strict';
// Segments as the Node SDK sees them: ten inserts fill one growing segment of the partition (Milvus assigns every
// insert to the partition's growing segment until it is sealed), a flush seals it into one flushed segment, and the
// next insert opens the next growing segment. Checked through getPersistentSegmentInfo and getQuerySegmentInfo.
// Usage: node segments.js <address>
const { DataType } = require('./lib/sdk');
const { assert, addressFromArgs, connect, ok, main } = require('./lib/harness');

const COLLECTION = 'segments';

main(async () => {
  const client = connect(addressFromArgs());
  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'v', data_type: DataType.FloatVector, dim: 4 }],
  }), 'createCollection');
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'v', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');
  for (let batch = 0; batch < 10; batch++) await insert(client, batch * 100, 100);

  const growing = await segments(client);
  assert.deepEqual(growing.persistent.map(s => [s.rows, s.state]), [[1000, 'Growing']], 'persistent: one growing segment');
  assert.deepEqual(growing.query.map(s => [s.id, s.rows, s.state]), [[growing.persistent[0].id, 1000, 'Growing']], 'query: the same segment');

  ok(await client.flushSync({ collection_names: [COLLECTION] }), 'flushSync');
  const flushed = await segments(client);
  assert.deepEqual(flushed.persistent.map(s => [s.rows, s.state]), [[1000, 'Flushed']], 'persistent after flush');
  assert.deepEqual(flushed.query.map(s => [s.id, s.rows, s.state]), [[flushed.persistent[0].id, 1000, 'Sealed']], 'query after flush');

  await insert(client, 1000, 50);
  const next = await segments(client);
  assert.deepEqual(next.persistent.map(s => [s.rows, s.state]), [[1000, 'Flushed'], [50, 'Growing']], 'a new growing segment');
  assert.equal(next.persistent[0].id, flushed.persistent[0].id, 'the flushed segment stays');
  assert.deepEqual(next.query.map(s => [s.rows, s.state]), [[1000, 'Sealed'], [50, 'Growing']], 'query after the next insert');

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  await client.closeConnection();
  console.log('segments passed');
});

async function insert(client, first, count) {
  const data = Array.from({ length: count }, (_, i) => ({ id: first + i, v: [first + i, 1, 0, 0] }));
  ok(await client.insert({ collection_name: COLLECTION, data }), 'insert');
}

async function segments(client) {
  const persistent = await client.getPersistentSegmentInfo({ collectionName: COLLECTION });
  ok(persistent.status, 'getPersistentSegmentInfo');
  const query = await client.getQuerySegmentInfo({ collectionName: COLLECTION });
  ok(query.status, 'getQuerySegmentInfo');
  const shape = s => ({ id: String(s.segmentID), rows: Number(s.num_rows), state: s.state });
  return { persistent: persistent.infos.map(shape), query: query.infos.map(shape) };
}
