/**
 * A worker thread of `verify many`: verifies each share of bundles it is sent with the options it
 * was started with (trust anchor, trusted tip, checkpoint) and answers with their outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { VerifyOptions } from '../verify-bundle';
import type { BundleText } from './bundle-stream';
import { verifyTexts } from './verify-texts';

const options = workerData as VerifyOptions;
parentPort!.on('message', (share: BundleText[]) => parentPort!.postMessage(verifyTexts(share, options)));
