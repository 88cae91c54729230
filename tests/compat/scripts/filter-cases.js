'use strict';
// Checks the filter-expression corpus (tests/data/filter-cases.json, written with the expression engine)
// through the official Node SDK: creates its collection, inserts its rows, and runs every case as a query,
// comparing the sorted primary keys, or the error code and message, exactly.
// Usage: node filter-cases.js <address> <filter-cases.json>
const fs = require('node:fs');
const { DataType } = require('./lib/sdk');
const { assert, addressFromArgs, connect, ok, main } = require('./lib/harness');

const COLLECTION = 'filter_cases';
const HIDDEN_VECTOR = '_compat_vec';

/** The corpus's field description in the Node SDK's createCollection form; other keys (dim, max_length,
 *  max_capacity, nullable, enable_analyzer, enable_match, ...) are already spelled the SDK's way. */
function toSdkField({ name, type, primary, element_type, ...rest }) {
  const dataType = DataType[type];
  assert.notEqual(dataType, undefined, `unknown field type ${type} of ${name}`);
  const sdk = { name, data_type: dataType, ...rest };
  if (primary) Object.assign(sdk, { is_primary_key: true, autoID: false });
  if (element_type !== undefined) {
    sdk.element_type = DataType[element_type];
    assert.notEqual(sdk.element_type, undefined, `unknown element type ${element_type} of ${name}`);
  }
  return sdk;
}

const isVector = type => /Vector$/.test(type);
const compareIds = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

main(async () => {
  const client = connect(addressFromArgs());
  const corpus = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const fields = corpus.collection.fields;
  const pk = fields.find(f => f.primary);
  assert.ok(pk, 'the corpus collection needs a primary field');
  const intKeys = pk.type === 'Int64';

  // Milvus needs a vector field to load a collection; add one when the corpus has none.
  const vector = fields.find(f => isVector(f.type));
  const sdkFields = fields.map(toSdkField);
  if (!vector) sdkFields.push({ name: HIDDEN_VECTOR, data_type: DataType.FloatVector, dim: 2 });
  // A NULL goes over the wire as valid_data=false with no value. The SDK does that for a field missing from
  // the row; for an explicit null in a JSON field it sends empty bytes marked valid instead, so leave nulls out.
  const nullable = new Set(fields.filter(f => f.nullable).map(f => f.name));
  const withoutNulls = row => Object.fromEntries(Object.entries(row).filter(([k, v]) => !(v === null && nullable.has(k))));
  const rows = corpus.rows.map(r => (vector ? withoutNulls(r) : { ...withoutNulls(r), [HIDDEN_VECTOR]: [0, 0] }));

  ok(await client.createCollection({
    collection_name: COLLECTION, fields: sdkFields,
    enable_dynamic_field: !!corpus.collection.enable_dynamic_field, consistency_level: 'Strong',
  }), 'createCollection');
  ok(await client.createIndex({
    collection_name: COLLECTION, field_name: vector ? vector.name : HIDDEN_VECTOR, index_type: 'FLAT', metric_type: 'L2',
  }), 'createIndex');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');
  for (let start = 0; start < rows.length; start += 500) {
    const inserted = ok(await client.insert({ collection_name: COLLECTION, data: rows.slice(start, start + 500) }), `insert ${start}`);
    assert.equal(Number(inserted.insert_cnt), Math.min(500, rows.length - start));
  }
  assert.equal(ok(await client.count({ collection_name: COLLECTION }), 'count').data, rows.length);

  const failures = [];
  for (const [index, testCase] of corpus.cases.entries()) {
    const res = await client.query({
      collection_name: COLLECTION, filter: testCase.expr, output_fields: [pk.name],
      ...(testCase.templates ? { exprValues: testCase.templates } : {}),
    });
    const describe = `#${index} ${JSON.stringify(testCase.expr)}${testCase.templates ? ' ' + JSON.stringify(testCase.templates) : ''}`;
    if (testCase.error) {
      const { code, reason } = res.status;
      if (code !== testCase.error.code || !String(reason).includes(testCase.error.contains))
        failures.push(`${describe}: expected error ${testCase.error.code} containing ${JSON.stringify(testCase.error.contains)}, ` +
          `got code ${code} ${JSON.stringify(reason)}` + (code === 0 ? ` with ${res.data.length} rows` : ''));
      continue;
    }
    if (res.status.code !== 0) {
      failures.push(`${describe}: expected ids ${JSON.stringify(testCase.ids)}, got error ${res.status.code} ${JSON.stringify(res.status.reason)}`);
      continue;
    }
    // Int64 keys arrive as strings; BigInt keeps every 64-bit value exact while sorting numerically.
    const key = id => (intKeys ? BigInt(id) : String(id));
    const actual = res.data.map(r => key(r[pk.name])).sort(compareIds).map(String);
    const expected = testCase.ids.map(key).sort(compareIds).map(String);
    if (actual.join('\u0000') !== expected.join('\u0000'))
      failures.push(`${describe}: expected ids [${expected}], got [${actual}]`);
  }

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`filter cases: ${corpus.cases.length - failures.length} passed, ${failures.length} failed, ${corpus.cases.length} total`);
  process.exitCode = failures.length === 0 ? 0 : 1;
});
