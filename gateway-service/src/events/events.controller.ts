import { Controller, Headers, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { AnyRole } from '../common/auth/roles.decorator';
import { EventStreamQueryDto } from './events.dto';
import { EventsService } from './events.service';

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
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  stream(@Query() query: EventStreamQueryDto, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    const filter = { names: query.names, caseId: query.caseId, city: query.city };
    const after = Number(lastEventId ?? query.lastEventId ?? 0) || 0;
    return this.events.follow(filter, after).pipe(map((event) => ({ id: String(event.seq), type: event.name, data: event })));
  }
}
