import { nestingDepth } from './json-depth';

describe('the nesting depth of a JSON body', () => {
  it('counts objects and arrays, not values', () => {
    expect(nestingDepth('text', 10)).toBe(0);
    expect(nestingDepth({ a: 1 }, 10)).toBe(1);
    expect(nestingDepth({ lines: [{ lineId: 'L1' }] }, 10)).toBe(3);
  });

  it('measures a body nested 200,000 deep without recursion, stopping past the limit', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nestingDepth(deep, 32)).toBe(33);
  });
});
