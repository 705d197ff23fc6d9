/** The browser bundle's entry: publishes the verifier on `window` (as a Promise, so a later async crypto keeps the API). */
import { welfareVerify, type PageVerification } from './welfare-verify';

(globalThis as unknown as { welfareVerify: (bundleJson: unknown, trustJson: unknown) => Promise<PageVerification> }).welfareVerify = async (
  bundleJson,
  trustJson,
) => welfareVerify(bundleJson, trustJson);
