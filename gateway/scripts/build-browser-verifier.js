#!/usr/bin/env node
/**
 * Builds the verifier for the console's pages: gateway/src/verify, unchanged, bundled by esbuild
 * into one script (`dist/console/verifier.js`, served as /console/verifier.js) that sets
 * `window.welfareVerify`. node:crypto becomes the page's stand-in (src/console/verify-in-page),
 * Buffer the `buffer` package, Fabric's protobufs their
 * message namespaces only; the chaincode's shared lib is bundled from its source.
 */
const path = require('node:path');
const esbuild = require('esbuild');

const gateway = path.join(__dirname, '..');
const inPage = path.join(gateway, 'src/console/verify-in-page');
const OUTFILE = path.join(gateway, 'dist/console/verifier.js');

/** Fabric's protobuf package also exports gRPC service stubs (which need Node's net, http2...) and
 * namespaces the verifier never reads: the page gets the message namespaces it reads, no stubs. */
const withoutGrpcServices = {
  name: 'without-grpc-services',
  setup(build) {
    build.onResolve({ filter: /_grpc_pb(\.js)?$/ }, (args) => ({ path: args.path, namespace: 'grpc-service-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'grpc-service-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    build.onResolve({ filter: /^@hyperledger\/fabric-protos$/ }, () => ({ path: path.join(inPage, 'fabric-messages.ts') }));
  },
};

/** @param {string} outfile @returns {Promise<void>} */
async function buildBrowserVerifier(outfile = OUTFILE) {
  await esbuild.build({
    entryPoints: [path.join(inPage, 'page-entry.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning',
    alias: {
      'node:crypto': path.join(inPage, 'node-crypto.ts'),
      '@welfare-ledger/chaincode/lib': path.join(gateway, '../chaincode/src/lib/index.ts'),
    },
    inject: [path.join(inPage, 'buffer-global.ts')],
    plugins: [withoutGrpcServices],
  });
}

module.exports = { buildBrowserVerifier, OUTFILE };

if (require.main === module) {
  buildBrowserVerifier().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
