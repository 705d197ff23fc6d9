/** The browser bundle's `@hyperledger/fabric-protos`: only the message namespaces the verifier reads. */
export * as common from '@hyperledger/fabric-protos/lib/common';
export * as ledger from '@hyperledger/fabric-protos/lib/ledger';
export * as msp from '@hyperledger/fabric-protos/lib/msp';
export * as peer from '@hyperledger/fabric-protos/lib/peer';
