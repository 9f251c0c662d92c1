'use strict';
// Runs ONE call with @grpc/grpc-js and prints its outcome as one JSON line, for the C# tests to
// assert on. Never throws: a failed call is an outcome like any other.
//
// Usage: node client.js HOST:PORT SCENARIO 'JSON'
//   SCENARIO: unary | server-streaming | client-streaming | duplex | health-check | health-watch
//   JSON (all optional):
//     request:   EchoRequest fields (camelCase) plus payloadSize (bytes of a deterministic payload)
//     requests:  a list of those, for the streaming-request scenarios
//     metadata:  {key: value | [values]}; values of "-bin" keys are base64
//     deadlineMs, cancelAfterMs, cancelAfterResponses, maxReceive, maxSend, service (health)
// Output: {code, details, headers, trailers, count, inOrder, responses: [first 10], elapsedMs}

const { grpc, loadPackages, metadataToJson, metadataFromJson, makePayload, canonical, sha256 } = require('./echo');

const [address, scenario, json] = process.argv.slice(2);
const spec = json ? JSON.parse(json) : {};
const { EchoService, Health } = loadPackages();

const channelOptions = {};
if (spec.maxReceive !== undefined) {
  channelOptions['grpc.max_receive_message_length'] = spec.maxReceive;
}
if (spec.maxSend !== undefined) {
  channelOptions['grpc.max_send_message_length'] = spec.maxSend;
}

function toRequest(r = {}) {
  const { payloadSize, ...fields } = r;
  return canonical(payloadSize ? { ...fields, payload: makePayload(payloadSize) } : fields);
}

function summary(response) {
  if (response.status !== undefined) {
    return { status: response.status };
  }
  return {
    message: response.message,
    index: response.index,
    payloadLength: response.payload.length,
    payloadSha256: sha256(response.payload),
    seenMetadata: response.seenMetadata,
  };
}

const started = Date.now();
const outcome = { headers: null, responses: [], count: 0, inOrder: true };
let statusSeen = false;
let unaryDone = !['unary', 'client-streaming', 'health-check'].includes(scenario);

function finish() {
  if (statusSeen && unaryDone) {
    outcome.elapsedMs = Date.now() - started;
    process.stdout.write(JSON.stringify(outcome) + '\n');
    // Exit without waiting for the channel to wind down; the outcome is complete.
    process.exit(0);
  }
}

function onResponse(response) {
  if (response.index !== undefined && response.index !== outcome.count) {
    outcome.inOrder = false;
  }
  outcome.count++;
  if (outcome.responses.length < 10) {
    outcome.responses.push(summary(response));
  }
  if (spec.cancelAfterResponses !== undefined && outcome.count === spec.cancelAfterResponses) {
    call.cancel();
  }
}

function unaryCallback(error, response) {
  if (!error) {
    onResponse(response);
  }
  unaryDone = true;
  finish();
}

const options = spec.deadlineMs !== undefined ? { deadline: Date.now() + spec.deadlineMs } : {};
const metadata = metadataFromJson(spec.metadata);
const echo = scenario.startsWith('health') ? null : new EchoService(address, grpc.credentials.createInsecure(), channelOptions);
const health = scenario.startsWith('health') ? new Health(address, grpc.credentials.createInsecure(), channelOptions) : null;

let call;
switch (scenario) {
  case 'unary':
    call = echo.Echo(toRequest(spec.request), metadata, options, unaryCallback);
    break;
  case 'server-streaming':
    call = echo.StreamEcho(toRequest(spec.request), metadata, options);
    break;
  case 'client-streaming':
    call = echo.CollectEcho(metadata, options, unaryCallback);
    break;
  case 'duplex':
    call = echo.ChatEcho(metadata, options);
    break;
  case 'health-check':
    call = health.Check({ service: spec.service ?? '' }, metadata, options, unaryCallback);
    break;
  case 'health-watch':
    call = health.Watch({ service: spec.service ?? '' }, metadata, options);
    break;
  default:
    process.stderr.write(`unknown scenario ${scenario}\n`);
    process.exit(2);
}

call.on('metadata', (headers) => {
  outcome.headers = metadataToJson(headers);
});
call.on('status', (status) => {
  outcome.code = status.code;
  outcome.details = status.details;
  outcome.trailers = metadataToJson(status.metadata);
  statusSeen = true;
  finish();
});
if (['server-streaming', 'duplex', 'health-watch'].includes(scenario)) {
  call.on('data', onResponse);
  // The status event reports the failure; 'error' only needs a listener so it is not thrown.
  call.on('error', () => {});
}
if (['client-streaming', 'duplex'].includes(scenario)) {
  for (const request of spec.requests ?? []) {
    call.write(toRequest(request));
  }
  call.end();
}
if (spec.cancelAfterMs !== undefined) {
  setTimeout(() => call.cancel(), spec.cancelAfterMs);
}
