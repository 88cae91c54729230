'use strict';
// The official Node SDK the scripts drive. MILVUS_NODE_SDK names its package folder under tests/compat/node_modules:
// "@zilliz/milvus2-sdk-node" (2.6.17, the default) or the npm alias "milvus2-sdk-node-3" (3.0.6); see package.json.
const name = process.env.MILVUS_NODE_SDK || '@zilliz/milvus2-sdk-node';
const sdk = require(name);

/** "@zilliz/milvus2-sdk-node 2.6.17": which SDK a script ran, for its messages. */
const description = `${name} ${require(`${name}/package.json`).version}`;

module.exports = { ...sdk, sdkDescription: description };
