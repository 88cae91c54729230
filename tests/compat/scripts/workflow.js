'use strict';
// The official Node SDK drives a whole collection lifecycle against Milvus.Local.Server and checks every
// answer exactly: ids and counts of filtered queries, search ids and distances against brute force (L2 and
// COSINE), get by ids with every field's value, deletes, count, drop.
// Usage: node workflow.js <address>
const { assert, addressFromArgs, connect, ok, prng, randomVector, main } = require('./lib/harness');
const { bruteForce, closeEnough } = require('./lib/vectors');
const books = require('./lib/books');

const COLLECTION = 'books';
const ROWS = 1200;
const sortIds = ids => ids.map(String).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));

// Filters with the predicate that defines their expected result.
const FILTERS = [
  ['year > 2010 and in_stock == true', r => r.year > 2010 && r.in_stock],
  ['title like "red%"', r => r.title.startsWith('red')],
  ['id in [10000000000, 10000000007, 10000000700, 5]', r => [10000000000, 10000000007, 10000000700].includes(r.id)],
  ['meta["tag"] == "b" and price < 300.0', r => r.meta.tag === 'b' && r.price < 300],
  ['array_contains(tags, 7)', r => r.tags.includes(7)],
  ['year in [1995, 2000] or price >= 990.0', r => r.year === 1995 || r.year === 2000 || r.price >= 990],
  ['not (year < 2020)', r => !(r.year < 2020)],
  ['meta["n"] > 7 and meta["nested"]["k"] == 2', r => r.meta.n > 7 && r.meta.nested.k === 2],
  ['array_length(tags) == 0 and year <= 1995', r => r.tags.length === 0 && r.year <= 1995],
  ['title != "red book 0" and year == 1990', r => r.title !== 'red book 0' && r.year === 1990],
  ['price >= 100.5 and price <= 200.25', r => r.price >= 100.5 && r.price <= 200.25],
];

let checks = 0;
function check(fn) { fn(); checks++; }

async function expectQuery(client, rows, filter, predicate) {
  const res = ok(await client.query({ collection_name: COLLECTION, filter, output_fields: ['id'] }), `query ${filter}`);
  const expected = sortIds(rows.filter(predicate).map(r => r.id));
  check(() => assert.deepEqual(sortIds(res.data.map(d => d.id)), expected, `query ${filter}`));
  return expected.length;
}

async function expectSearch(client, rows, metric, filter, predicate) {
  const random = prng(metric === 'L2' ? 7 : 11);
  const queries = [0, 1, 2].map(() => randomVector(random, books.DIM));
  const limit = 10;
  const res = ok(await client.search({
    collection_name: COLLECTION, data: queries, anns_field: 'vec', limit, metric_type: metric,
    output_fields: ['id', 'year'], ...(filter ? { filter } : {}),
  }), `search ${metric} ${filter || ''}`);
  check(() => assert.equal(res.results.length, queries.length, 'one result list per query vector'));
  const candidates = predicate ? rows.filter(predicate) : rows;
  queries.forEach((q, n) => {
    const expected = bruteForce(candidates, r => r.vec, r => r.id, q, metric, limit);
    const actual = res.results[n];
    check(() => assert.deepEqual(actual.map(h => String(h.id)), expected.map(e => String(e.id)),
      `${metric} search ${n} ${filter || ''} ids`));
    actual.forEach((hit, i) => check(() => assert.ok(closeEnough(hit.score, expected[i].distance),
      `${metric} search ${n} hit ${i}: distance ${hit.score}, brute force ${expected[i].distance}`)));
    actual.forEach(hit => check(() => assert.equal(hit.year, rows.find(r => String(r.id) === String(hit.id)).year)));
  });
}

main(async () => {
  const client = connect(addressFromArgs());
  let rows = books.rows(ROWS);

  const has = ok(await client.hasCollection({ collection_name: COLLECTION }), 'hasCollection');
  if (has.value) ok(await client.dropCollection({ collection_name: COLLECTION }), 'drop leftover');

  ok(await client.createCollection({
    collection_name: COLLECTION, fields: books.fields, enable_dynamic_field: false, consistency_level: 'Strong',
  }), 'createCollection');
  const described = ok(await client.describeCollection({ collection_name: COLLECTION }), 'describeCollection');
  check(() => assert.deepEqual(described.schema.fields.map(f => [f.name, f.data_type]), [
    ['id', 'Int64'], ['title', 'VarChar'], ['year', 'Int32'], ['price', 'Double'], ['in_stock', 'Bool'],
    ['meta', 'JSON'], ['tags', 'Array'], ['vec', 'FloatVector'],
  ]));
  check(() => assert.equal(described.schema.fields.find(f => f.name === 'id').is_primary_key, true));

  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }),
    'createIndex L2');
  const index = ok(await client.describeIndex({ collection_name: COLLECTION, field_name: 'vec' }), 'describeIndex');
  check(() => assert.equal(index.index_descriptions.length, 1));
  check(() => assert.equal(index.index_descriptions[0].field_name, 'vec'));
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'loadCollectionSync');
  const state = ok(await client.getLoadState({ collection_name: COLLECTION }), 'getLoadState');
  check(() => assert.equal(state.state, 'LoadStateLoaded'));

  for (let start = 0; start < ROWS; start += 400) {
    const batch = rows.slice(start, start + 400);
    const inserted = ok(await client.insert({ collection_name: COLLECTION, data: batch }), `insert ${start}`);
    check(() => assert.equal(Number(inserted.insert_cnt), batch.length));
    check(() => assert.deepEqual(inserted.IDs.int_id.data.map(String), batch.map(r => String(r.id))));
  }
  console.log(`inserted ${ROWS} rows`);

  const count = ok(await client.count({ collection_name: COLLECTION }), 'count');
  check(() => assert.equal(count.data, ROWS));

  for (const [filter, predicate] of FILTERS) await expectQuery(client, rows, filter, predicate);
  console.log(`${FILTERS.length} filtered queries matched`);

  const sample = [rows[0], rows[3], rows[777], rows[ROWS - 1]];
  const got = ok(await client.get({ collection_name: COLLECTION, ids: sample.map(r => String(r.id)), output_fields: ['*'] }), 'get');
  check(() => assert.equal(got.data.length, sample.length));
  for (const expected of sample) {
    const actual = got.data.find(d => String(d.id) === String(expected.id));
    check(() => assert.ok(actual, `get ${expected.id}`));
    check(() => assert.deepEqual(
      { ...actual, id: String(actual.id), tags: actual.tags.map(Number) },
      { ...expected, id: String(expected.id) }, `get ${expected.id} values`));
  }

  await expectSearch(client, rows, 'L2');
  await expectSearch(client, rows, 'L2', 'year >= 2000 and in_stock == false', r => r.year >= 2000 && !r.in_stock);
  console.log('L2 searches matched brute force');

  const deleteIds = rows.slice(0, 50).map(r => r.id);
  const deleted = ok(await client.delete({ collection_name: COLLECTION, ids: deleteIds.map(String) }), 'delete by ids');
  check(() => assert.equal(Number(deleted.delete_cnt), 50));
  const byFilter = ok(await client.delete({ collection_name: COLLECTION, filter: 'year == 1991' }), 'delete by filter');
  const year1991 = rows.filter(r => r.year === 1991 && !deleteIds.includes(r.id)).length;
  check(() => assert.equal(Number(byFilter.delete_cnt), year1991));
  rows = rows.filter(r => !deleteIds.includes(r.id) && r.year !== 1991);
  const after = ok(await client.count({ collection_name: COLLECTION }), 'count after delete');
  check(() => assert.equal(after.data, rows.length));
  const gone = ok(await client.get({ collection_name: COLLECTION, ids: [String(deleteIds[0])], output_fields: ['id'] }), 'get deleted');
  check(() => assert.equal(gone.data.length, 0));
  for (const [filter, predicate] of FILTERS) await expectQuery(client, rows, filter, predicate);
  await expectSearch(client, rows, 'L2');
  console.log(`deleted ${ROWS - rows.length} rows; count, queries and search agree`);

  // Mistakes come back as Milvus statuses (code and reason), not transport errors, and change nothing.
  const missing = await client.describeCollection({ collection_name: 'no_such_books' });
  check(() => assert.equal(missing.status.code, 100, JSON.stringify(missing.status)));
  check(() => assert.match(missing.status.reason, /collection not found.*\[collection=no_such_books\]/));
  const tooLong = await client.insert({ collection_name: COLLECTION, data: [{ ...rows[0], id: 1, title: 'x'.repeat(65) }] });
  check(() => assert.equal(tooLong.status.code, 1100, JSON.stringify(tooLong.status)));
  check(() => assert.match(tooLong.status.reason, /length of varchar field title exceeds max length/));
  const unchanged = ok(await client.count({ collection_name: COLLECTION }), 'count after rejected insert');
  check(() => assert.equal(unchanged.data, rows.length, 'a rejected insert adds nothing'));

  ok(await client.releaseCollection({ collection_name: COLLECTION }), 'releaseCollection');
  const notLoaded = await client.query({ collection_name: COLLECTION, filter: 'id > 0', output_fields: ['id'] });
  check(() => assert.equal(notLoaded.status.code, 101, JSON.stringify(notLoaded.status)));
  check(() => assert.match(notLoaded.status.reason, /collection not loaded/));
  ok(await client.dropIndex({ collection_name: COLLECTION, field_name: 'vec' }), 'dropIndex');
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'vec', index_type: 'FLAT', metric_type: 'COSINE' }),
    'createIndex COSINE');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'reload');
  await expectSearch(client, rows, 'COSINE');
  await expectSearch(client, rows, 'COSINE', 'meta["tag"] in ["a", "c"]', r => r.meta.tag !== 'b');
  console.log('COSINE searches matched brute force');

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  const hasAfter = ok(await client.hasCollection({ collection_name: COLLECTION }), 'hasCollection after drop');
  check(() => assert.equal(hasAfter.value, false));
  await client.closeConnection();
  console.log(`workflow passed: ${checks} checks`);
});
