'use strict';
// GEOMETRY and TIMESTAMPTZ through the Node SDK 2.6.17, shaped like the SDK's own shared test collection (a
// non-nullable geometry and a timestamptz with a default): WKT in and normalised WKT out, ISO text in and RFC 3339
// out (in the collection's timezone property), st_* and ISO/INTERVAL filters with exact ids.
// Usage: node spatial-time.js <address>
const { DataType } = require('@zilliz/milvus2-sdk-node');
const { assert, addressFromArgs, connect, ok, main } = require('./lib/harness');

const COLLECTION = 'places';
const SQUARE = 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))';

main(async () => {
  const client = connect(addressFromArgs());
  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'v', data_type: DataType.FloatVector, dim: 2 },
      { name: 'geo', data_type: DataType.Geometry, nullable: false },
      { name: 'ts', data_type: DataType.Timestamptz, nullable: false, default_value: '1984-04-14T15:00:00+08:00' },
    ],
  }), 'createCollection');
  const described = await client.describeCollection({ collection_name: COLLECTION });
  ok(described, 'describeCollection');
  const tsField = described.schema.fields.find(f => f.name === 'ts');
  assert.equal(tsField.data_type, 'Timestamptz');
  assert.equal(tsField.default_value, '1984-04-14T07:00:00Z', 'default shown as RFC 3339 text');

  const rows = [
    { id: 1, v: [1, 0], geo: 'POINT(5 5)', ts: '2025-01-01T00:00:00Z' },
    { id: 2, v: [0, 1], geo: 'POINT (10 5)', ts: '2025-01-01T08:00:00+08:00' },
    { id: 3, v: [1, 1], geo: 'LINESTRING (0 0, 20 20)', ts: '2025-01-01 12:30:00.5' },
    { id: 4, v: [2, 1], geo: 'POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))', ts: '2025-03-01T00:00:00-05:00' },
    { id: 5, v: [1, 2], geo: SQUARE },
    { id: 6, v: [3, 1], geo: 'POINT (-73.935242 40.730610)', ts: '2024-02-29T00:00:00Z' },
  ];
  const inserted = await client.insert({ collection_name: COLLECTION, data: rows });
  ok(inserted, 'insert');
  assert.equal(Number(inserted.insert_cnt), rows.length);
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'v', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex');
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'geo', index_name: 'geo_rtree', index_type: 'RTREE' }), 'createIndex RTREE');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');

  const all = await client.query({ collection_name: COLLECTION, filter: 'id > 0', output_fields: ['geo', 'ts'] });
  ok(all, 'query');
  const byId = Object.fromEntries(all.data.map(r => [Number(r.id), r]));
  assert.deepEqual([1, 3, 6].map(id => byId[id].geo), ['POINT (5 5)', 'LINESTRING (0 0, 20 20)', 'POINT (-73.935242 40.73061)']);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(id => byId[id].ts), ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-01T12:30:00.5Z',
    '2025-03-01T05:00:00Z', '1984-04-14T07:00:00Z', '2024-02-29T00:00:00Z']);

  // The 2.6.17 SDK sends no per-query timezone; the collection's timezone property sets the output's.
  ok(await client.alterCollectionProperties({ collection_name: COLLECTION, properties: { timezone: 'Asia/Shanghai' } }), 'alter timezone');
  const shanghai = await client.query({ collection_name: COLLECTION, filter: 'id in [1, 3]', output_fields: ['ts'] });
  ok(shanghai, 'query in Asia/Shanghai');
  assert.deepEqual(shanghai.data.map(r => r.ts), ['2025-01-01T08:00:00+08:00', '2025-01-01T20:30:00.5+08:00']);
  ok(await client.alterCollectionProperties({ collection_name: COLLECTION, properties: { timezone: 'UTC' } }), 'alter timezone back');

  const cases = [
    [`st_intersects(geo, '${SQUARE}')`, [1, 2, 3, 4, 5]],
    [`ST_WITHIN(geo, '${SQUARE}')`, [1, 5]],
    [`st_contains(geo, 'POINT (3 3)')`, [3, 5]],
    [`st_touches(geo, '${SQUARE}')`, [2]],
    [`st_overlaps(geo, '${SQUARE}')`, [4]],
    [`st_crosses(geo, '${SQUARE}')`, [3]],
    [`st_equals(geo, 'POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))')`, [5]],
    [`st_dwithin(geo, 'POINT (-73.935 40.7306)', 30)`, [6]],
    [`st_dwithin(geo, 'POINT (-73.935 40.7306)', 10)`, []],
    ['st_isvalid(geo)', [1, 2, 3, 4, 5, 6]],
    ["ts == ISO '2025-01-01T00:00:00Z'", [1, 2]],
    ["ts > ISO '2025-01-01T00:00:00Z'", [3, 4]],
    ["ISO '2000-01-01T00:00:00Z' > ts", [5]],
    ["ts + INTERVAL 'P1D' > ISO '2025-01-02T00:00:00Z'", [3, 4]],
    ["ts - INTERVAL 'P1Y' >= ISO '2024-01-01T00:00:00Z'", [1, 2, 3, 4]],
  ];
  for (const [filter, expected] of cases) {
    const result = await client.query({ collection_name: COLLECTION, filter, output_fields: ['id'] });
    ok(result, filter);
    assert.deepEqual(result.data.map(r => Number(r.id)).sort((a, b) => a - b), expected, filter);
  }

  const hits = await client.search({
    collection_name: COLLECTION, data: [1, 0], limit: 2, filter: `st_within(geo, '${SQUARE}')`, output_fields: ['id', 'geo', 'ts'],
  });
  ok(hits, 'search');
  assert.deepEqual(hits.results.map(h => Number(h.id)), [1, 5], JSON.stringify(hits.results));
  assert.deepEqual(hits.results.map(h => h.geo), ['POINT (5 5)', SQUARE]);

  const bad = await client.insert({ collection_name: COLLECTION, data: [{ id: 9, v: [1, 0], geo: 'POINT (1)', ts: '2025-01-01T00:00:00Z' }] });
  assert.equal(bad.status.code, 1100);
  assert.match(bad.status.reason, /^invalid Geometry data, transform to wkb failed: /);
  const badTime = await client.insert({ collection_name: COLLECTION, data: [{ id: 9, v: [1, 0], geo: 'POINT (1 1)', ts: 'soon' }] });
  assert.equal(badTime.status.code, 1100);
  assert.equal(badTime.status.reason,
    "got invalid timestamptz string 'soon': invalid timezone name; must be a valid IANA Time Zone ID (e.g., 'Asia/Shanghai' or 'UTC'): invalid parameter");

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  await client.closeConnection();
  console.log(`spatial-time passed: ${cases.length} filters`);
});
