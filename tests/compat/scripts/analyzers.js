'use strict';
// Analyzers and analyzer-backed filters through the official Node SDK: runAnalyzer by params (with detail and hash)
// and by a collection field, text_match / phrase_match on an english-analyzed field, and a bad analyzer's error.
// Usage: node analyzers.js <address>
const { MilvusClient, DataType } = require('milvus2-sdk-node-3');
const { assert, addressFromArgs, ok, main } = require('./lib/harness');

const COLLECTION = 'articles';
let checks = 0;
const check = (fn) => { fn(); checks++; };
const texts = [
  'Machine learning boosts efficiency in large-scale data analysis',
  'Learning a machine-based approach is vital for modern AI progress',
  'Deep learning machine architectures optimize computational loads',
  'Machine swiftly improves model performance for ongoing learning',
  'Learning advanced machine algorithms expands AI capabilities',
  'The runners were running fast',
];

main(async () => {
  const client = new MilvusClient({ address: addressFromArgs(), timeout: 60000, logLevel: 'error' });

  const english = ok(await client.runAnalyzer({ text: 'Milvus is a vector database built for scale!', analyzer_params: { type: 'english' } }), 'runAnalyzer');
  check(() => assert.deepEqual(english.results[0].tokens.map(t => t.token), ['milvus', 'vector', 'databas', 'built', 'scale']));
  const detailed = ok(await client.runAnalyzer({ text: ['Café hello', '人工智能'], analyzer_params: { type: 'chinese' }, with_detail: true, with_hash: true }), 'runAnalyzer detail');
  check(() => assert.deepEqual(detailed.results[0].tokens.map(t => [t.token, Number(t.start_offset), Number(t.end_offset), Number(t.position)]),
    // jieba splits off the non-ASCII 'é' (and the space) as one-character tokens, which cnalphanumonly drops.
    [['Caf', 0, 3, 0], ['hello', 6, 11, 5]]));
  check(() => assert.deepEqual(detailed.results[1].tokens.map(t => [t.token, Number(t.position), Number(t.position_length)]),
    [['人工', 0, 2], ['智能', 2, 2], ['人工智能', 0, 4]]));
  const hashed = ok(await client.runAnalyzer({ text: 'hello', with_hash: true }), 'runAnalyzer hash');
  check(() => assert.equal(Number(hashed.results[0].tokens[0].hash), 907060870));
  const bad = await client.runAnalyzer({ text: 'x', analyzer_params: { tokenizer: 'nope' } });
  check(() => assert.deepEqual([bad.status.code, bad.status.reason],
    [1100, 'failed to create analyzer, C Runtime Exception: unsupported tokenizer: nope: invalid parameter']));
  console.log('runAnalyzer by params');

  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'text', data_type: DataType.VarChar, max_length: 256, enable_analyzer: true, enable_match: true, analyzer_params: { type: 'english' } },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
    ],
  }), 'createCollection');
  ok(await client.insert({ collection_name: COLLECTION, data: texts.map((text, i) => ({ id: i + 1, text, vec: [1, 0] })) }), 'insert');
  ok(await client.createIndex({ collection_name: COLLECTION, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');

  const byField = ok(await client.runAnalyzer({ text: 'The runners were running', collection_name: COLLECTION, field_name: 'text' }), 'runAnalyzer by field');
  check(() => assert.deepEqual(byField.results[0].tokens.map(t => t.token), ['runner', 'were', 'run']));

  const ids = async (filter) => {
    const rows = ok(await client.query({ collection_name: COLLECTION, filter, output_fields: ['id'] }), filter);
    return rows.data.map(r => Number(r.id)).sort((a, b) => a - b);
  };
  assert.deepEqual(await ids("text_match(text, 'run')"), [6]);
  assert.deepEqual(await ids("text_match(text, 'ai deep', minimum_should_match=1)"), [2, 3, 5]);
  assert.deepEqual(await ids("phrase_match(text, 'machine learning')"), [1]);
  assert.deepEqual(await ids("phrase_match(text, 'learning machine', 1)"), [2, 3, 5]);
  assert.deepEqual(await ids("phrase_match(text, 'machine learning', 2)"), [1, 3]);
  checks += 5;
  console.log('text and phrase match');

  ok(await client.dropCollection({ collection_name: COLLECTION }), 'dropCollection');
  console.log(`analyzers passed: ${checks} checks`);
});
