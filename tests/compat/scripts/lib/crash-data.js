'use strict';
// The crash test's collection and rows: a row's content follows from its id, so a reader can check it exactly.
const { DataType } = require('./sdk');

const COLLECTION = 'crash';
const BATCH = 50;
const DIM = 8;

const fields = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: false },
  { name: 'label', data_type: DataType.VarChar, max_length: 32 },
  { name: 'vec', data_type: DataType.FloatVector, dim: DIM },
];

const row = id => ({ id, label: `row-${id}`, vec: Array.from({ length: DIM }, (_, d) => Math.fround((id % 97) / 97 + d / 8)) });

module.exports = { COLLECTION, BATCH, DIM, fields, row };
