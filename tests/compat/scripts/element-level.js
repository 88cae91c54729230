'use strict';
// Milvus 3.0's element-level query and search through the official Node SDK 3.0.6: an element_filter query comes back
// as element_indices, which the SDK expands into one row per matching struct element with its `offset`; a plain query
// vector against a struct's vector sub-field indexed with a plain metric is an element-level search, each hit an
// element with its `offset` (element_indices of the search result); element_filter narrows the searched elements; the
// SDK's element-filter query iterator pages those rows. Exact ids, offsets and L2 distances.
// Usage: node element-level.js <address>
const { MilvusClient, DataType } = require('milvus2-sdk-node-3');
const { assert, addressFromArgs, ok, main } = require('./lib/harness');

const COLLECTION = 'clips3';
let checks = 0;
const check = (fn) => { fn(); checks++; };
const rowsOf = (data) => data.map(r => `${Number(r.id)}:${r.offset}`);
const hitsOf = (results) => results.map(r => `${Number(r.id)}:${r.offset}=${r.score}`);

main(async () => {
  const client = new MilvusClient({ address: addressFromArgs(), timeout: 60000, logLevel: 'error' });
  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      {
        name: 'clips', data_type: DataType.Array, element_type: DataType.Struct, max_capacity: 4,
        fields: [
          { name: 'label', data_type: DataType.VarChar, max_length: 16 },
          { name: 'frame', data_type: DataType.Int64 },
          { name: 'emb', data_type: DataType.FloatVector, dim: 2 },
        ],
      },
    ],
  }), 'createCollection');
  // Entity 1 has elements at offsets 0 and 1, entity 2 one element, entity 3 three.
  const rows = [
    { id: 1, vec: [1, 0], clips: [{ label: 'a', frame: 10, emb: [1, 0] }, { label: 'b', frame: 20, emb: [0, 1] }] },
    { id: 2, vec: [0, 1], clips: [{ label: 'c', frame: 30, emb: [2, 1] }] },
    { id: 3, vec: [1, 1], clips: [{ label: 'red', frame: 5, emb: [3, 0] }, { label: 'd', frame: 40, emb: [1, 2] }, { label: 'red', frame: 50, emb: [0, 0] }] },
  ];
  assert.equal(Number(ok(await client.insert({ collection_name: COLLECTION, data: rows }), 'insert').insert_cnt), 3);
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex vec');
  // A plain metric (not MAX_SIM) on the struct's vector sub-field makes it an element-level field.
  ok(await client.createIndex({
    collection_name: COLLECTION, field_name: 'clips[emb]', index_type: 'HNSW', metric_type: 'L2', params: { M: 16, efConstruction: 200 },
  }), 'createIndex clips[emb]');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');

  // Element-level query: element_indices expanded by the SDK, one row per matching element, in primary-key order.
  const byFrame = ok(await client.query({ collection_name: COLLECTION, filter: 'element_filter(clips, $[frame] >= 20)', output_fields: ['id'] }), 'query frame');
  check(() => assert.deepEqual(rowsOf(byFrame.data), ['1:1', '2:0', '3:1', '3:2']));
  const red = ok(await client.query({ collection_name: COLLECTION, filter: 'id > 1 && element_filter(clips, $[label] == "red")', output_fields: ['id', 'vec'] }), 'query red');
  check(() => assert.deepEqual(rowsOf(red.data), ['3:0', '3:2']));
  check(() => assert.deepEqual(red.data.map(r => r.vec), [[1, 1], [1, 1]]));
  // A row-level filter carries no element_indices: no offsets.
  const plain = ok(await client.query({ collection_name: COLLECTION, filter: 'MATCH_ANY(clips, $[label] == "red")', output_fields: ['id'] }), 'query MATCH_ANY');
  check(() => assert.deepEqual(plain.data.map(r => [Number(r.id), r.offset]), [[3, undefined]]));
  console.log('element-level query ok');

  // Element-level search: each element is compared on its own (squared L2), ties in primary-key then offset order.
  const found = ok(await client.search({
    collection_name: COLLECTION, anns_field: 'clips[emb]', data: [1, 0], limit: 4, output_fields: ['id'],
  }), 'search clips[emb]');
  check(() => assert.deepEqual(hitsOf(found.results), ['1:0=0', '3:2=1', '1:1=2', '2:0=2']));
  const filtered = ok(await client.search({
    collection_name: COLLECTION, anns_field: 'clips[emb]', data: [1, 0], limit: 4, output_fields: ['id'],
    filter: 'element_filter(clips, $[frame] > 10)',
  }), 'search with element_filter');
  check(() => assert.deepEqual(hitsOf(filtered.results), ['3:2=1', '1:1=2', '2:0=2', '3:1=4']));
  console.log('element-level search ok');

  // The SDK's element-filter query iterator (pk >= cursor with query_iter_last_pk / query_iter_last_element_offset).
  // Its limit counts entities, so a page holds every matching element of the entities it covers.
  const pagesOf = async (batchSize) => {
    const pages = [];
    const iterator = await client.queryIterator({
      collection_name: COLLECTION, filter: 'element_filter(clips, $[frame] >= 20)', output_fields: ['id'], batchSize,
    });
    for await (const page of iterator) pages.push(rowsOf(page).join(','));
    return pages;
  };
  const whole = await pagesOf(10);
  check(() => assert.deepEqual(whole, ['1:1,2:0,3:1,3:2']));
  // Page 2 asks for "id >= 1" after (1, offset 1): entity 1 has nothing left past its cursor and is skipped.
  const single = await pagesOf(1);
  check(() => assert.deepEqual(single, ['1:1', '2:0', '3:1,3:2']));
  console.log('element-level iterator ok');

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  await client.closeConnection();
  console.log(`element-level passed: ${checks} checks`);
});
