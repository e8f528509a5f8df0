import { BatchBuilder, OrderedWindow } from './import-batches';

/** A promise and the functions that settle it, to hold a task open. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchBuilder', () => {
  it('gathers rows into batches of the size, with their lines, and gives the rest last', () => {
    const builder = new BatchBuilder<string>(2);
    expect(builder.add(2, 'a')).toBeUndefined();
    expect(builder.add(4, 'b')).toEqual({ lines: [2, 4], rows: ['a', 'b'] });
    expect(builder.add(5, 'c')).toBeUndefined();
    expect(builder.flush()).toEqual({ lines: [5], rows: ['c'] });
    expect(builder.flush()).toBeUndefined();
  });
});

describe('OrderedWindow', () => {
  it('keeps at most the limit in flight, and settles results in the order the tasks were added', async () => {
    const settled: number[] = [];
    const window = new OrderedWindow<number>(2, (value) => settled.push(value));
    const tasks = [deferred<number>(), deferred<number>(), deferred<number>()];
    let started = 0;
    const task = (index: number) => () => {
      started += 1;
      return tasks[index].promise;
    };
    await window.add(task(0));
    await window.add(task(1));
    const third = window.add(task(2));
    await tick();
    expect(started).toBe(2);
    tasks[1].resolve(1);
    await tick();
    expect(started).toBe(2);
    tasks[0].resolve(0);
    await third;
    expect(started).toBe(3);
    // One settled makes room; the next is settled when the window is full again, or at the end.
    expect(settled).toEqual([0]);
    tasks[2].resolve(2);
    await window.finish();
    expect(settled).toEqual([0, 1, 2]);
  });

  it('fails the call that awaits a failed task, and lets the others end when abandoned', async () => {
    const settled: number[] = [];
    const window = new OrderedWindow<number>(2, (value) => settled.push(value));
    const first = deferred<number>();
    const second = deferred<number>();
    await window.add(() => first.promise);
    await window.add(() => second.promise);
    // The second fails first: nothing is unhandled, and the failure waits for its turn.
    second.reject(new Error('ledger unavailable'));
    await tick();
    first.resolve(1);
    await expect(window.finish()).rejects.toThrow('ledger unavailable');
    expect(settled).toEqual([1]);
    await window.abandon();
  });
});
