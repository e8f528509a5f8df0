import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { CreateWebhookDto, ReplayWebhookDto } from './webhooks.dto';
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
  create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookDto): Promise<Subscription> {
    return this.webhooks.create(body, caller.name);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "The caller's subscriptions (each belongs to the API key that made it)" })
  list(@CurrentCaller() caller: Caller): Omit<SubscriptionView, 'deliveries'>[] {
    return this.webhooks.list(caller.name);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A subscription with its delivery log (last 100 attempts)' })
  get(@CurrentCaller() caller: Caller, @SubscriptionId() id: string): SubscriptionView {
    return this.webhooks.get(id, caller.name);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({ summary: 'Deliver again every matching event from a block on' })
  replay(@CurrentCaller() caller: Caller, @SubscriptionId() id: string, @Body() body: ReplayWebhookDto): Promise<SubscriptionView> {
    return this.webhooks.replay(id, body.fromBlock, caller.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @AnyRole()
  @ApiOperation({ summary: 'Unsubscribe' })
  remove(@CurrentCaller() caller: Caller, @SubscriptionId() id: string): Promise<void> {
    return this.webhooks.remove(id, caller.name);
  }
}
