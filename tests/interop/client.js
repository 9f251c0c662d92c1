'use strict';
// Makes one call with @grpc/grpc-js, as a third-party client of the mesh would, and prints its outcome as
// one JSON line for the C# tests to assert on. The contracts are loaded from /protos with proto-loader,
// grpc.health.v1 from the grpc-health-check package and grpc.reflection.v1 from @grpc/reflection. Never throws:
// a failed call is an outcome like any other.
//
// Usage: node client.js 'JSON'
//   address:  HOST:PORT of a Dapr sidecar's gRPC API (or of an app)
//   service:  the full service name, e.g. purifierrental.order.v1.OrderService or grpc.health.v1.Health
//   method:   e.g. PlaceOrder; a server-streaming method is read until it ends or is cancelled
//   request:  the request message as proto-loader takes it (camelCase fields, enums by name); for a method
//             that streams requests, an array of them, written in order before the request stream ends
//   metadata: {key: value | [values]}, e.g. {"dapr-app-id": "order"}; values of "-bin" keys are base64
//   deadlineMs, cancelAfterResponses (both optional)
// Output: {code, details, headers, trailers, responses, elapsedMs}; headers and trailers as {key: [values]}

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTOS = path.resolve(__dirname, '..', '..', 'protos');
const HEALTH_PROTOS = path.dirname(require.resolve('grpc-health-check/package.json'));
const REFLECTION_PROTOS = path.join(path.dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');

// Every .proto under /protos, as paths relative to it.
function protoFiles(folder = '') {
  return fs.readdirSync(path.join(PROTOS, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      return protoFiles(relative);
    }
    return entry.name.endsWith('.proto') ? [relative] : [];
  });
}

function loadPackages() {
  const definition = protoLoader.loadSync([...protoFiles(), 'proto/health/v1/health.proto', 'grpc/reflection/v1/reflection.proto'], {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [PROTOS, HEALTH_PROTOS, REFLECTION_PROTOS],
  });
  return grpc.loadPackageDefinition(definition);
}

// {key: [values]} with binary values as padded base64.
function metadataToJson(metadata) {
  const result = {};
  for (const [key, values] of Object.entries(metadata ? metadata.toJSON() : {})) {
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

function call(spec) {
  return new Promise((resolve) => {
    const Service = spec.service.split('.').reduce((scope, name) => scope && scope[name], loadPackages());
    if (typeof Service !== 'function' || !Service.service[spec.method]) {
      resolve({ error: `no method ${spec.service}/${spec.method} in the loaded protos` });
      return;
    }
    const client = new Service(spec.address, grpc.credentials.createInsecure());
    const streaming = Service.service[spec.method].responseStream;
    const requestStreaming = Service.service[spec.method].requestStream;
    const options = spec.deadlineMs !== undefined ? { deadline: Date.now() + spec.deadlineMs } : {};
    const started = Date.now();
    const outcome = { headers: null, responses: [] };
    let statusSeen = false;
    let responseDone = streaming;
    let pending;

    const finish = () => {
      if (statusSeen && responseDone) {
        outcome.elapsedMs = Date.now() - started;
        client.close();
        resolve(outcome);
      }
    };
    const onResponse = (response) => {
      outcome.responses.push(response);
      if (spec.cancelAfterResponses !== undefined && outcome.responses.length === spec.cancelAfterResponses) {
        pending.cancel();
      }
    };

    const metadata = metadataFromJson(spec.metadata);
    const request = spec.request || {};
    if (requestStreaming && streaming) {
      pending = client[spec.method](metadata, options);
      pending.on('data', onResponse);
      pending.on('error', () => {});
      for (const message of [].concat(request)) {
        pending.write(message);
      }
      pending.end();
    } else if (streaming) {
      pending = client[spec.method](request, metadata, options);
      pending.on('data', onResponse);
      // The status event reports the failure; 'error' only needs a listener so that it is not thrown.
      pending.on('error', () => {});
    } else {
      pending = client[spec.method](request, metadata, options, (error, response) => {
        if (!error) {
          onResponse(response);
        }
        responseDone = true;
        finish();
      });
    }
    pending.on('metadata', (headers) => {
      outcome.headers = metadataToJson(headers);
    });
    pending.on('status', (status) => {
      outcome.code = status.code;
      outcome.details = status.details;
      outcome.trailers = metadataToJson(status.metadata);
      statusSeen = true;
      finish();
    });
  });
}

call(JSON.parse(process.argv[2])).then((outcome) => {
  process.stdout.write(JSON.stringify(outcome) + '\n');
  process.exit(0);
});
