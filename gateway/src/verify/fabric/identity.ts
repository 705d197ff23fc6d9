/** A Fabric serialized identity (MSP id + PEM certificate), as it appears in creators and endorsements. */
import { msp } from '@hyperledger/fabric-protos';

export interface SerializedIdentity {
  mspId: string;
  /** PEM text of the X.509 certificate. */
  certificatePem: string;
  /** The serialized bytes, as signed over (endorsements sign payload || these bytes). */
  bytes: Uint8Array;
}

export function readSerializedIdentity(bytes: Uint8Array): SerializedIdentity {
  const identity = msp.SerializedIdentity.deserializeBinary(bytes);
  return {
    mspId: identity.getMspid(),
    certificatePem: Buffer.from(identity.getIdBytes_asU8()).toString('utf8'),
    bytes,
  };
}
