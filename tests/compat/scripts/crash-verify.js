'use strict';
// After a crash and restart: every acknowledged row (ids 0..lastAcked) is there with its exact content, and
// whatever else survived consists of whole batches (an insert is all or nothing).
// Usage: node crash-verify.js <address> <lastAckedId>
const { assert, addressFromArgs, connect, ok, main } = require('./lib/harness');
const data = require('./lib/crash-data');

main(async () => {
  const client = connect(addressFromArgs());
  const lastAcked = Number(process.argv[3]);
  assert.ok(Number.isInteger(lastAcked) && lastAcked >= 0, 'usage: crash-verify.js <address> <lastAckedId>');

  ok(await client.createIndex({ collection_name: data.COLLECTION, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }),
    'createIndex');
  ok(await client.loadCollectionSync({ collection_name: data.COLLECTION }), 'load');
  const count = ok(await client.count({ collection_name: data.COLLECTION }), 'count').data;
  assert.ok(count >= lastAcked + 1, `only ${count} rows survived, but ${lastAcked + 1} were acknowledged`);
  assert.equal(count % data.BATCH, 0, `${count} rows: a batch of ${data.BATCH} was torn`);

  const rows = ok(await client.query({
    collection_name: data.COLLECTION, filter: `id <= ${lastAcked}`, output_fields: ['id', 'label', 'vec'],
  }), 'query acknowledged').data;
  assert.equal(rows.length, lastAcked + 1, 'every acknowledged row is queryable');
  rows.sort((a, b) => Number(a.id) - Number(b.id));
  rows.forEach((actual, id) => assert.deepEqual({ ...actual, id: Number(actual.id) }, data.row(id), `row ${id}`));

  const beyond = ok(await client.query({ collection_name: data.COLLECTION, filter: `id > ${lastAcked}`, output_fields: ['id'] }),
    'query unacknowledged').data.map(r => Number(r.id)).sort((a, b) => a - b);
  beyond.forEach((id, i) => assert.equal(id, lastAcked + 1 + i, 'survivors beyond the last ack are contiguous'));
  console.log(`verified ${lastAcked + 1} acknowledged rows (${count} rows in all)`);
});
