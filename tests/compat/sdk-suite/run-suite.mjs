#!/usr/bin/env node
// Runs the official Node SDK's own test suite (milvus-sdk-node, folder test/) against Milvus.Local.Server and
// writes a per-file pass/fail table. Long (tens of minutes): not part of the normal test command.
// Usage and options: see ../README.md ("The official Node SDK's own test suite").
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

function parseArgs(argv) {
  const options = {
    sdkRepo: process.env.MILVUS_SDK_NODE_REPO ?? '/work/.mirror/milvus-io+milvus-sdk-node/repo',
    protoRepo: process.env.MILVUS_PROTO_REPO ?? '/work/.mirror/milvus-io+milvus-proto/repo',
    tag: 'v2.6.17',
    out: path.join(repoRoot, 'out', 'sdk-suite'),
    server: path.join(repoRoot, 'src/Milvus.Local.Server/bin/Release/net10.0/Milvus.Local.Server.dll'),
    fileTimeoutSeconds: 600,
    only: null,
    omitFieldTypes: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? fail(`${argv[i - 1]} needs a value`);
    switch (argv[i]) {
      case '--sdk-repo': options.sdkRepo = value(); break;
      case '--proto-repo': options.protoRepo = value(); break;
      case '--tag': options.tag = value(); break;
      case '--out': options.out = path.resolve(value()); break;
      case '--server': options.server = path.resolve(value()); break;
      case '--file-timeout': options.fileTimeoutSeconds = Number(value()); break;
      case '--only': options.only = value(); break;
      case '--omit-field-types': options.omitFieldTypes = value().split(',').filter(Boolean); break;
      default: fail(`unknown option ${argv[i]}`);
    }
  }
  return options;
}

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(2);
}

// The suite's spec files, as the SDK's own jest config selects them (testRegex minus testPathIgnorePatterns),
// less test/build (it tests the compiled dist/ package, which the suite does not build).
function specFiles(root, only) {
  const ignored = ['cloud.spec.ts', 'serverless.spec.ts', 'GlobalCluster.spec.ts'];
  const files = [];
  for (const dir of ['grpc', 'http', 'bulkwriter', 'utils']) {
    for (const name of fs.readdirSync(path.join(root, 'test', dir)).sort()) {
      if (name.endsWith('.spec.ts') && !ignored.includes(name)) files.push(`test/${dir}/${name}`);
    }
  }
  return only ? files.filter(f => new RegExp(only).test(f)) : files;
}

// Extracts the tagged SDK sources and tests; points test/tools/ip.ts at the address in MILVUS_SDK_SUITE_ADDRESS
// (the suite hard-codes 127.0.0.1:19530; our servers only ever take a dynamic port).
function extractSuite(options, root) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const archive = spawnSync('git', ['-C', options.sdkRepo, 'archive', options.tag, 'milvus', 'test', 'package.json', 'tsconfig.json', 'sdk.json'],
    { maxBuffer: 1 << 30 });
  if (archive.status !== 0) fail(`git archive ${options.tag} failed: ${archive.stderr}`);
  const tar = spawnSync('tar', ['-x', '-C', root], { input: archive.stdout });
  if (tar.status !== 0) fail(`tar failed: ${tar.stderr}`);
  fs.writeFileSync(path.join(root, 'test/tools/ip.ts'),
    "export const IP = process.env.MILVUS_SDK_SUITE_ADDRESS ?? '127.0.0.1:19530';\nexport const ENDPOINT = `http://${IP}`;\n");
  extractProto(options, root);
  reachClosedPortWithoutDefaultPort(root);
  useGlobalJson(root);
  if (options.omitFieldTypes.length > 0) omitFieldTypes(root, options.omitFieldTypes);
  fs.symlinkSync(path.join(here, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  // The SDK's jest config, with ts-jest transpiling only (no type check: that is the SDK's build's job, and
  // type-checking the whole SDK per file would dominate the run time).
  fs.writeFileSync(path.join(root, 'jest.config.js'), `module.exports = {
  rootDir: __dirname,
  transform: { '^.+\\\\.ts?$': ['ts-jest', { isolatedModules: true }] },
  testEnvironment: 'node',
  testRegex: '/test/.*\\\\.(test|spec)?\\\\.(ts|tsx)$',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json', 'node'],
  testTimeout: 60000,
};
`);
}

// The SDK's proto/ folder is a git submodule (milvus-io/milvus-proto), so `git archive` leaves it out; the SDK's unit
// tests of utils/ProtoJson, utils/Schema and utils/Search read its .proto files. Extracts the submodule's pinned
// commit from a clone of milvus-proto when one is there (a warning otherwise: those three files then fail).
function extractProto(options, root) {
  const entry = spawnSync('git', ['-C', options.sdkRepo, 'ls-tree', options.tag, 'proto'], { encoding: 'utf8' });
  const commit = entry.stdout.match(/^160000 commit ([0-9a-f]{40})\tproto$/m)?.[1];
  if (!commit) { console.warn(`warning: ${options.tag} pins no proto submodule`); return; }
  const archive = spawnSync('git', ['-C', options.protoRepo, 'archive', commit, 'proto'], { maxBuffer: 1 << 30 });
  if (archive.status !== 0) {
    console.warn(`warning: proto submodule ${commit} not found in ${options.protoRepo} (--proto-repo): the .proto-reading unit tests will fail`);
    return;
  }
  fs.mkdirSync(path.join(root, 'proto'), { recursive: true });
  const tar = spawnSync('tar', ['-x', '-C', path.join(root, 'proto')], { input: archive.stdout });
  if (tar.status !== 0) fail(`tar failed: ${tar.stderr}`);
}

// MilvusClient.spec reaches a closed port by replacing ':19530' in the suite's address; the runner's servers take a
// dynamic port, so the replacement found nothing and the "unavailable" check connected to the live server. Replaces
// whatever port the address has, keeping the test's own closed port 19539.
function reachClosedPortWithoutDefaultPort(root) {
  const file = path.join(root, 'test/grpc/MilvusClient.spec.ts');
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replaceAll("IP.replace(':19530', ':19539')", "IP.replace(/:\\d+$/, ':19539')"));
}

// The SDK imports its type `JSON` (types/DataTypes.ts) next to values and then calls JSON.stringify. Type-checked
// compilation (the SDK's own jest) elides that import; transpile-only compilation cannot tell it is a type, keeps it
// and JSON.stringify reads undefined.stringify, failing every insert of a row with a JSON field before any request is
// sent. Naming the global JSON in those files restores what the SDK's own build does.
function useGlobalJson(root) {
  for (const dir of ['milvus', 'test']) {
    for (const file of fs.readdirSync(path.join(root, dir), { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const full = path.join(root, dir, file);
      const text = fs.readFileSync(full, 'utf8');
      if (!/import\s*\{[^}]*\bJSON\b[^}]*\}/.test(text)) continue;
      fs.writeFileSync(full, text.replace(/(?<![\w.])JSON\.(stringify|parse)\(/g, 'globalThis.JSON.$1('));
    }
  }
}

// Diagnostic mode (--omit-field-types Geometry,Timestamptz): drops those fields from the suite's default collection
// (test/tools/collection.ts), so failures they cause everywhere do not hide other differences. Not the official figure.
function omitFieldTypes(root, types) {
  const file = path.join(root, 'test/tools/collection.ts');
  let text = fs.readFileSync(file, 'utf8');
  for (const type of types) {
    const block = new RegExp(`\\n\\s*\\{\\n\\s*name: '\\w+',\\n\\s*description: '[^']*',\\n\\s*data_type: DataType\\.${type},\\n[^}]*\\},`);
    if (!block.test(text)) fail(`--omit-field-types: no ${type} field in test/tools/collection.ts`);
    text = text.replace(block, '');
  }
  fs.writeFileSync(file, text);
}

// Starts Milvus.Local.Server on a fresh database file and a free loopback port; resolves with its address.
function startServer(options, dataFile, logFile) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'w');
    const child = spawn('dotnet', [options.server, '--data', dataFile, '--port', '0'], { stdio: ['ignore', 'pipe', log] });
    let buffered = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('server did not start in 180 s')); }, 180000);
    child.stdout.on('data', chunk => {
      buffered += chunk;
      const match = /listening on http:\/\/([^\s]+)/.exec(buffered);
      if (match) { clearTimeout(timer); resolve({ child, address: match[1] }); }
    });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`server exited with ${code}; see ${logFile}`)); });
  });
}

function stopServer(child) {
  return new Promise(resolve => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10000).unref();
  });
}

// Runs jest on one spec file in its own process group, killed after the time bound.
function runJest(root, file, address, jsonFile, logFile, timeoutSeconds) {
  return new Promise(resolve => {
    const log = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), '--config', path.join(root, 'jest.config.js'),
      '--runTestsByPath', file, '--json', '--outputFile', jsonFile, '--forceExit', '--ci'],
    { cwd: root, detached: true, stdio: ['ignore', log, log], env: { ...process.env, NODE_ENV: 'dev', MILVUS_SDK_SUITE_ADDRESS: address } });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; process.kill(-child.pid, 'SIGKILL'); }, timeoutSeconds * 1000);
    child.on('exit', () => { clearTimeout(timer); resolve(timedOut); });
  });
}

function readResult(jsonFile, timedOut) {
  if (!fs.existsSync(jsonFile)) return { passed: 0, failed: 0, skipped: 0, note: timedOut ? 'timed out' : 'no result (suite failed to run)', failures: [] };
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  const suite = json.testResults[0] ?? { assertionResults: [], message: '' };
  const failures = suite.assertionResults.filter(a => a.status === 'failed')
    .map(a => ({ test: a.fullName, message: (a.failureMessages[0] ?? '').split('\n').slice(0, 6).join('\n') }));
  const note = suite.assertionResults.length === 0 && suite.message
    ? suite.message.split('\n').map(l => l.trim()).find(l => l && !l.includes('Test suite failed to run')) ?? '' : '';
  return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests, note, failures };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(here, 'node_modules/jest'))) {
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: here, stdio: 'inherit' });
    if (npm.status !== 0) fail('npm ci failed');
  }
  if (!fs.existsSync(options.server)) fail(`${options.server} not found: build first (dotnet build Milvus.sln -c Release)`);
  const root = path.join(options.out, 'suite');
  const work = path.join(options.out, 'work');
  extractSuite(options, root);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });

  const results = [];
  for (const file of specFiles(root, options.only)) {
    const stem = file.replace(/[\\/]/g, '_');
    const started = Date.now();
    let result;
    try {
      const { child, address } = await startServer(options, path.join(work, `${stem}.db`), path.join(work, `${stem}.server.log`));
      const jsonFile = path.join(work, `${stem}.json`);
      const timedOut = await runJest(root, file, address, jsonFile, path.join(work, `${stem}.jest.log`), options.fileTimeoutSeconds);
      await stopServer(child);
      result = { file, ...readResult(jsonFile, timedOut), seconds: Math.round((Date.now() - started) / 1000) };
    } catch (e) {
      result = { file, passed: 0, failed: 0, skipped: 0, note: e.message, failures: [], seconds: Math.round((Date.now() - started) / 1000) };
    }
    results.push(result);
    console.log(`${file}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${result.seconds} s)${result.note ? ` ${result.note}` : ''}`);
  }
  writeReport(options, results);
}

function writeReport(options, results) {
  const total = key => results.reduce((sum, r) => sum + r[key], 0);
  const lines = [
    `# Node SDK ${options.tag} test suite against Milvus.Local.Server`, '',
    ...(options.omitFieldTypes.length > 0
      ? [`Diagnostic run: field types ${options.omitFieldTypes.join(', ')} omitted from the suite's default collection.`, ''] : []),
    `${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped in ${results.length} files.`, '',
    '| File | Passed | Failed | Skipped | Note |', '|---|---:|---:|---:|---|',
    ...results.map(r => `| ${r.file} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.note.replace(/\|/g, '\\|')} |`),
    '', '## Failures', '',
    ...results.flatMap(r => r.failures.map(f => `- **${r.file}** ${f.test}\n\n  \`\`\`\n  ${f.message.replace(/\n/g, '\n  ')}\n  \`\`\``)),
  ];
  fs.writeFileSync(path.join(options.out, 'results.md'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(options.out, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped; table in ${path.join(options.out, 'results.md')}`);
}

await main();
