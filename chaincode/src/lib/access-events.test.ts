import { takenEventIdsIn, takenEventIdsMessage } from './access-events';

describe('EVENT_ID_TAKEN messages', () => {
  it('carry the taken eventIds so the submitter can tell which events to answer and which to anchor again', () => {
    expect(takenEventIdsIn(takenEventIdsMessage(['AE-1', 'x:y']))).toEqual(['AE-1', 'x:y']);
    expect(takenEventIdsIn(`[EVENT_ID_TAKEN] ${takenEventIdsMessage(['AE-2'])}`)).toEqual(['AE-2']);
  });

  it.each([
    ['another message', 'not ACTIVE systems of CivilAffairsMSP: ca-old'],
    ['a list that is not JSON', 'eventIds already anchored: [AE-1]'],
    ['a list holding a number', 'eventIds already anchored: [1, "AE-1"]'],
  ])('name no event in %s', (_name, message) => {
    expect(takenEventIdsIn(message)).toEqual(message.includes('"AE-1"') ? ['AE-1'] : []);
  });
});
