import { Controller, HttpStatus, MessageEvent, Sse } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { AnyRole } from '../common/auth/roles.decorator';
import { ReadHeader } from '../common/params';
import { ReadQuery } from '../common/validation';
import { EventStreamQuery, EventStreamQueryDto, readEventStreamQuery, readLastEventId } from './events.dto';
import { EventsService } from './events.service';

/** One message of the stream, as Server-Sent Events frame it. */
const SSE_EVENT_SCHEMA = {
  type: 'object',
  required: ['event', 'id', 'data'],
  properties: {
    event: { type: 'string', description: 'The event name, such as case.accept' },
    id: { type: 'string', pattern: '^\\d+$', description: "The event's position in this gateway's log (send it back as Last-Event-ID)" },
    data: { type: 'string', description: 'The event as JSON: seq, blockNumber, transactionId, name and payload (no personal data)' },
  },
};

/** Server-Sent Events for the city's systems. */
@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /**
   * Every stored event after `Last-Event-ID` (or `lastEventId`) that matches
   * the filter, then new ones as they are committed. The SSE id is the
   * event's position in this gateway's log.
   */
  @Sse()
  @AnyRole()
  @ApiOperation({ summary: 'Stream of chaincode events (text/event-stream), resumable with Last-Event-ID' })
  @ApiQuery({ type: EventStreamQueryDto })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event id',
    schema: { type: 'string', pattern: '^\\d{1,15}$' },
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'Events as they are committed, each with its id (its position in the log), its name as type and the event as JSON data',
    content: { 'text/event-stream': { schema: SSE_EVENT_SCHEMA } },
  })
  stream(
    @ReadQuery(readEventStreamQuery) query: EventStreamQuery,
    @ReadHeader('last-event-id', readLastEventId) lastEventId?: number,
  ): Observable<MessageEvent> {
    const filter = { names: query.names, caseId: query.caseId, city: query.city };
    const after = lastEventId ?? query.lastEventId ?? (query.from === 'now' ? this.events.lastSeq : 0);
    return this.events.follow(filter, after).pipe(map((event) => ({ id: String(event.seq), type: event.name, data: event })));
  }
}
