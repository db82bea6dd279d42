// An independent, non-Python client of the codeset.v1 gRPC contract.
//
// Built from proto/codeset/v1/codeset.proto alone (no generated Python code), it calls every
// RPC of codeset.v1.CodesetService plus grpc.health.v1.Health/Check on a running server and
// prints ONE JSON object on stdout holding the responses as received. Exits 0 when every call
// completed (the deliberately invalid request is expected to fail, and its status is
// recorded); exits 1 with a message on stderr on any unexpected failure. The second argument
// is the folder holding google/api and google/rpc protos (googleapis-common-protos).
//
//   node tests/node/client.mjs 127.0.0.1:43567 /path/to/site-packages
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROTO_DIR = path.resolve(HERE, '..', '..', 'proto');
const DEADLINE_MS = 20_000;
const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};
const CHANNEL_OPTIONS = { 'grpc.max_receive_message_length': 64 * 1024 * 1024 };

function deadline() {
  return { deadline: Date.now() + DEADLINE_MS };
}

function load(file, includeDirs) {
  const definition = protoLoader.loadSync(file, { ...LOADER_OPTIONS, includeDirs });
  return grpc.loadPackageDefinition(definition);
}

function unary(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, new grpc.Metadata(), deadline(), (error, response) => {
      if (error) {
        reject(new Error(`${method} failed: ${error.code} ${error.details}`, { cause: error }));
      } else {
        resolve(response);
      }
    });
  });
}

// A call expected to fail: its status code, message and whether the server attached
// google.rpc.Status details (the grpc-status-details-bin trailer).
function failing(client, method, request) {
  return new Promise((resolve) => {
    client[method](request, new grpc.Metadata(), deadline(), (error, response) => {
      if (!error) {
        resolve({ failed: false, response });
        return;
      }
      const details = error.metadata ? error.metadata.get('grpc-status-details-bin') : [];
      resolve({
        failed: true,
        code: error.code,
        code_name: grpc.status[error.code],
        details: error.details,
        status_details_bin_present: details.length > 0,
        status_details_bin_bytes: details.length > 0 ? Buffer.from(details[0]).length : 0,
      });
    });
  });
}

function stream(client, method, messages) {
  return new Promise((resolve, reject) => {
    const responses = [];
    const call = client[method](new grpc.Metadata(), deadline());
    call.on('data', (response) => responses.push(response));
    call.on('error', (error) =>
      reject(new Error(`${method} failed: ${error.code} ${error.details}`, { cause: error })),
    );
    call.on('end', () => resolve(responses));
    for (const message of messages) {
      call.write(message);
    }
    call.end();
  });
}

async function main(address, googleapis) {
  const codeset = load(path.join(PROTO_DIR, 'codeset', 'v1', 'codeset.proto'), [
    PROTO_DIR,
    googleapis,
  ]);
  const health = load(path.join(HERE, 'health.proto'), [HERE]);
  const credentials = grpc.credentials.createInsecure();
  const client = new codeset.codeset.v1.CodesetService(address, credentials, CHANNEL_OPTIONS);
  const healthClient = new health.grpc.health.v1.Health(address, credentials, CHANNEL_OPTIONS);
  try {
    const out = {};
    out.validate = await unary(client, 'Validate', {
      line: { code: 'J0135', date_of_service: '2025-01-15', correlation_id: 'n1' },
    });
    out.validate_batch = await unary(client, 'ValidateBatch', {
      lines: [
        { code: 'E0100-RT', date_of_service: '2025-10-15' },
        { code: 'E0100-ZZ', date_of_service: '2025-10-15' },
        { code: '99213-25' },
      ],
    });
    out.validate_stream = await stream(client, 'ValidateStream', [
      {
        lines: [
          { code: 'J1100', date_of_service: '2025-10-15', correlation_id: 's0:0' },
          { code: 'J0135', date_of_service: '2025-01-15', correlation_id: 's0:1' },
        ],
      },
      { lines: [] },
      {
        lines: [
          { code: '99213-25', date_of_service: '2025-10-15', correlation_id: 's2:0' },
          { code: 'W1234', date_of_service: '2025-10-15', correlation_id: 's2:1' },
        ],
      },
    ]);
    out.validate_claim = await unary(client, 'ValidateClaim', {
      claim: {
        claim_id: 'node-claim',
        setting: 'SETTING_PRACTITIONER',
        lines: [
          { line_number: 1, line: { code: 'J1100', date_of_service: '2025-10-15', units: '2' } },
          { line_number: 2, line: { code: 'E0100' } },
        ],
      },
    });
    out.validate_claim_stream = await stream(client, 'ValidateClaimStream', [
      {
        claims: [
          {
            claim_id: 'c1',
            lines: [{ line_number: 1, line: { code: 'J1100', date_of_service: '2025-10-15' } }],
          },
        ],
      },
    ]);
    out.lookup = await unary(client, 'Lookup', { code: 'E0100', date: '2025-10-15' });
    out.batch_lookup = await unary(client, 'BatchLookup', {
      requests: [{ code: 'E0100' }, { code: 'A0000' }],
    });
    out.list_code_systems = await unary(client, 'ListCodeSystems', { page_size: 1 });
    out.list_code_systems_next = await unary(client, 'ListCodeSystems', {
      page_size: 1,
      page_token: out.list_code_systems.next_page_token,
    });
    out.list_rules = await unary(client, 'ListRules', {});
    out.server_info = await unary(client, 'GetServerInfo', {});
    out.validate_empty_code = await unary(client, 'Validate', {
      line: { code: '', correlation_id: 'empty' },
    });
    out.batch_too_large = await failing(client, 'ValidateBatch', {
      lines: Array.from({ length: out.server_info.limits.max_batch_lines + 1 }, () => ({
        code: 'J1100',
      })),
    });
    out.health = await unary(healthClient, 'Check', { service: '' });
    out.health_codeset = await unary(healthClient, 'Check', {
      service: 'codeset.v1.CodesetService',
    });
    return out;
  } finally {
    client.close();
    healthClient.close();
  }
}

const [address, googleapis] = process.argv.slice(2);
if (!address || !googleapis) {
  process.stderr.write('usage: node tests/node/client.mjs HOST:PORT GOOGLEAPIS_PROTO_DIR\n');
  process.exit(2);
}
try {
  const out = await main(address, googleapis);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exitCode = 0;
} catch (error) {
  process.stderr.write(`client.mjs: ${error.stack || error}\n`);
  if (error.cause) {
    process.stderr.write(`cause: ${error.cause.stack || error.cause}\n`);
  }
  process.exitCode = 1;
}
