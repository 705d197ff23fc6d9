#!/usr/bin/env node
/**
 * Builds the config update that puts an org's CRL into the channel configuration, as a
 * CONFIG_UPDATE envelope for `peer channel signconfigtx` and `peer channel update`:
 *
 *   node scripts/channel-crl-update.js <config.block> <MSP id> <crl.pem> <update.pb>
 *
 * Exits 3 (writing nothing) when the configuration already holds a CRL of the org that revokes the
 * same certificates (the CA signs a fresh CRL on each request, so the bytes always differ).
 *
 * Built here with @hyperledger/fabric-protos rather than configtxlator, which the project does not
 * build: the change is one value, so the read/write sets are what configtxlator would compute for
 * it. The read set names the channel, Application and the org's group at their versions; the write
 * set repeats them at the same versions (so the orderer skips them) and carries the org's MSP value
 * at its version + 1, with the org's FabricMSPConfig whose revocation_list is the new CRL. The
 * value's mod_policy stays what the channel says (the org's Admins).
 */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { common, msp } = require('@hyperledger/fabric-protos');

const CONFIG_UPDATE = 2; // common.HeaderType.CONFIG_UPDATE

function channelConfigOf(blockBytes) {
  const block = common.Block.deserializeBinary(blockBytes);
  const envelope = common.Envelope.deserializeBinary(block.getData().getDataList_asU8()[0]);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const channelId = common.ChannelHeader.deserializeBinary(payload.getHeader().getChannelHeader_asU8()).getChannelId();
  return { channelId, config: common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig() };
}

/** A group holding only `child` under `name`, at `version`: the shape of each level of a read or write set. */
function groupWith(version, name, child) {
  const group = new common.ConfigGroup();
  group.setVersion(version);
  if (name) group.getGroupsMap().set(name, child);
  return group;
}

/** One DER element at `at`: its tag, where its content starts and where it ends. */
function derElement(der, at) {
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
    start += bytes;
  }
  return { tag, start, end: start + length };
}

/**
 * The serial numbers (hex) a PEM CRL revokes. CertificateList is SEQUENCE { tbsCertList, ... } and
 * tbsCertList SEQUENCE { [version INTEGER], signature, issuer, thisUpdate, [nextUpdate],
 * [revokedCertificates SEQUENCE OF SEQUENCE { serial INTEGER, ... }], [[0] extensions] }.
 */
function revokedSerials(crlPem) {
  const der = Buffer.from(crlPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const tbs = derElement(der, derElement(der, 0).start);
  const serials = [];
  let at = tbs.start;
  let field = 0;
  while (at < tbs.end) {
    const element = derElement(der, at);
    const isVersion = field === 0 && element.tag === 0x02;
    if (!isVersion) field += 1;
    // After signature, issuer and thisUpdate, a SEQUENCE is the revoked list (nextUpdate is a time).
    if (!isVersion && field >= 4 && element.tag === 0x30) {
      for (let entry = element.start; entry < element.end; entry = derElement(der, entry).end) {
        const serial = derElement(der, derElement(der, entry).start);
        serials.push(der.subarray(serial.start, serial.end).toString('hex').replace(/^0+/, ''));
      }
    }
    at = element.end;
  }
  return serials.sort();
}

const sameRevocations = (a, b) => JSON.stringify(revokedSerials(a)) === JSON.stringify(revokedSerials(b));

/** The CONFIG_UPDATE envelope bytes, or undefined if the org's MSP already lists a CRL revoking the same certificates. */
function crlConfigUpdate(blockBytes, mspId, crlPem) {
  const { channelId, config } = channelConfigOf(blockBytes);
  const channel = config.getChannelGroup();
  const application = channel.getGroupsMap().get('Application');
  const org = application && application.getGroupsMap().get(mspId);
  if (!org) throw new Error(`the ${channelId} configuration has no application org ${mspId}`);
  const mspValue = org.getValuesMap().get('MSP');
  const mspConfig = msp.MSPConfig.deserializeBinary(mspValue.getValue_asU8());
  const fabricMsp = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());

  const current = fabricMsp.getRevocationListList_asU8().map((crl) => Buffer.from(crl).toString('utf8'));
  if (current.length === 1 && sameRevocations(current[0], crlPem)) return undefined;
  // The CA's CRL lists every certificate it ever revoked that has not expired: it replaces the old list.
  fabricMsp.setRevocationListList([Buffer.from(crlPem, 'utf8')]);
  mspConfig.setConfig(fabricMsp.serializeBinary());

  const newMspValue = new common.ConfigValue();
  newMspValue.setVersion(mspValue.getVersion() + 1);
  newMspValue.setModPolicy(mspValue.getModPolicy());
  newMspValue.setValue(mspConfig.serializeBinary());
  const writtenOrg = groupWith(org.getVersion());
  writtenOrg.getValuesMap().set('MSP', newMspValue);

  const update = new common.ConfigUpdate();
  update.setChannelId(channelId);
  update.setReadSet(groupWith(channel.getVersion(), 'Application', groupWith(application.getVersion(), mspId, groupWith(org.getVersion()))));
  update.setWriteSet(groupWith(channel.getVersion(), 'Application', groupWith(application.getVersion(), mspId, writtenOrg)));

  const updateEnvelope = new common.ConfigUpdateEnvelope();
  updateEnvelope.setConfigUpdate(update.serializeBinary());
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(CONFIG_UPDATE);
  channelHeader.setChannelId(channelId);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(updateEnvelope.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return Buffer.from(envelope.serializeBinary());
}

/** The CRLs (PEM) the configuration in `blockBytes` holds for `mspId`. */
function crlsInConfig(blockBytes, mspId) {
  const org = channelConfigOf(blockBytes).config.getChannelGroup().getGroupsMap().get('Application').getGroupsMap().get(mspId);
  const mspConfig = msp.MSPConfig.deserializeBinary(org.getValuesMap().get('MSP').getValue_asU8());
  return msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8())
    .getRevocationListList_asU8()
    .map((crl) => Buffer.from(crl).toString('utf8'));
}

module.exports = { crlConfigUpdate, crlsInConfig, revokedSerials };

if (require.main === module) {
  const [blockFile, mspId, crlFile, outFile] = process.argv.slice(2);
  if (!outFile) {
    console.error('usage: channel-crl-update.js <config.block> <MSP id> <crl.pem> <update.pb>');
    process.exit(2);
  }
  const envelope = crlConfigUpdate(readFileSync(blockFile), mspId, readFileSync(crlFile, 'utf8'));
  if (!envelope) process.exit(3);
  writeFileSync(outFile, envelope);
}
