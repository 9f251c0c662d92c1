'use strict';
// EchoService on @grpc/grpc-js, with the semantics of tools/EchoServer's EchoService, so that the
// same tests can drive our client against a third-party server.
//
// Usage: node server.js [--max-receive BYTES] [--max-send BYTES]
// Prints "listening on PORT" first; then one JSON line per call the server saw end abnormally:
//   {"event":"cancelled"|"deadline-exceeded","method":"Echo","message":"<first request message>","timeoutMs":N|null}

const { grpc, loadPackages, canonical } = require('./echo');

const { EchoService, Health } = loadPackages();
const Status = grpc.status;

// Keys the protocol owns; they are not application metadata, as on our server.
const RESERVED = new Set(['user-agent', 'te', 'content-type', 'host', 'content-length', 'connection', 'accept-encoding']);

function report(event, method, message, timeoutMs) {
  process.stdout.write(JSON.stringify({ event, method, message, timeoutMs }) + '\n');
}

function seenMetadata(metadata) {
  const seen = [];
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    if (RESERVED.has(key) || key.startsWith('grpc-')) {
      continue;
    }
    for (const v of values) {
      seen.push(`${key}=${Buffer.isBuffer(v) ? v.toString('base64') : v}`);
    }
  }
  // Ordinal order, as the C# server sorts with StringComparer.Ordinal.
  return seen.sort();
}

// Request metadata named "echo-back-*" comes back as response headers and as trailers.
function echoBack(call) {
  const back = new grpc.Metadata();
  for (const [key, values] of Object.entries(call.metadata.toJSON())) {
    if (key.startsWith('echo-back-')) {
      values.forEach((v) => back.add(key, v));
    }
  }
  if (Object.keys(back.toJSON()).length > 0) {
    call.sendMetadata(back.clone());
  }
  return back;
}

// Tracks how a call ends, so that the tests can see that cancellation and deadlines reached the
// server. timeoutMs is what the server understood of the client's grpc-timeout (null for none).
function watch(call, method, messageOf) {
  const state = { done: false };
  const deadline = Number(call.getDeadline());
  const timeoutMs = Number.isFinite(deadline) ? deadline - Date.now() : null;
  const end = (event) => {
    if (!state.done) {
      state.done = true;
      clearTimeout(state.timer);
      report(event, method, messageOf(), timeoutMs);
    }
  };
  // A client that gives up at its deadline resets the stream at about the moment the server's
  // own deadline passes; either way the call ended because time ran out.
  call.on('cancelled', () => end(Date.now() >= deadline ? 'deadline-exceeded' : 'cancelled'));
  if (timeoutMs !== null) {
    state.timer = setTimeout(() => end('deadline-exceeded'), Math.max(0, timeoutMs));
  }
  state.finish = () => {
    state.done = true;
    clearTimeout(state.timer);
  };
  return state;
}

// Waits, but gives up as soon as the call is over (cancelled or past its deadline).
function delay(ms, state) {
  return new Promise((resolve) => {
    if (ms <= 0) {
      resolve(true);
      return;
    }
    const poll = setInterval(() => {
      if (state.done) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(false);
      }
    }, 5);
    const timer = setTimeout(() => {
      clearInterval(poll);
      resolve(!state.done);
    }, ms);
  });
}

function failure(request, trailers) {
  trailers.set('echo-failed', 'true');
  return { code: request.failWithCode, details: request.failWithMessage, metadata: trailers };
}

function answer(request, call) {
  return canonical({
    message: request.message,
    payload: request.responseSize > 0 ? Buffer.alloc(request.responseSize) : request.payload,
    seenMetadata: seenMetadata(call.metadata),
  });
}

const echoService = {
  async Echo(call, callback) {
    const request = call.request;
    const state = watch(call, 'Echo', () => request.message);
    const trailers = echoBack(call);
    if (!(await delay(request.delayMs, state))) {
      return;
    }
    state.finish();
    if (request.failWithCode !== 0) {
      callback(failure(request, trailers));
      return;
    }
    callback(null, answer(request, call), trailers);
  },

  async StreamEcho(call) {
    const request = call.request;
    const state = watch(call, 'StreamEcho', () => request.message);
    const trailers = echoBack(call);
    for (let i = 0; i < request.count; i++) {
      if (!(await delay(request.delayMs, state))) {
        return;
      }
      // Respect HTTP/2 flow control: a fast producer must wait for the reader.
      if (!call.write(canonical({ message: request.message, index: i }))) {
        await new Promise((resolve) => call.once('drain', resolve));
      }
    }
    state.finish();
    if (request.failWithCode !== 0) {
      call.emit('error', failure(request, trailers));
      return;
    }
    call.end(trailers);
  },

  CollectEcho(call, callback) {
    const messages = [];
    const state = watch(call, 'CollectEcho', () => messages[0] ?? '');
    const trailers = echoBack(call);
    call.on('data', (request) => messages.push(request.message));
    call.on('end', () => {
      state.finish();
      callback(null, canonical({ message: messages.join(',') }), trailers);
    });
  },

  ChatEcho(call) {
    let first;
    const state = watch(call, 'ChatEcho', () => first ?? '');
    const trailers = echoBack(call);
    let index = 0;
    // Requests are answered one at a time, in order, as our server does.
    let queue = Promise.resolve(true);
    call.on('data', (request) => {
      first ??= request.message;
      queue = queue.then(async (going) => {
        if (!going || !(await delay(request.delayMs, state))) {
          return false;
        }
        if (request.failWithCode !== 0) {
          state.finish();
          call.emit('error', failure(request, trailers));
          return false;
        }
        call.write(canonical({ message: request.message, index: index++ }));
        return true;
      });
    });
    call.on('end', () => {
      queue.then((going) => {
        if (going) {
          state.finish();
          call.end(trailers);
        }
      });
    });
  },
};

// grpc.health.v1 with the server itself ("") and EchoService SERVING, so that our client's
// health calls have a third-party counterpart too.
const HEALTH = {
  '': 'SERVING',
  'purifierrental.testing.v1.EchoService': 'SERVING',
};

const healthService = {
  Check(call, callback) {
    const status = HEALTH[call.request.service];
    if (status === undefined) {
      callback({ code: Status.NOT_FOUND, details: `Service '${call.request.service}' is unknown to this server.` });
      return;
    }
    callback(null, { status });
  },
  Watch(call) {
    call.write({ status: HEALTH[call.request.service] ?? 'SERVICE_UNKNOWN' });
  },
};

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

const options = {};
if (option('--max-receive') !== undefined) {
  options['grpc.max_receive_message_length'] = option('--max-receive');
}
if (option('--max-send') !== undefined) {
  options['grpc.max_send_message_length'] = option('--max-send');
}

const server = new grpc.Server(options);
server.addService(EchoService.service, echoService);
server.addService(Health.service, healthService);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`bind failed: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`listening on ${port}\n`);
});

// The test fixture ends the server by closing stdin (or killing it); either way, exit promptly.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
