import { DataStore } from '../common/data-store';
import { Change, OpenCase } from './event-changes';
import { addDuration, emptyFigures, Figures, RowKey } from './figures';

/** The last event counted: its position in the gateway's event log, and where it is on the ledger. */
export interface Position {
  seq: number;
  blockNumber: string;
  transactionId: string;
}

type Value = Position | Figures | OpenCase;
type Operation = { type: 'put'; key: string; value: Value } | { type: 'del'; key: string };

// Keys: `position`; `r!<month>!<receiving>!<handling>!<item code>`, one row of figures;
// `o!<dueAt>!<caseId>`, an accepted case awaiting its decision, by due time. Identifiers hold no '!'.
const POSITION_KEY = 'position';
const rowKey = (row: RowKey) => `r!${row.month}!${row.receivingMsp}!${row.handlingMsp}!${row.serviceItemCode}`;
const openCaseKey = (openCase: OpenCase) => `o!${openCase.dueAt}!${openCase.caseId}`;

function rowOf(key: string): RowKey {
  const [, month, receivingMsp, handlingMsp, serviceItemCode] = key.split('!');
  return { month, receivingMsp, handlingMsp, serviceItemCode };
}

/**
 * The statistics in an embedded LevelDB (classic-level) under the gateway's
 * data folder: figures per month, city pair and item, the accepted cases
 * still awaiting a decision, and the position of the last event counted,
 * written together in one atomic batch so that no event counts twice or not
 * at all across a restart.
 */
export class StatisticsStore extends DataStore<Value> {
  /** Forgets everything, to count again from the first event. */
  clear(): Promise<void> {
    return this.db.clear();
  }

  async position(): Promise<Position | undefined> {
    return (await this.db.get(POSITION_KEY)) as Position | undefined;
  }

  /** Applies the changes of the events up to `through` (in their order) and records `through`, all or nothing. */
  async apply(changes: readonly Change[], through: Position): Promise<void> {
    const rows = new Map<string, Figures>();
    const rowFor = async (row: RowKey): Promise<Figures> => {
      const key = rowKey(row);
      const figures = rows.get(key) ?? ((await this.db.get(key)) as Figures | undefined) ?? emptyFigures();
      rows.set(key, figures);
      return figures;
    };
    const operations: Operation[] = [];
    for (const change of changes) {
      if (change.kind === 'count') (await rowFor(change.row))[change.count] += 1;
      else if (change.kind === 'decision') addDuration(await rowFor(change.row), change.minutes);
      else if (change.kind === 'open') operations.push({ type: 'put', key: openCaseKey(change.openCase), value: change.openCase });
      else operations.push({ type: 'del', key: openCaseKey(change.openCase) });
    }
    for (const [key, figures] of rows) operations.push({ type: 'put', key, value: figures });
    operations.push({ type: 'put', key: POSITION_KEY, value: through });
    await this.db.batch(operations);
  }

  /** The rows of the months `from` to `to` (YYYY-MM, both included; open-ended when absent), in key order. */
  async *rows(from = '0000-00', to = '9999-99'): AsyncGenerator<[RowKey, Figures]> {
    for await (const [key, figures] of this.db.iterator({ gte: `r!${from}!`, lt: `r!${to}!\xff` })) {
      yield [rowOf(key), figures as Figures];
    }
  }

  /** The accepted cases still awaiting a decision whose due time is before `time` (ISO). */
  async *openCasesDueBefore(time: string): AsyncGenerator<OpenCase> {
    for await (const openCase of this.db.values({ gt: 'o!', lt: `o!${time}` })) yield openCase as OpenCase;
  }
}
