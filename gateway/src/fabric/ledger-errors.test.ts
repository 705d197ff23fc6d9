import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { ApiError } from '../errors';
import { isLostRace, isPeerDisagreement, LostRace, notCommitted, toApiError, validationCodeName } from './ledger-errors';

function gatewayError(code: number, ...peerMessages: string[]): GatewayError {
  return gatewayErrorSaying('endorse failed', code, ...peerMessages);
}

function gatewayErrorSaying(message: string, code: number, ...peerMessages: string[]): GatewayError {
  return new GatewayError({
    code,
    message,
    details: peerMessages.map((message, i) => ({ address: `peer${i}`, mspId: 'FinanceMSP', message })),
    cause: {} as ServiceError,
  });
}

describe('what a Fabric failure means to a caller', () => {
  it('a chaincode rule refusal keeps its reason code and is a 422', () => {
    const err = toApiError(gatewayError(GrpcStatus.ABORTED, 'chaincode response 500, [DUPLICATE] line L2: already paid'));
    expect(err).toMatchObject({ status: 422, code: 'DUPLICATE', message: 'line L2: already paid' });
  });

  it('a conflict is a 409 and a refusal by role a 403', () => {
    expect(toApiError(gatewayError(GrpcStatus.ABORTED, '[BATCH_CONFLICT] different content')).status).toBe(409);
    expect(toApiError(gatewayError(GrpcStatus.ABORTED, '[FORBIDDEN] only FinanceMSP')).status).toBe(403);
  });

  it('an unreachable network is a 503 that tells the caller to retry', () => {
    expect(toApiError(gatewayError(GrpcStatus.UNAVAILABLE))).toMatchObject({ status: 503, code: 'NETWORK_UNAVAILABLE' });
    expect(toApiError(gatewayError(GrpcStatus.DEADLINE_EXCEEDED)).status).toBe(503);
  });

  it('no peers satisfying the endorsement policy (a peer restarting) is a 503 to retry, not a 502', () => {
    const noPlan = gatewayErrorSaying(
      'failed to select a set of endorsers that satisfy the endorsement policy due to error: no combination of peers can be derived which satisfy the endorsement policy: required chaincodes are not installed on sufficient peers',
      GrpcStatus.FAILED_PRECONDITION,
    );
    expect(toApiError(noPlan)).toMatchObject({ status: 503, code: 'NETWORK_UNAVAILABLE', retryAfterSeconds: 1 });
  });

  it('anything else says nothing about the internals', () => {
    expect(toApiError(gatewayError(GrpcStatus.INTERNAL, 'panic: at peer.go:42'))).toMatchObject({ status: 502, message: 'the ledger refused the request' });
    expect(toApiError(new Error('/home/x/secret/path'))).toMatchObject({ status: 500, message: 'internal error' });
  });

  it('an ApiError passes through unchanged', () => {
    const err = new ApiError(404, 'NOT_FOUND', 'no such line');
    expect(toApiError(err)).toBe(err);
  });

  it('a transaction that lost an MVCC or phantom read race is a lost race, to be endorsed again', () => {
    expect(validationCodeName(11)).toBe('MVCC_READ_CONFLICT');
    expect(isLostRace(notCommitted('tx1', 11))).toBe(true);
    expect(isLostRace(notCommitted('tx1', 12))).toBe(true);
  });

  it('a write still losing races after every retry is a 503 WRITE_CONTENTION that says to retry, not a 409', () => {
    expect(toApiError(new LostRace('tx1', 'MVCC_READ_CONFLICT'))).toMatchObject({
      status: 503,
      code: 'WRITE_CONTENTION',
      retryAfterSeconds: 1,
      details: { txId: 'tx1', retryable: true },
    });
  });

  it('a transaction marked invalid for any other reason is a 502 naming Fabric’s validation code', () => {
    expect(notCommitted('tx1', 10)).toMatchObject({ status: 502, code: 'TX_INVALID', details: { txId: 'tx1' } });
    expect((notCommitted('tx1', 10) as ApiError).message).toContain('ENDORSEMENT_POLICY_FAILURE');
  });

  it('other orgs’ peers answering differently from the first endorser (behind by a block, or a different payload) is a race', () => {
    const collect = 'failed to collect enough transaction endorsements, see attached details for more info';
    expect(isPeerDisagreement(gatewayErrorSaying(collect, GrpcStatus.ABORTED, 'ProposalResponsePayloads do not match'))).toBe(true);
    expect(isPeerDisagreement(gatewayErrorSaying(collect, GrpcStatus.ABORTED, 'chaincode response 500, [NOT_FOUND] line L1 does not exist'))).toBe(true);
  });

  it('a refusal by the first endorser, or peers that cannot be reached, is not a race', () => {
    const first = 'failed to endorse transaction, see attached details for more info';
    expect(isPeerDisagreement(gatewayErrorSaying(first, GrpcStatus.ABORTED, 'chaincode response 500, [DUPLICATE] already paid'))).toBe(false);
    const collect = 'failed to collect enough transaction endorsements, see attached details for more info';
    expect(isPeerDisagreement(gatewayErrorSaying(collect, GrpcStatus.ABORTED, 'connection refused'))).toBe(false);
  });
});
