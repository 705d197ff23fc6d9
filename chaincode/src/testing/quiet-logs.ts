// fabric-contract-api logs every decorator at info level; tests only want failures.
process.env.CORE_CHAINCODE_LOGGING_LEVEL = 'CRITICAL';
