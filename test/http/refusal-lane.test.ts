import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RefusalLane } from '../../src/http/refusal-lane.ts';

/** Resolves after `turns` turns of the event loop (each setImmediate runs in the check phase of a later turn). */
const afterTurns = async (turns: number) => {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the refusal lane', () => {
  it('answers at most perTurn refusals per turn of the event loop, in arrival order', async () => {
    const lane = new RefusalLane({ perTurn: 2, maxWaiting: 100 });
    const answered: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) => lane.turn().then(() => answered.push(i)));
    assert.equal(lane.waiting, 5);
    await Promise.resolve();
    assert.deepEqual(answered, [], 'nothing is answered before the turn ends');
    await afterTurns(1);
    assert.deepEqual(answered, [0, 1]);
    await afterTurns(1);
    assert.deepEqual(answered, [0, 1, 2, 3]);
    await Promise.all(all);
    assert.deepEqual(answered, [0, 1, 2, 3, 4]);
    assert.equal(lane.waiting, 0);
  });

  it('holds no more than maxWaiting: past it a refusal is answered at once', async () => {
    const lane = new RefusalLane({ perTurn: 1, maxWaiting: 3 });
    const held = [lane.turn(), lane.turn(), lane.turn()];
    let overflowAnswered = false;
    const overflow = lane.turn().then(() => {
      overflowAnswered = true;
    });
    await Promise.resolve();
    assert.equal(overflowAnswered, true);
    assert.equal(lane.waiting, 3);
    await Promise.all([...held, overflow]);
  });
});
