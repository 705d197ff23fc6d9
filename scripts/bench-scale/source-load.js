// The load of the source document that bench:scale is sized against, and what a year of it costs.
'use strict';

/**
 * The source document: a month-end of 1,000,000 payment lines, and 5.9 million access events a day.
 * The ratio the bench posts them at: the month-end's lines are posted within one day, and that
 * day's 5.9 M access events are logged alongside them, so 5.9 access events per payment line.
 * (Over a whole month the events outnumber the lines 177 to 1, but most of them arrive on days with
 * no month-end; the yearly cost below counts every one of them.)
 */
const SOURCE = {
  monthEndLines: 1_000_000,
  accessEventsPerDay: 5_900_000,
  eventsPerMonthEndLine: 5_900_000 / 1_000_000,
};

/** Bytes a year of the source document's load adds to each peer's ledger, at the measured bytes per line and per event. */
function yearOfSourceLoad(bytesPerLine, bytesPerEvent) {
  const lines = 12 * SOURCE.monthEndLines;
  const events = 365 * SOURCE.accessEventsPerDay;
  const lineBytes = lines * bytesPerLine;
  const eventBytes = events * bytesPerEvent;
  return { lines, events, lineBytes, eventBytes, bytesPerPeer: lineBytes + eventBytes };
}

module.exports = { SOURCE, yearOfSourceLoad };
