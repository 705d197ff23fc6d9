/** Injected into the browser bundle: the verifier's `Buffer` is the `buffer` package's. */
export { Buffer } from 'buffer';
