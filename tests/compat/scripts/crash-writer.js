'use strict';
// Inserts batches of rows without end, printing "acked <lastId>" after the server acknowledged each batch.
// The crash test kills the server with SIGKILL while this runs; every acknowledged row must survive.
// Usage: node crash-writer.js <address>
const { assert, addressFromArgs, connect, ok, main } = require('./lib/harness');
const data = require('./lib/crash-data');

main(async () => {
  const client = connect(addressFromArgs());
  ok(await client.createCollection({ collection_name: data.COLLECTION, fields: data.fields, consistency_level: 'Strong' }),
    'createCollection');
  console.log('created');
  for (let first = 0; ; first += data.BATCH) {
    const batch = Array.from({ length: data.BATCH }, (_, i) => data.row(first + i));
    const inserted = ok(await client.insert({ collection_name: data.COLLECTION, data: batch }), `insert ${first}`);
    assert.equal(Number(inserted.insert_cnt), data.BATCH);
    console.log(`acked ${first + data.BATCH - 1}`);
  }
});
