// Writes src/Milvus.Protocol/Protos/*.proto from the protocol facts in the official Node SDK's
// protobufjs descriptor (npm @zilliz/milvus2-sdk-node, pinned in tests/compat/package.json).
// Usage: node tools/protogen/generate-protos.mjs [descriptor.js] [outDir]
// The output is committed; tests/compat checks the compiled result against the descriptor.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// Paths on the command line are relative to the current directory (require() alone would resolve them against this file).
const descriptorPath = process.argv[2] ? path.resolve(process.argv[2]) :
  path.join(root, 'tests/compat/node_modules/milvus2-sdk-node-3/dist/milvus/proto-json/milvus.js');
const outDir = process.argv[3] ? path.resolve(process.argv[3]) : path.join(root, 'src/Milvus.Protocol/Protos');
const require = createRequire(import.meta.url);
const descriptor = require(descriptorPath).default;

// One .proto file per package, as Milvus lays them out; C# namespaces are our own.
const packages = {
  'milvus.proto.common': { file: 'common.proto', ns: 'Milvus.Protocol.Common' },
  'milvus.proto.schema': { file: 'schema.proto', ns: 'Milvus.Protocol.Schema' },
  'milvus.proto.rg': { file: 'rg.proto', ns: 'Milvus.Protocol.ResourceGroups' },
  'milvus.proto.feder': { file: 'feder.proto', ns: 'Milvus.Protocol.Federation' },
  'milvus.proto.msg': { file: 'msg.proto', ns: 'Milvus.Protocol.Messages' },
  'milvus.proto.milvus': { file: 'milvus.proto', ns: 'Milvus.Protocol.Api' },
};
const scalarTypes = new Set(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes']);

// Index every named type by its full name so references can be resolved the way protoc does.
const types = new Map();
function index(node, fullName) {
  for (const [name, child] of Object.entries(node.nested ?? {})) {
    const full = fullName ? `${fullName}.${name}` : name;
    if (child.fields || child.values) types.set(full, child);
    index(child, full);
  }
}
index(descriptor, '');

function resolve(ref, scope) {
  if (ref.startsWith('.')) return ref.slice(1);
  const parts = scope.split('.');
  for (let i = parts.length; i >= 0; i--) {
    const candidate = [...parts.slice(0, i), ref].join('.');
    if (types.has(candidate)) return candidate;
  }
  throw new Error(`cannot resolve ${ref} in ${scope}`);
}
const packageOf = full => Object.keys(packages).find(p => full.startsWith(p + '.')) ??
  (full.startsWith('google.protobuf.') ? 'google.protobuf' : null);

function literal(value) {
  if (typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) && value !== 'true' && value !== 'false') return value;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function emitOptions(options, indent, imports, scope) {
  const lines = [];
  for (const [key, value] of Object.entries(options ?? {})) {
    const m = key.match(/^\(([^)]+)\)(.*)$/);
    if (m) imports.add(packageOf(resolveExtension(m[1], scope)));
    lines.push(`${indent}option ${key} = ${literal(value)};`);
  }
  return lines;
}
function resolveExtension(ref, scope) {
  const parts = scope.split('.');
  for (let i = parts.length; i >= 0; i--) {
    const owner = [...parts.slice(0, i), ...ref.split('.').slice(0, -1)].join('.');
    const name = ref.split('.').at(-1);
    let node = descriptor;
    for (const p of owner.split('.').filter(Boolean)) node = node?.nested?.[p];
    if (node?.nested?.[name]?.extend) return `${owner}.${name}`;
  }
  throw new Error(`cannot resolve extension ${ref}`);
}

function fieldOptions(field) {
  const opts = Object.entries(field.options ?? {}).filter(([k]) => k !== 'proto3_optional');
  return opts.length ? ` [${opts.map(([k, v]) => `${k} = ${literal(v)}`).join(', ')}]` : '';
}

function emitType(name, node, fullName, indent, imports) {
  const out = [];
  if (node.values) {
    out.push(`${indent}enum ${name} {`);
    out.push(...emitOptions(node.options, indent + '  ', imports, fullName));
    for (const [valueName, number] of Object.entries(node.values)) {
      const vo = node.valuesOptions?.[valueName];
      const o = vo ? ` [${Object.entries(vo).map(([k, v]) => `${k} = ${literal(v)}`).join(', ')}]` : '';
      out.push(`${indent}  ${valueName} = ${number}${o};`);
    }
    out.push(`${indent}}`);
    return out;
  }
  out.push(`${indent}message ${name} {`);
  out.push(...emitOptions(node.options, indent + '  ', imports, fullName));
  for (const [childName, child] of Object.entries(node.nested ?? {})) {
    if (child.fields || child.values) out.push(...emitType(childName, child, `${fullName}.${childName}`, indent + '  ', imports));
  }
  const oneofs = Object.entries(node.oneofs ?? {}).filter(([, o]) =>
    !(o.oneof.length === 1 && node.fields[o.oneof[0]]?.options?.proto3_optional));
  const inOneof = new Map();
  for (const [oneofName, o] of oneofs) for (const f of o.oneof) inOneof.set(f, oneofName);
  const fieldLine = (fieldName, f, pad) => {
    if (!scalarTypes.has(f.type)) imports.add(packageOf(resolve(f.type, fullName)));
    if (f.keyType) return `${pad}map<${f.keyType}, ${f.type}> ${fieldName} = ${f.id}${fieldOptions(f)};`;
    const label = f.rule === 'repeated' ? 'repeated ' : f.options?.proto3_optional ? 'optional ' : '';
    return `${pad}${label}${f.type} ${fieldName} = ${f.id}${fieldOptions(f)};`;
  };
  const emittedOneofs = new Set();
  for (const [fieldName, f] of Object.entries(node.fields)) {
    const oneofName = inOneof.get(fieldName);
    if (!oneofName) { out.push(fieldLine(fieldName, f, indent + '  ')); continue; }
    if (emittedOneofs.has(oneofName)) continue;
    emittedOneofs.add(oneofName);
    out.push(`${indent}  oneof ${oneofName} {`);
    for (const member of node.oneofs[oneofName].oneof) out.push(fieldLine(member, node.fields[member], indent + '    '));
    out.push(`${indent}  }`);
  }
  out.push(`${indent}}`);
  return out;
}

function emitService(name, node, fullName, imports) {
  const out = [`service ${name} {`];
  for (const [methodName, m] of Object.entries(node.methods)) {
    const req = `${m.requestStream ? 'stream ' : ''}${m.requestType}`;
    const res = `${m.responseStream ? 'stream ' : ''}${m.responseType}`;
    for (const t of [m.requestType, m.responseType]) imports.add(packageOf(resolve(t, fullName)));
    const opts = Object.entries(m.options ?? {});
    out.push(opts.length
      ? `  rpc ${methodName}(${req}) returns (${res}) {\n${opts.map(([k, v]) => `    option ${k} = ${literal(v)};`).join('\n')}\n  }`
      : `  rpc ${methodName}(${req}) returns (${res}) {}`);
  }
  out.push('}');
  return out;
}

fs.mkdirSync(outDir, { recursive: true });
for (const [pkg, { file, ns }] of Object.entries(packages)) {
  let node = descriptor;
  for (const p of pkg.split('.')) node = node.nested[p];
  const imports = new Set();
  const body = [];
  for (const [name, child] of Object.entries(node.nested)) {
    const full = `${pkg}.${name}`;
    if (child.methods) body.push(...emitService(name, child, full, imports), '');
    else if (child.extend) {
      imports.add(packageOf(resolve(child.extend, pkg)));
      if (!scalarTypes.has(child.type)) imports.add(packageOf(resolve(child.type, full)));
      body.push(`extend ${child.extend} {`, `  ${child.type} ${name} = ${child.id};`, '}', '');
    } else if (child.fields || child.values) body.push(...emitType(name, child, full, '', imports), '');
  }
  imports.delete(pkg);
  imports.delete(null);
  const importFiles = [...imports].map(p => p === 'google.protobuf' ? 'google/protobuf/descriptor.proto' : packages[p].file).sort();
  const fileOptions = Object.entries(node.options ?? {}).filter(([k]) => !k.startsWith('csharp_'));
  const header = [
    '// Generated by tools/protogen/generate-protos.mjs from the Milvus protocol descriptor. Do not edit.',
    'syntax = "proto3";',
    '',
    `package ${pkg};`,
    '',
    ...importFiles.map(f => `import "${f}";`),
    importFiles.length ? '' : null,
    `option csharp_namespace = "${ns}";`,
    ...fileOptions.map(([k, v]) => `option ${k} = ${JSON.stringify(v)};`),
    '',
  ].filter(l => l !== null);
  fs.writeFileSync(path.join(outDir, file), [...header, ...body].join('\n').trimEnd() + '\n');
  console.log(`wrote ${file}`);
}
