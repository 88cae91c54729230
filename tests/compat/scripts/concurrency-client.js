'use strict';
// One Node SDK client of the concurrency suite (Milvus.Local.Tests' ConcurrencyTests), running beside C# clients on
// the same server: on collection "shared" (pk Int64, ver Int64, v 8-d float) it owns the keys from
// (100 + index) * 1e6 and each round inserts new keys (ver = round), upserts some of its keys (ver = -round), deletes
// a few, searches and queries, and creates and drops a collection of its own. Every call must succeed. It ends by
// printing "model <json>": its keys and their last acknowledged ver, which the C# test adds to its own to check the
// final rows exactly.
// Usage: node concurrency-client.js <address> <index> <rounds>
const { assert, addressFromArgs, connect, ok, prng, main } = require('./lib/harness');
const { DataType } = require('./lib/sdk');

const DIM = 8;
const index = Number(process.argv[3]);
const rounds = Number(process.argv[4]);

const vector = key => Array.from({ length: DIM }, (_, d) => (key + d) % 13);
const rows = (keys, ver) => keys.map(pk => ({ pk, ver, v: vector(pk) }));

/** `count` distinct keys of the model, chosen by the seeded generator. */
function pick(random, model, count) {
  const keys = [...model.keys()];
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return keys.slice(0, count);
}

main(async () => {
  const client = connect(addressFromArgs());
  const random = prng(1000 + index);
  const model = new Map();
  let next = (100 + index) * 1_000_000;
  let reads = 0;
  let ddl = 0;
  for (let round = 1; round <= rounds; round++) {
    const inserted = Array.from({ length: 1 + Math.floor(random() * 40) }, () => next++);
    const insert = ok(await client.insert({ collection_name: 'shared', data: rows(inserted, round) }), `insert round ${round}`);
    assert.equal(Number(insert.insert_cnt), inserted.length);
    inserted.forEach(pk => model.set(pk, round));

    const upserted = pick(random, model, 1 + Math.floor(random() * 20));
    ok(await client.upsert({ collection_name: 'shared', data: rows(upserted, -round) }), `upsert round ${round}`);
    upserted.forEach(pk => model.set(pk, -round));

    const deleted = pick(random, model, Math.floor(random() * 8));
    if (deleted.length > 0) {
      ok(await client.delete({ collection_name: 'shared', filter: `pk in [${deleted.join(',')}]` }), `delete round ${round}`);
      deleted.forEach(pk => model.delete(pk));
    }

    ok(await client.search({ collection_name: 'shared', data: vector(Math.floor(random() * 13)), limit: 10, output_fields: ['ver'] }),
      `search round ${round}`);
    ok(await client.query({ collection_name: 'shared', filter: `ver == ${round}`, output_fields: ['pk'], limit: 100 }), `query round ${round}`);
    reads += 2;

    const name = `node${index}_ddl${round}`;
    ok(await client.createCollection({
      collection_name: name,
      fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'v', data_type: DataType.FloatVector, dim: 2 }],
    }), `create ${name}`);
    ok(await client.dropCollection({ collection_name: name }), `drop ${name}`);
    ddl += 2;
  }
  console.log(`node client ${index}: ${rounds} rounds, ${reads} reads, ${ddl} DDL operations, ${model.size} rows`);
  console.log(`model ${JSON.stringify(Object.fromEntries(model))}`);
});
