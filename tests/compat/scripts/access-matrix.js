'use strict';
// Issue 15's access matrix through the Node SDK: every RPC of Milvus.Local.Tests' AccessMatrixTests, in its order, as
// one identity, against an enforcing server. The expectations (privilege, who besides root holds it, database of the
// denial) come from the C# matrix as JSON, so both sides check one table; this script only knows how the SDK makes
// each call, and fails if the table names an RPC it cannot make or it makes one the table lacks.
// Allowed: a Success status. Denied: gRPC PERMISSION_DENIED (7) with Milvus's text. No or wrong credentials:
// UNAUTHENTICATED (16) for every call.
// Usage: node access-matrix.js <address> <expectations.json> <identity name>
const fs = require('node:fs');
const { MilvusClient, DataType, promisify } = require('./lib/sdk');
const { assert, ok, rejectsWith, main } = require('./lib/harness');

const [, , rawAddress, expectationsPath, identityName] = process.argv;
const address = rawAddress.replace(/^http:\/\//, '');
const { identities, cases } = JSON.parse(fs.readFileSync(expectationsPath, 'utf8'));
const identity = identities.find(i => i.name === identityName);

function client(username, password) {
  const c = new MilvusClient({ address, username, password, timeout: 30000, logLevel: 'error' });
  // A refused client's constructor Connect fails; its calls report that failure, so the promise is observed here.
  if (c.connectPromise) c.connectPromise.catch(() => {});
  return c;
}

/** An RPC the SDK has no one-call method for, sent through the SDK's own channel pool (its auth and metadata). */
const raw = (c, rpc, request) => promisify(c.channelPool, rpc, request, 30000);

const vecFields = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
];

/** How the SDK makes each call of the C# matrix, by the matrix's RPC name. */
const calls = {
  'Connect': c => raw(c, 'Connect', { client_info: { sdk_type: 'nodejs', user: '' } }),
  'GetVersion': c => c.getVersion(),
  'CheckHealth': c => c.checkHealth(),
  'ShowCollections': c => c.showCollections(),
  'HasCollection': c => c.hasCollection({ collection_name: 'docs' }),
  'ListDatabases': c => c.listDatabases(),
  'DescribeCollection': c => c.describeCollection({ collection_name: 'docs' }),
  'DescribeCollection(alias)': c => c.describeCollection({ collection_name: 'docs_alias' }),
  'ListAliases': c => raw(c, 'ListAliases', {}),
  'DescribeAlias': c => c.describeAlias({ alias: 'docs_alias', collection_name: 'docs' }),
  'DescribeDatabase': c => c.describeDatabase({ db_name: 'default' }),
  'GetLoadState': c => c.getLoadState({ collection_name: 'docs' }),
  'GetLoadingProgress': c => c.getLoadingProgress({ collection_name: 'docs' }),
  'GetCollectionStatistics': c => c.getCollectionStatistics({ collection_name: 'docs' }),
  'ShowPartitions': c => c.listPartitions({ collection_name: 'docs' }),
  'HasPartition': c => c.hasPartition({ collection_name: 'docs', partition_name: '_default' }),
  'DescribeIndex': c => c.describeIndex({ collection_name: 'docs', field_name: 'vec' }),
  'GetIndexState': c => c.getIndexState({ collection_name: 'docs', field_name: 'vec' }),
  'Search': c => c.search({ collection_name: 'docs', data: [1, 0], limit: 2, anns_field: 'vec' }),
  'Search(alias)': c => c.search({ collection_name: 'docs_alias', data: [1, 0], limit: 2, anns_field: 'vec' }),
  'Query': c => c.query({ collection_name: 'docs', filter: 'id > 0' }),
  'Query(other collection)': c => c.query({ collection_name: 'other', filter: 'id > 0' }),
  'Insert': c => c.insert({ collection_name: 'docs', data: [{ id: 10, vec: [0.5, 0.5] }] }),
  'Upsert': c => c.upsert({ collection_name: 'docs', data: [{ id: 10, vec: [0.25, 0.75] }] }),
  'Delete': c => c.delete({ collection_name: 'docs', filter: 'id in [10]' }),
  'Insert(other collection)': c => c.insert({ collection_name: 'other', data: [{ id: 10, vec: [0.5, 0.5] }] }),
  'Flush': c => c.flush({ collection_names: ['docs'] }),
  'ManualCompaction': c => c.compact({ collection_name: 'docs' }),
  'ListSnapshots': c => raw(c, 'ListSnapshots', { collection_name: 'docs' }),
  'DescribeSnapshot': c => raw(c, 'DescribeSnapshot', { collection_name: 'docs', name: 'base' }),
  'CreateSnapshot': c => raw(c, 'CreateSnapshot', { collection_name: 'docs', name: 'snap1' }),
  'DropSnapshot': c => raw(c, 'DropSnapshot', { collection_name: 'docs', name: 'snap1' }),
  // The SDK's addCollectionField sends AlterCollectionSchema; AddCollectionField itself carries the field as bytes.
  'AddCollectionField': c => {
    const fieldSchema = c.schemaProto.lookupType(c.protoInternalPath.fieldSchema);
    const schema = fieldSchema.encode(fieldSchema.create({ name: 'extra', dataType: DataType.Int64, nullable: true })).finish();
    return raw(c, 'AddCollectionField', { collection_name: 'docs', schema });
  },
  'AlterCollectionSchema': c => c.addCollectionField({ collection_name: 'docs', field: { name: 'extra2', data_type: DataType.Int64, nullable: true } }),
  'AddFileResource': c => raw(c, 'AddFileResource', { name: 'stopwords', path: 's3://bucket/stopwords.txt' }),
  'ListFileResources': c => raw(c, 'ListFileResources', {}),
  'RemoveFileResource': c => raw(c, 'RemoveFileResource', { name: 'stopwords' }),
  'ReleaseCollection': c => c.releaseCollection({ collection_name: 'docs' }),
  'CreatePartition': c => c.createPartition({ collection_name: 'docs', partition_name: 'p1' }),
  'DropPartition': c => c.dropPartition({ collection_name: 'docs', partition_name: 'p1' }),
  'LoadCollection': c => c.loadCollection({ collection_name: 'docs' }),
  'ReleaseCollection(other)': c => c.releaseCollection({ collection_name: 'other' }),
  'DropIndex(other)': c => c.dropIndex({ collection_name: 'other', field_name: 'vec' }),
  'CreateIndex(other)': c => c.createIndex({ collection_name: 'other', field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }),
  'LoadCollection(other)': c => c.loadCollection({ collection_name: 'other' }),
  'CreateCollection': c => c.createCollection({ collection_name: 'tmp', fields: vecFields }),
  'AlterCollection': c => c.alterCollectionProperties({ collection_name: 'tmp', properties: { 'collection.ttl.seconds': 60 } }),
  'RenameCollection': c => c.renameCollection({ collection_name: 'tmp', new_collection_name: 'tmp2' }),
  'CreateAlias': c => c.createAlias({ collection_name: 'tmp2', alias: 'a2' }),
  'DropAlias': c => c.dropAlias({ alias: 'a2' }),
  'DropCollection': c => c.dropCollection({ collection_name: 'tmp2' }),
  'CreateDatabase': c => c.createDatabase({ db_name: 'db2' }),
  'AlterDatabase': c => c.alterDatabase({ db_name: 'db2', properties: { 'database.max.collections': 5 } }),
  'DropDatabase': c => c.dropDatabase({ db_name: 'db2' }),
  'CreateCredential': c => c.createUser({ username: 'newbie', password: 'Newbie-Pass-1' }),
  'UpdateCredential(other user)': c => c.updateUser({ username: 'victim', oldPassword: 'Victim-Pass-1', newPassword: 'Victim-Pass-2' }),
  'ListCredUsers': c => c.listUsers(),
  'SelectUser(other user)': c => c.describeUser({ username: 'victim', includeRoleInfo: true }),
  'SelectUser(self)': (c, user) => c.describeUser({ username: user, includeRoleInfo: true }),
  'DeleteCredential': c => c.deleteUser({ username: 'victim' }),
  'CreateRole': c => c.createRole({ roleName: 'r2' }),
  'OperateUserRole': c => c.addUserToRole({ username: 'newbie', roleName: 'r2' }),
  'OperatePrivilege': c => c.grantPrivilege({ roleName: 'r2', object: 'Collection', objectName: 'docs', privilegeName: 'Search' }),
  'OperatePrivilegeV2': c => c.grantPrivilegeV2({ role: 'r2', privilege: 'Query', db_name: 'default', collection_name: 'docs' }),
  'SelectRole': c => c.listRoles({ includeUserInfo: true }),
  'SelectGrant(public, an own role)': c => c.listGrants({ roleName: 'public' }),
  'SelectGrant(other role)': c => c.listGrants({ roleName: 'r2' }),
  // The SDK's dropRole has no force flag, and r2 still holds grants: DropRole itself, as the C# matrix sends it.
  'DropRole': c => raw(c, 'DropRole', { role_name: 'r2', force_drop: true }),
  'CreatePrivilegeGroup': c => c.createPrivilegeGroup({ group_name: 'g1' }),
  'OperatePrivilegeGroup': c => c.addPrivilegesToGroup({ group_name: 'g1', privileges: ['Query'] }),
  'ListPrivilegeGroups': c => c.listPrivilegeGroups(),
  'DropPrivilegeGroup': c => c.dropPrivilegeGroup({ group_name: 'g1' }),
  'BackupRBAC': c => c.backupRBAC(),
  'ListResourceGroups': c => c.listResourceGroups(),
  'UpdateCredential(self)': (c, user) => c.updateUser({
    username: user, oldPassword: identities.find(i => i.user === user)?.password ?? '', newPassword: 'Changed-Pass-1',
  }),
};

/** AccessMatrixTests.Arrange, as root: docs and other (3 rows, FLAT index, loaded), an alias, a snapshot of docs, the users and their roles. */
async function arrange(root) {
  for (const name of ['docs', 'other']) {
    ok(await root.createCollection({ collection_name: name, fields: vecFields }), `create ${name}`);
    ok(await root.insert({ collection_name: name, data: [{ id: 1, vec: [1, 0] }, { id: 2, vec: [0, 1] }, { id: 3, vec: [1, 1] }] }), `insert ${name}`);
    ok(await root.createIndex({ collection_name: name, field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' }), `index ${name}`);
    ok(await root.loadCollection({ collection_name: name }), `load ${name}`);
  }
  ok(await root.createAlias({ collection_name: 'docs', alias: 'docs_alias' }), 'createAlias');
  ok(await raw(root, 'CreateSnapshot', { collection_name: 'docs', name: 'base' }), 'createSnapshot base');
  for (const i of identities.filter(i => ['reader', 'scoped', 'nobody'].includes(i.name))) {
    ok(await root.createUser({ username: i.user, password: i.password }), `createUser ${i.user}`);
  }
  ok(await root.createUser({ username: 'victim', password: 'Victim-Pass-1' }), 'createUser victim');
  ok(await root.createRole({ roleName: 'ro' }), 'createRole ro');
  ok(await root.grantPrivilegeV2({ role: 'ro', privilege: 'CollectionReadOnly', db_name: '*', collection_name: '*' }), 'grant ro');
  ok(await root.grantPrivilegeV2({ role: 'ro', privilege: 'DatabaseReadOnly', db_name: '*', collection_name: '*' }), 'grant ro db');
  ok(await root.addUserToRole({ username: 'reader', roleName: 'ro' }), 'bind reader');
  ok(await root.createRole({ roleName: 'docs_rw' }), 'createRole docs_rw');
  ok(await root.grantPrivilegeV2({ role: 'docs_rw', privilege: 'CollectionReadWrite', db_name: 'default', collection_name: 'docs' }), 'grant docs_rw');
  ok(await root.addUserToRole({ username: 'scoped', roleName: 'docs_rw' }), 'bind scoped');
}

main(async () => {
  assert.ok(identity, `unknown identity ${identityName}`);
  assert.deepEqual(Object.keys(calls).sort(), cases.map(c => c.rpc).sort(), 'the Node calls and the C# matrix name the same RPCs');
  const root = client('root', 'Milvus');
  await arrange(root);

  const unauthenticated = identity.user === null || identity.name === 'wrong-password';
  const caller = identity.name === 'root' ? root : client(identity.user ?? undefined, identity.password ?? undefined);
  let allowed = 0;
  let denied = 0;
  for (const c of cases) {
    const what = `${c.rpc} as ${identity.name}`;
    const call = () => calls[c.rpc](caller, identity.user ?? '');
    if (unauthenticated) {
      await rejectsWith(call(), 16, identity.user === null ? 'missing authorization in header'
        : 'auth check failure, please check username and password are correct', what);
      denied++;
    } else if (identity.name === 'root' || c.privilege === null || c.allowedFor.includes(identity.letter)) {
      ok(await call(), what);
      allowed++;
    } else {
      await rejectsWith(call(), 7, `${c.privilege}: permission deny to ${identity.user} in the \`${c.database}\` database`, what);
      denied++;
    }
  }
  console.log(`access matrix as ${identity.name}: ${allowed} allowed, ${denied} refused`);
});
