import { Module } from '@nestjs/common';
import { EventListenerService } from './event-listener.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  controllers: [EventsController, WebhooksController],
  providers: [EventListenerService, EventsService, WebhooksService],
  exports: [EventListenerService],
})
export class EventsModule {}
