'use strict';
// Shared by server.js and client.js: loads the contracts from /protos with proto-loader,
// exactly as a third-party grpc-js user would, and converts metadata to and from JSON.

const path = require('path');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTOS = path.resolve(__dirname, '..', '..', 'protos');
// grpc.health.v1 as the grpc-health-check package ships it.
const HEALTH_PROTOS = path.dirname(require.resolve('grpc-health-check/package.json'));

// camelCase field names (failWithCode), so that the JSON the tests exchange is camelCase throughout.
const LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  includeDirs: [PROTOS, HEALTH_PROTOS],
};

function loadPackages() {
  const definition = protoLoader.loadSync(
    ['purifierrental/testing/v1/echo.proto', 'proto/health/v1/health.proto'],
    LOADER_OPTIONS,
  );
  const loaded = grpc.loadPackageDefinition(definition);
  return {
    EchoService: loaded.purifierrental.testing.v1.EchoService,
    Health: loaded.grpc.health.v1.Health,
  };
}

// {key: [values]} with binary values as padded base64, the form the C# tests compare against.
function metadataToJson(metadata) {
  const result = {};
  if (!metadata) {
    return result;
  }
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    result[key] = values.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v));
  }
  return result;
}

// The inverse: every value of a "-bin" key is base64 of the bytes to send.
function metadataFromJson(json) {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(json || {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      metadata.add(key, key.endsWith('-bin') ? Buffer.from(v, 'base64') : v);
    }
  }
  return metadata;
}

// A deterministic payload, so that both sides can check that every byte arrived.
function makePayload(size) {
  const payload = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    payload[i] = i % 251;
  }
  return payload;
}

// protobufjs writes a field that is present on the object even when it holds the proto3 default
// ('' or 0), which other implementations never do. Dropping such fields keeps message sizes
// identical on both sides, which the size-limit tests depend on.
function canonical(message) {
  const result = {};
  for (const [key, value] of Object.entries(message)) {
    const empty = value === '' || value === 0 || (value && value.length === 0);
    if (!empty && value !== undefined && value !== null) {
      result[key] = value;
    }
  }
  return result;
}

function sha256(buffer) {
  return crypto.createHash('sha256').update(buffer).digest('hex');
}

module.exports = { grpc, loadPackages, metadataToJson, metadataFromJson, makePayload, canonical, sha256 };
