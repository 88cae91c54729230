'use strict';
// The Node SDK with arrays of structs: create a collection with an ARRAY of STRUCT field (scalar and vector
// sub-fields), describe it back, insert rows of structs, query them back exactly, index the vector sub-field with
// MAX_SIM_IP and run an embedding-list search with exact scores.
// Usage: node struct-arrays.js <address>
const { DataType } = require('@zilliz/milvus2-sdk-node');
const { assert, addressFromArgs, connect, ok, main } = require('./lib/harness');

const COLLECTION = 'videos';

main(async () => {
  const client = connect(addressFromArgs());
  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      {
        name: 'clips', data_type: DataType.Array, element_type: DataType.Struct, max_capacity: 4, description: 'video clips',
        fields: [
          { name: 'label', data_type: DataType.VarChar, max_length: 16 },
          { name: 'frame', data_type: DataType.Int64 },
          { name: 'emb', data_type: DataType.FloatVector, dim: 2 },
        ],
      },
    ],
  }), 'createCollection');

  const described = ok(await client.describeCollection({ collection_name: COLLECTION }), 'describeCollection');
  const struct = described.schema.struct_array_fields[0];
  assert.equal(struct.name, 'clips');
  assert.equal(struct.description, 'video clips');
  assert.equal(Number(struct.fieldID), 102);
  assert.deepEqual(struct.fields.map(f => f.name), ['label', 'frame', 'emb']);
  // The SDK's describe formatting shows each sub-field under its element type and lifts max_capacity to the struct.
  assert.deepEqual(struct.fields.map(f => f.data_type), ['VarChar', 'Int64', 'FloatVector']);
  assert.equal(Number(struct.max_capacity), 4);
  assert.equal(Number(struct.fields[2].dim), 2);
  assert.deepEqual(struct.fields.map(f => Number(f.fieldID)), [103, 104, 105]);
  console.log('describe ok');

  const rows = [
    { id: 1, vec: [1, 0], clips: [{ label: 'a', frame: 10, emb: [1, 0] }, { label: 'b', frame: 20, emb: [0, 1] }] },
    { id: 2, vec: [0, 1], clips: [{ label: 'c', frame: 30, emb: [2, 1] }] },
  ];
  const inserted = ok(await client.insert({ collection_name: COLLECTION, data: rows }), 'insert');
  assert.equal(Number(inserted.insert_cnt), 2);

  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex vec');
  ok(await client.createIndex({
    collection_name: COLLECTION, field_name: 'clips[emb]', index_type: 'HNSW', metric_type: 'MAX_SIM_IP', params: { M: 16, efConstruction: 200 },
  }), 'createIndex clips[emb]');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');

  const queried = ok(await client.query({ collection_name: COLLECTION, filter: 'id > 0', output_fields: ['id', 'clips'] }), 'query');
  const byId = Object.fromEntries(queried.data.map(r => [Number(r.id), r.clips]));
  assert.deepEqual(byId[1].map(s => s.label), ['a', 'b']);
  assert.deepEqual(byId[1].map(s => Number(s.frame)), [10, 20]);
  assert.deepEqual(byId[1].map(s => s.emb), [[1, 0], [0, 1]]);
  assert.deepEqual(byId[2].map(s => [s.label, Number(s.frame), s.emb]), [['c', 30, [2, 1]]]);
  console.log('query ok');

  const found = ok(await client.search({
    collection_name: COLLECTION, anns_field: 'clips[emb]', data: [[1, 0], [0, 1]], limit: 2, output_fields: ['id'],
  }), 'search embedding list');
  assert.deepEqual(found.results.map(r => Number(r.id)), [2, 1]);
  assert.deepEqual(found.results.map(r => r.score), [3, 2]);
  console.log('embedding-list search ok');

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  await client.closeConnection();
  console.log('struct arrays passed');
});
