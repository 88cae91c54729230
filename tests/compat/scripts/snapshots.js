'use strict';
// Milvus 3.0 snapshots through the official Node SDK 3.0.6: snapshot -> delete, upsert, insert, compact -> restore
// into a new collection -> exactly the snapshot's rows (and index), plus describe, list, jobs, pins and the errors.
// Usage: node snapshots.js <address>
const { MilvusClient, DataType } = require('milvus2-sdk-node-3');
const { assert, addressFromArgs, ok, prng, randomVector, main } = require('./lib/harness');
const { bruteForce } = require('./lib/vectors');

const SOURCE = 'books';
const TARGET = 'books_restored';
const DIM = 4;
const random = prng(3030);
const book = id => ({ id, title: `title-${id}`, vec: randomVector(random, DIM) });
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
let checks = 0;
const check = (fn) => { fn(); checks++; };

async function waitForJob(client, jobId) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const state = ok(await client.getRestoreSnapshotState({ job_id: jobId }), 'getRestoreSnapshotState');
    if (state.info.state === 'RestoreSnapshotCompleted' || state.info.state === 'RestoreSnapshotFailed') return state.info;
    assert.ok(Date.now() < deadline, `restore job ${jobId} still ${state.info.state}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

main(async () => {
  const client = new MilvusClient({ address: addressFromArgs(), timeout: 60000, logLevel: 'error' });

  ok(await client.createCollection({
    collection_name: SOURCE, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'title', data_type: DataType.VarChar, max_length: 32 },
      { name: 'vec', data_type: DataType.FloatVector, dim: DIM },
    ],
  }), 'createCollection');
  const original = range(1, 20).map(book);
  ok(await client.insert({ collection_name: SOURCE, data: original }), 'insert');
  ok(await client.createIndex({ collection_name: SOURCE, field_name: 'vec', index_name: 'vec_hnsw', index_type: 'HNSW', metric_type: 'L2', params: { M: 8, efConstruction: 64 } }), 'createIndex');
  ok(await client.flushSync({ collection_names: [SOURCE] }), 'flushSync');

  ok(await client.createSnapshot({ collection_name: SOURCE, snapshot_name: 'before_cleanup', description: 'twenty books' }), 'createSnapshot');
  const duplicate = await client.createSnapshot({ collection_name: SOURCE, snapshot_name: 'before_cleanup' });
  check(() => assert.deepEqual([duplicate.code, duplicate.reason], [65535, `snapshot already exists[snapshot=before_cleanup][collection=${SOURCE}]`]));
  const described = ok(await client.describeSnapshot({ collection_name: SOURCE, snapshot_name: 'before_cleanup' }), 'describeSnapshot');
  check(() => assert.deepEqual([described.name, described.description, described.collection_name, described.partition_names],
    ['before_cleanup', 'twenty books', SOURCE, ['_default']]));
  check(() => assert.ok(Math.abs(Number(described.create_ts) - Date.now()) < 300000, `create_ts ${described.create_ts} is unix ms`));
  const listed = ok(await client.listSnapshots({ collection_name: SOURCE }), 'listSnapshots');
  check(() => assert.deepEqual(listed.snapshots, ['before_cleanup']));
  console.log('snapshot taken');

  ok(await client.delete({ collection_name: SOURCE, filter: 'id <= 5' }), 'delete');
  ok(await client.upsert({ collection_name: SOURCE, data: [{ ...book(6), title: 'changed' }] }), 'upsert');
  ok(await client.insert({ collection_name: SOURCE, data: range(21, 25).map(book) }), 'insert more');
  ok(await client.compact({ collection_name: SOURCE }), 'compact');

  const pin = ok(await client.pinSnapshotData({ collection_name: SOURCE, snapshot_name: 'before_cleanup', ttl_seconds: 600 }), 'pinSnapshotData');
  check(() => assert.ok(BigInt(pin.pin_id) > 0n));
  const restore = ok(await client.restoreSnapshot({ snapshot_name: 'before_cleanup', source_collection_name: SOURCE, target_collection_name: TARGET }), 'restoreSnapshot');
  const job = await waitForJob(client, restore.job_id);
  check(() => assert.deepEqual([job.job_id, job.snapshot_name, job.db_name, job.collection_name, job.state, job.progress, job.reason],
    [restore.job_id, 'before_cleanup', 'default', TARGET, 'RestoreSnapshotCompleted', 100, '']));
  ok(await client.unpinSnapshotData({ pin_id: pin.pin_id }), 'unpinSnapshotData');
  const jobs = ok(await client.listRestoreSnapshotJobs({ collection_name: TARGET }), 'listRestoreSnapshotJobs');
  check(() => assert.deepEqual(jobs.jobs.map(j => j.job_id), [restore.job_id]));
  const again = await client.restoreSnapshot({ snapshot_name: 'before_cleanup', source_collection_name: SOURCE, target_collection_name: TARGET });
  check(() => assert.deepEqual([again.status.code, again.status.reason], [65535, `duplicate collection: collection ${TARGET} already exists in database default`]));
  console.log('restore job completed');

  const index = ok(await client.describeIndex({ collection_name: TARGET, field_name: 'vec' }), 'describeIndex restored');
  check(() => assert.deepEqual(index.index_descriptions.map(i => [i.index_name, i.field_name]), [['vec_hnsw', 'vec']]));
  ok(await client.loadCollectionSync({ collection_name: TARGET }), 'load restored');
  const restored = ok(await client.query({ collection_name: TARGET, filter: 'id > 0', output_fields: ['id', 'title', 'vec'] }), 'query restored');
  const rows = restored.data.map(r => ({ id: Number(r.id), title: r.title, vec: r.vec })).sort((a, b) => a.id - b.id);
  check(() => assert.deepEqual(rows, original));
  ok(await client.loadCollectionSync({ collection_name: SOURCE }), 'load source');
  const source = ok(await client.query({ collection_name: SOURCE, filter: 'id > 0', output_fields: ['id', 'title'] }), 'query source');
  const sourceRows = source.data.map(r => `${r.id}:${r.title}`).sort((a, b) => parseInt(a) - parseInt(b));
  check(() => assert.deepEqual(sourceRows, ['6:changed', ...range(7, 25).map(id => `${id}:title-${id}`)]));

  const query = randomVector(random, DIM);
  const found = ok(await client.search({ collection_name: TARGET, data: [query], anns_field: 'vec', limit: 5, output_fields: ['id'] }), 'search restored');
  const expected = bruteForce(original, r => r.vec, r => r.id, query, 'L2', 5).map(h => h.id);
  check(() => assert.deepEqual(found.results.map(r => Number(r.id)), expected));
  console.log('restored rows are the snapshot rows');

  ok(await client.dropSnapshot({ collection_name: SOURCE, snapshot_name: 'before_cleanup' }), 'dropSnapshot');
  const empty = ok(await client.listSnapshots({ collection_name: SOURCE }), 'listSnapshots after drop');
  check(() => assert.deepEqual(empty.snapshots, []));
  ok(await client.dropSnapshot({ collection_name: SOURCE, snapshot_name: 'before_cleanup' }), 'dropSnapshot again (idempotent)');
  console.log(`snapshots passed: ${checks} checks`);
});
