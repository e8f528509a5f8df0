import { ReactElement, useState } from 'react';
import { CaseLookup } from './CaseLookup';
import { CasePanel } from './CasePanel';
import { useMessages } from './i18n';
import { cityName, Show, useConsole, useLoaded } from './ui';

interface Figures {
  received: number;
  handled: number;
  overdue: number;
  medianDaysToDecision: number | null;
}
interface Report {
  rows: { receivingMsp: string; handlingMsp: string }[];
  totals: Figures;
}
interface PairFigures {
  pair: string;
  figures: Figures;
}

/** The totals of each city pair that has cases, as the gateway sums them (its median over the pair's cases, not a median of medians). */
async function pairFigures(get: (path: string) => Promise<Report>): Promise<PairFigures[]> {
  const pairs = new Map((await get('/statistics')).rows.map((row) => [`${row.receivingMsp}→${row.handlingMsp}`, row]));
  return Promise.all(
    [...pairs.entries()].map(async ([pair, row]) => ({
      pair,
      figures: (await get(`/statistics?receivingMsp=${row.receivingMsp}&handlingMsp=${row.handlingMsp}`)).totals,
    })),
  );
}

const SERIES = [
  { key: 'received', colour: '#0a3d7a' },
  { key: 'handled', colour: '#0a5c2a' },
  { key: 'overdue', colour: '#a11212' },
] as const;

/** Bars per city pair: received, handled, overdue; the numbers are also in the table beside it. */
function PairChart({ pairs, label }: { pairs: PairFigures[]; label: string }): ReactElement {
  const max = Math.max(1, ...pairs.flatMap(({ figures }) => SERIES.map((series) => figures[series.key])));
  const rowHeight = 3 * 18 + 16;
  return (
    <svg className="chart" role="img" aria-label={label} viewBox={`0 0 640 ${pairs.length * rowHeight + 10}`} width="100%">
      {pairs.map(({ pair, figures }, index) => (
        <g key={pair} transform={`translate(0 ${index * rowHeight + 5})`}>
          <text x="0" y="14" fontSize="14" fill="#111">
            {pair}
          </text>
          {SERIES.map((series, position) => (
            <g key={series.key} transform={`translate(220 ${position * 18})`}>
              <rect width={(380 * figures[series.key]) / max} height="14" fill={series.colour} />
              <text x={(380 * figures[series.key]) / max + 6} y="12" fontSize="12" fill="#111">
                {figures[series.key]}
              </text>
            </g>
          ))}
        </g>
      ))}
    </svg>
  );
}

function Statistics(): ReactElement {
  const { api, cities } = useConsole();
  const messages = useMessages();
  const [report] = useLoaded(() => pairFigures((path) => api.get<Report>(path)), []);
  const pairName = (pair: string) =>
    pair
      .split('→')
      .map((msp) => cityName(cities, msp))
      .join(' → ');
  return (
    <section aria-labelledby="statistics-heading">
      <h2 id="statistics-heading">{messages.statisticsHeading}</h2>
      <Show loaded={report}>
        {(value) => {
          const pairs = value.map((entry) => ({ ...entry, pair: pairName(entry.pair) }));
          return (
            <>
              <p className="legend">
                {SERIES.map((series) => (
                  <span key={series.key}>
                    <span className="swatch" style={{ background: series.colour }} aria-hidden="true" />
                    {{ received: messages.receivedCount, handled: messages.handledCount, overdue: messages.overdueCount }[series.key]}
                  </span>
                ))}
              </p>
              <PairChart pairs={pairs} label={messages.chartLabel} />
              <div className="table-wrap">
                <table>
                  <caption>{messages.statisticsHeading}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{messages.cityPair}</th>
                      <th scope="col">{messages.receivedCount}</th>
                      <th scope="col">{messages.handledCount}</th>
                      <th scope="col">{messages.overdueCount}</th>
                      <th scope="col">{messages.medianDays}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pairs.map(({ pair, figures }) => (
                      <tr key={pair}>
                        <th scope="row">{pair}</th>
                        <td>{figures.received}</td>
                        <td>{figures.handled}</td>
                        <td>{figures.overdue}</td>
                        <td>{figures.medianDaysToDecision ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Show>
    </section>
  );
}

/** The auditor: any case's timeline and history, and the statistics per city pair. */
export function AuditorScreen(): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const [open, setOpen] = useState<string>();
  const [history] = useLoaded(() => (open ? api.get<unknown[]>(`/cases/${open}/history`) : Promise.resolve([])), [open]);
  return (
    <div className="screen">
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">{messages.auditHeading}</h2>
        <CaseLookup onOpen={setOpen} />
        {open && (
          <>
            <CasePanel key={open} caseId={open} onClose={() => setOpen(undefined)} />
            <Show loaded={history}>{(versions) => <p>{messages.versions(versions.length)}</p>}</Show>
          </>
        )}
      </section>
      <Statistics />
    </div>
  );
}
