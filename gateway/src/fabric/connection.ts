/**
 * gRPC connections to the peers and fabric-gateway Gateways for an identity: an org's gateway
 * connects with its own org's client identity and submits through its own org's peer.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, type Gateway } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Deadlines, IdentityFiles, PeerConnection } from '../config';
import { signingIdentityOf } from './native-signer';

export function newPeerClient(org: PeerConnection): grpc.Client {
  const tlsRootCert = readFileSync(org.tlsRootCert);
  return new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(tlsRootCert), {
    'grpc.ssl_target_name_override': org.peerHostAlias,
    'grpc.max_receive_message_length': 100 * 1024 * 1024,
    'grpc.max_send_message_length': 100 * 1024 * 1024,
  });
}

export function connectAs(
  client: grpc.Client,
  mspId: string,
  files: IdentityFiles,
  deadlines: Deadlines,
): Gateway {
  const after = (ms: number) => () => ({ deadline: Date.now() + ms });
  return connect({
    client,
    identity: { mspId, credentials: readFileSync(files.cert) },
    ...signingIdentityOf(createPrivateKey(readFileSync(files.key))),
    evaluateOptions: after(deadlines.evaluateMs),
    endorseOptions: after(deadlines.endorseMs),
    submitOptions: after(deadlines.submitMs),
    commitStatusOptions: after(deadlines.commitStatusMs),
  });
}
