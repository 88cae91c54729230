'use strict';
// The "books" data set of the workflow script: every field type the brief asks for, deterministic values.
const { DataType } = require('./sdk');
const { prng, randomVector } = require('./harness');

const DIM = 8;
const COLORS = ['red', 'green', 'blue', 'amber'];
const TAGS = ['a', 'b', 'c'];

const fields = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: false },
  { name: 'title', data_type: DataType.VarChar, max_length: 64 },
  { name: 'year', data_type: DataType.Int32 },
  { name: 'price', data_type: DataType.Double },
  { name: 'in_stock', data_type: DataType.Bool },
  { name: 'meta', data_type: DataType.JSON },
  { name: 'tags', data_type: DataType.Array, element_type: DataType.Int64, max_capacity: 4 },
  { name: 'vec', data_type: DataType.FloatVector, dim: DIM },
];

/** `count` rows; ids beyond 2^32 so 64-bit keys really cross the wire. */
function rows(count) {
  const random = prng(20261125);
  return Array.from({ length: count }, (_, i) => {
    const price = Math.round(random() * 100000) / 100;
    return {
      id: 10_000_000_000 + i * 7,
      title: `${COLORS[i % 4]} book ${i}`,
      year: 1990 + (i % 35),
      price,
      in_stock: i % 3 === 0,
      meta: { tag: TAGS[i % 3], n: i % 10, nested: { k: i % 4 } },
      tags: Array.from({ length: i % 5 }, () => Math.floor(random() * 10)),
      vec: randomVector(random, DIM),
    };
  });
}

module.exports = { DIM, fields, rows };
