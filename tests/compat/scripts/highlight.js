'use strict';
// Milvus 2.6's lexical highlighter through the official Node SDK 3.0.6: the documents and settings of Milvus's Text
// Highlighter guide, the SDK's own serialization of the highlighter (JSON lists, true/false) and its `highlight`
// property on each hit. Usage: node highlight.js <address>
const { MilvusClient, DataType, FunctionType, HighlightType } = require('milvus2-sdk-node-3');
const { assert, addressFromArgs, ok, main } = require('./lib/harness');

const COLLECTION = 'guide';
const DOCS = [
  'my first test doc',
  'my second test doc',
  'my first test doc. Milvus is an open-source vector database built for GenAI applications.',
  'my second test doc. Milvus is an open-source vector database that suits AI applications of every size from running a demo chatbot to building web-scale search.',
];
let checks = 0;
const check = (fn) => { fn(); checks++; };
const fragments = (hits) => hits.map(h => h.highlight.text.fragments);

main(async () => {
  const client = new MilvusClient({ address: addressFromArgs(), timeout: 60000, logLevel: 'error' });
  ok(await client.createCollection({
    collection_name: COLLECTION, consistency_level: 'Strong',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'text', data_type: DataType.VarChar, max_length: 1000, enable_analyzer: true },
      { name: 'sparse', data_type: DataType.SparseFloatVector },
    ],
    functions: [{ name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} }],
    index_params: [{ field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' }],
  }), 'createCollection');
  ok(await client.loadCollectionSync({ collection_name: COLLECTION }), 'load');
  ok(await client.insert({ collection_name: COLLECTION, data: DOCS.map((text, i) => ({ id: i + 1, text })) }), 'insert');

  const braces = { type: HighlightType.Lexical, pre_tags: ['{'], post_tags: ['}'], highlight_search_text: true };
  const search = (data, highlighter, limit = 10) =>
    client.search({ collection_name: COLLECTION, data, anns_field: 'sparse', limit, output_fields: ['id', 'text'], highlighter });

  const found = ok(await search('test', braces), 'search with highlighter');
  check(() => assert.deepEqual(found.results.map(r => Number(r.id)), [1, 2, 3, 4]));
  check(() => assert.deepEqual(fragments(found.results), [
    ['{test} doc'], ['{test} doc'],
    ['{test} doc. Milvus is an open-source vector database built for GenAI applications.'],
    ['{test} doc. Milvus is an open-source vector database that suits AI applications of every size from run'],
  ]));
  check(() => found.results.forEach(r => assert.deepEqual(r.highlight.text.scores, [])));

  const withQuery = ok(await search('test', { ...braces, highlight_query: [{ type: 'TextMatch', field: 'text', text: 'my doc' }] }), 'highlight_query');
  check(() => assert.deepEqual(fragments(withQuery.results), [
    ['{my} first {test} {doc}'], ['{my} second {test} {doc}'],
    ['{my} first {test} {doc}. Milvus is an open-source vector database built for GenAI applications.'],
    ['{my} second {test} {doc}. Milvus is an open-source vector database that suits AI applications of every siz'],
  ]));

  const shaped = ok(await search('Milvus', { ...braces, fragment_offset: 20, fragment_size: 60 }), 'fragment_offset');
  check(() => assert.deepEqual(shaped.results.map(r => Number(r.id)), [3, 4]));
  check(() => assert.deepEqual(fragments(shaped.results), [
    ['my first test doc. {Milvus} is an open-source vector database '],
    ['my second test doc. {Milvus} is an open-source vector database'],
  ]));

  const two = ok(await search(['test', 'Milvus'], braces, 2), 'two queries');
  check(() => assert.deepEqual(two.results.map(fragments), [
    [['{test} doc'], ['{test} doc']],
    [['{Milvus} is an open-source vector database built for GenAI applications.'],
      ['{Milvus} is an open-source vector database that suits AI applications of every size from running a dem']],
  ]));

  const plain = ok(await search('test', undefined), 'no highlighter');
  check(() => plain.results.forEach(r => assert.equal(r.highlight, undefined)));
  console.log(`highlight passed: ${checks} checks`);
});
