'use strict';
// Shared helpers of the Node SDK compatibility scripts: connecting, status checks, deterministic data.
const assert = require('node:assert/strict');
const { MilvusClient, sdkDescription } = require('./sdk');

/** The server address from argv[2] ("http://127.0.0.1:PORT" as printed by Milvus.Local.Server's ready line). */
function addressFromArgs() {
  const address = process.argv[2];
  if (!address) {
    console.error(`usage: node ${require('node:path').basename(process.argv[1])} <server address>`);
    process.exit(2);
  }
  return address.replace(/^http:\/\//, '');
}

function connect(address) {
  return new MilvusClient({ address, timeout: 60000, logLevel: 'error' });
}

/** Asserts a Milvus status (or a response carrying one) is a success, showing the reason when it is not. */
function ok(response, what) {
  const status = response && response.status !== undefined ? response.status : response;
  assert.ok(status, `${what}: no status in ${JSON.stringify(response)}`);
  assert.equal(status.error_code, 'Success', `${what} failed: ${JSON.stringify(status)}`);
  assert.equal(status.code, 0, `${what} failed: ${JSON.stringify(status)}`);
  return response;
}

/** Asserts the promise fails with gRPC status `code` and exactly `details` (the server's error text). */
async function rejectsWith(promise, code, details, what) {
  await assert.rejects(promise, error => {
    assert.equal(error.code, code, `${what}: ${error.message}`);
    assert.equal(error.details, details, `${what}: ${error.message}`);
    return true;
  }, what);
}

/** mulberry32: a tiny seeded PRNG, so every run inserts the same rows. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float32-exact vector (the server stores float32, so the script computes with the same values). */
function randomVector(random, dim) {
  return Array.from({ length: dim }, () => Math.fround(random() * 2 - 1));
}

/** Runs the script body (after a first line naming the SDK), turning any failure into exit code 1 with the assertion text on stderr. */
function main(body) {
  console.log(`sdk ${sdkDescription}`);
  body().then(
    () => process.exit(process.exitCode ?? 0),
    error => {
      console.error(`[${sdkDescription}] ${error && error.stack ? error.stack : String(error)}`);
      process.exit(1);
    });
}

module.exports = { assert, addressFromArgs, connect, ok, rejectsWith, prng, randomVector, main };
