import { Controller, Headers, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { AnyRole } from '../common/auth/roles.decorator';
import { matches, SCAN_PAGE_LINES, StoredEvent } from './event-log';
import { EventListenerService } from './event-listener.service';
import { EventStreamQueryDto } from './events.dto';

/** Server-Sent Events for the city's systems. */
@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventListenerService) {}

  /**
   * Every stored event after `Last-Event-ID` (or `lastEventId`) that matches
   * the filter, then new ones as they are committed. The SSE id is the
   * event's position in this gateway's log.
   */
  @Sse()
  @AnyRole()
  @ApiOperation({ summary: 'Stream of chaincode events (text/event-stream), resumable with Last-Event-ID' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  stream(@Query() query: EventStreamQueryDto, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    const filter = { names: query.names, caseId: query.caseId, city: query.city };
    const after = Number(lastEventId ?? query.lastEventId ?? 0) || 0;
    const log = this.events.log;
    return new Observable<MessageEvent>((subscriber) => {
      let cursor = after;
      const send = (event: StoredEvent) => {
        if (event.seq <= cursor) return;
        cursor = event.seq;
        subscriber.next({ id: String(event.seq), type: event.name, data: event });
      };
      // Subscribe first, then replay page by page from disk; events committed
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
      replay(after);
      return unsubscribe;
    });
  }
}
