import { Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { ReadBody } from '../common/validation';
import { ProblemResponses } from '../openapi/responses';
import {
  CreateWebhookDto,
  CreateWebhookRequest,
  NewSubscriptionDto,
  readCreateWebhookRequest,
  readReplayWebhookRequest,
  ReplayWebhookDto,
  SubscriptionSummaryDto,
  SubscriptionViewDto,
} from './webhooks.dto';
import { Subscription } from './webhook-store';
import { SubscriptionView, WebhooksService } from './webhooks.service';

const SubscriptionId = () => IdentifierParam('id');

/** Webhook subscriptions of the city's partner systems. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @AnyRole()
  @ApiOperation({
    summary: 'Subscribe a URL to events',
    description:
      'Deliveries are POSTs with x-tongban-event, x-tongban-event-id, x-tongban-timestamp and ' +
      'x-tongban-signature: v1=HMAC-SHA256(secret, timestamp + "." + body) in hex. The secret is returned only here.',
  })
  @ApiBody({ type: CreateWebhookDto })
  @ApiResponse({ status: HttpStatus.CREATED, description: 'The subscription, with its secret', type: NewSubscriptionDto })
  @ProblemResponses(HttpStatus.FORBIDDEN)
  create(@CurrentCaller() caller: Caller, @ReadBody(readCreateWebhookRequest) body: CreateWebhookRequest): Promise<Subscription> {
    return this.webhooks.create(body, caller.name);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "The caller's subscriptions (each belongs to the API key that made it)" })
  @ApiResponse({ status: HttpStatus.OK, description: 'The subscriptions, without secrets or delivery logs', type: [SubscriptionSummaryDto] })
  list(@CurrentCaller() caller: Caller): Omit<SubscriptionView, 'deliveries'>[] {
    return this.webhooks.list(caller.name);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A subscription with its delivery log (last 100 attempts)' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The subscription', type: SubscriptionViewDto })
  get(@CurrentCaller() caller: Caller, @SubscriptionId() id: string): SubscriptionView {
    return this.webhooks.get(id, caller.name);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({ summary: 'Deliver again every matching event from a block on' })
  @ApiBody({ type: ReplayWebhookDto })
  @ApiResponse({ status: HttpStatus.OK, description: 'The subscription, its cursor moved back', type: SubscriptionViewDto })
  replay(
    @CurrentCaller() caller: Caller,
    @SubscriptionId() id: string,
    @ReadBody(readReplayWebhookRequest) body: { fromBlock: number },
  ): Promise<SubscriptionView> {
    return this.webhooks.replay(id, body.fromBlock, caller.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @AnyRole()
  @ApiOperation({ summary: 'Unsubscribe' })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'Unsubscribed' })
  remove(@CurrentCaller() caller: Caller, @SubscriptionId() id: string): Promise<void> {
    return this.webhooks.remove(id, caller.name);
  }
}
