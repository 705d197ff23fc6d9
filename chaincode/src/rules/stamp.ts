/** When, in which transaction and by which organisation a record is written. */
export interface Stamp {
  now: string;
  txId: string;
  msp: string;
}
