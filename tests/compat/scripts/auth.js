'use strict';
// The Node SDK against an enforcing server: root sets up a collection and a user with one v2 grant (Search on
// default.docs); that user is allowed exactly that, and gets Milvus's PERMISSION_DENIED text for anything else;
// no credentials and a wrong password get UNAUTHENTICATED. With a CA path it connects over TLS (one-way), with a
// client certificate and key as well over mutual TLS.
// Usage: node auth.js <address> [caPem [clientPem clientKey]]
const { DataType } = require('@zilliz/milvus2-sdk-node');
const { MilvusClient } = require('@zilliz/milvus2-sdk-node');
const { assert, ok, rejectsWith: rejects, main } = require('./lib/harness');

const [, , rawAddress, caPem, clientPem, clientKey] = process.argv;
const address = rawAddress.replace(/^https?:\/\//, '');
const tls = caPem === undefined ? undefined
  : clientPem === undefined ? { rootCertPath: caPem }
  : { rootCertPath: caPem, certChainPath: clientPem, privateKeyPath: clientKey };

function client(username, password) {
  const c = new MilvusClient({ address, ssl: tls !== undefined, tls, username, password, timeout: 30000, logLevel: 'error' });
  // The constructor's Connect fails for a refused client; its calls report that failure, so the promise is observed here.
  if (c.connectPromise) c.connectPromise.catch(() => {});
  return c;
}

main(async () => {
  const root = client('root', 'Milvus');
  ok(await root.createCollection({
    collection_name: 'docs',
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
    ],
  }), 'createCollection');
  ok(await root.insert({ collection_name: 'docs', data: [{ id: 1, vec: [1, 0] }, { id: 2, vec: [0, 1] }] }), 'insert');
  ok(await root.createIndex({ collection_name: 'docs', field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }), 'createIndex');
  ok(await root.loadCollection({ collection_name: 'docs' }), 'loadCollection');
  ok(await root.createUser({ username: 'alice', password: 'Alice-Pass-1' }), 'createUser');
  ok(await root.createRole({ roleName: 'searcher' }), 'createRole');
  ok(await root.grantPrivilegeV2({ role: 'searcher', privilege: 'Search', db_name: 'default', collection_name: 'docs' }), 'grantPrivilegeV2');
  ok(await root.addUserToRole({ username: 'alice', roleName: 'searcher' }), 'addUserToRole');

  const alice = client('alice', 'Alice-Pass-1');
  const found = ok(await alice.search({ collection_name: 'docs', data: [1, 0], limit: 1 }), 'search as alice');
  assert.deepEqual(found.results.map(r => Number(r.id)), [1]);
  ok(await alice.describeCollection({ collection_name: 'docs' }), 'describeCollection as alice (public)');
  const deny = privilege => `${privilege}: permission deny to alice in the \`default\` database`;
  await rejects(alice.insert({ collection_name: 'docs', data: [{ id: 3, vec: [1, 1] }] }), 7, deny('PrivilegeInsert'), 'insert as alice');
  await rejects(alice.query({ collection_name: 'docs', filter: 'id > 0' }), 7, deny('PrivilegeQuery'), 'query as alice');
  await rejects(alice.createUser({ username: 'mallory', password: 'Mallory-Pass-1' }), 7, deny('PrivilegeCreateOwnership'), 'createUser as alice');
  await rejects(alice.dropCollection({ collection_name: 'docs' }), 7, deny('PrivilegeDropCollection'), 'dropCollection as alice');

  await rejects(client(undefined, undefined).showCollections(), 16, 'missing authorization in header', 'no credentials');
  await rejects(client('alice', 'wrong-password').showCollections(), 16,
    'auth check failure, please check username and password are correct', 'wrong password');
  console.log('auth passed');
});
