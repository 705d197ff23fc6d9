// The load of the source document that bench:scale is sized against, and what a year of it costs.
'use strict';

/**
 * The source document: a month-end of 1,000,000 payment lines, and 5.9 million access events a day
 * (68 a second). bench:scale logs access events at that rate alongside the lines (over the seconds
 * the lines took); `eventsPerMonthEndLine` is the other reading, a whole day's events per month-end
 * (5.9 per line), for WELFARE_SCALE_EVENTS_PER_LINE. Over a whole month the events outnumber the lines
 * 177 to 1; the yearly cost below counts every one of them.
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
