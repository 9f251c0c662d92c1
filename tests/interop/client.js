'use strict';
// Makes calls with @grpc/grpc-js and reports each outcome as one JSON line, for the C# tests to
// assert on. Never throws: a failed call is an outcome like any other.
//
// Usage: node client.js HOST:PORT SCENARIO 'JSON'   one call, one line, exit
//        node client.js --serve                     one call per stdin line {"id","address","scenario","spec"},
//                                                   answered by {"id", ...outcome}; exits when stdin ends
// (the tests use --serve, so that loading grpc-js is paid once rather than for every call)
//   SCENARIO: unary | server-streaming | client-streaming | duplex | health-check | health-watch
//   JSON (all optional):
//     request:   EchoRequest fields (camelCase) plus payloadSize (bytes of a deterministic payload)
//     requests:  a list of those, for the streaming-request scenarios
//     metadata:  {key: value | [values]}; values of "-bin" keys are base64
//     deadlineMs, cancelAfterMs, cancelAfterResponses, maxReceive, maxSend, service (health)
// Output: {code, details, headers, trailers, count, inOrder, responses: [first 10], elapsedMs}

const { grpc, loadPackages, metadataToJson, metadataFromJson, makePayload, canonical, sha256 } = require('./echo');

const { EchoService, Health } = loadPackages();

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

// Every call gets its own client (and so its own channel and connection), as a separate process would.
function runCall(address, scenario, spec) {
  return new Promise((resolve) => {
    const channelOptions = {};
    if (spec.maxReceive !== undefined) {
      channelOptions['grpc.max_receive_message_length'] = spec.maxReceive;
    }
    if (spec.maxSend !== undefined) {
      channelOptions['grpc.max_send_message_length'] = spec.maxSend;
    }
    const health = scenario.startsWith('health');
    const client = health
      ? new Health(address, grpc.credentials.createInsecure(), channelOptions)
      : new EchoService(address, grpc.credentials.createInsecure(), channelOptions);

    const started = Date.now();
    const outcome = { headers: null, responses: [], count: 0, inOrder: true };
    let statusSeen = false;
    let unaryDone = !['unary', 'client-streaming', 'health-check'].includes(scenario);
    let call;

    const finish = () => {
      if (statusSeen && unaryDone) {
        outcome.elapsedMs = Date.now() - started;
        client.close();
        resolve(outcome);
      }
    };
    const onResponse = (response) => {
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
    };
    const unaryCallback = (error, response) => {
      if (!error) {
        onResponse(response);
      }
      unaryDone = true;
      finish();
    };

    const options = spec.deadlineMs !== undefined ? { deadline: Date.now() + spec.deadlineMs } : {};
    const metadata = metadataFromJson(spec.metadata);
    switch (scenario) {
      case 'unary':
        call = client.Echo(toRequest(spec.request), metadata, options, unaryCallback);
        break;
      case 'server-streaming':
        call = client.StreamEcho(toRequest(spec.request), metadata, options);
        break;
      case 'client-streaming':
        call = client.CollectEcho(metadata, options, unaryCallback);
        break;
      case 'duplex':
        call = client.ChatEcho(metadata, options);
        break;
      case 'health-check':
        call = client.Check({ service: spec.service ?? '' }, metadata, options, unaryCallback);
        break;
      case 'health-watch':
        call = client.Watch({ service: spec.service ?? '' }, metadata, options);
        break;
      default:
        client.close();
        resolve({ error: `unknown scenario ${scenario}` });
        return;
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
  });
}

if (process.argv[2] === '--serve') {
  const lines = require('readline').createInterface({ input: process.stdin });
  lines.on('line', async (line) => {
    const { id, address, scenario, spec } = JSON.parse(line);
    const outcome = await runCall(address, scenario, spec ?? {});
    process.stdout.write(JSON.stringify({ id, ...outcome }) + '\n');
  });
  lines.on('close', () => process.exit(0));
} else {
  const [address, scenario, json] = process.argv.slice(2);
  runCall(address, scenario, json ? JSON.parse(json) : {}).then((outcome) => {
    process.stdout.write(JSON.stringify(outcome) + '\n');
    process.exit(0);
  });
}
