import { Injectable } from '@nestjs/common';
import { Observable } from 'rxjs';
import { EventFilter, matches, SCAN_PAGE_LINES, StoredEvent } from './event-log';
import { EventListenerService } from './event-listener.service';

/** The stored chaincode events, as the city's systems read them. */
@Injectable()
export class EventsService {
  constructor(private readonly events: EventListenerService) {}

  /** The position of the last stored event. */
  get lastSeq(): number {
    return this.events.log.lastSeq;
  }

  /**
   * Every stored event after `afterSeq` that matches the filter, then new ones
   * as they are stored, each once and in log order, until unsubscribed.
   */
  follow(filter: EventFilter, afterSeq: number): Observable<StoredEvent> {
    const log = this.events.log;
    return new Observable<StoredEvent>((subscriber) => {
      let cursor = afterSeq;
      const send = (event: StoredEvent) => {
        if (event.seq <= cursor) return;
        cursor = event.seq;
        subscriber.next(event);
      };
      // Subscribe first, then replay page by page from disk; events stored
      // meanwhile are held, and sent once the replay has caught up.
      let held: StoredEvent[] | undefined = [];
      const unsubscribe = log.subscribe((event) => {
        if (!matches(event, filter)) return;
        if (held) held.push(event);
        else send(event);
      });
      const replay = (from: number) => {
        if (subscriber.closed) return;
        const { events, through } = log.scan(from, filter, { lines: SCAN_PAGE_LINES });
        events.forEach(send);
        if (through < log.lastSeq) {
          setImmediate(replay, through);
          return;
        }
        held?.forEach(send);
        held = undefined;
      };
      replay(afterSeq);
      return unsubscribe;
    });
  }
}
