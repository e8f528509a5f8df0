import { Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { ReadBody } from '../common/validation';
import { PublishServiceItemDto, PublishServiceItemRequest, readPublishServiceItemRequest } from './catalogue.dto';
import { CatalogueService } from './catalogue.service';
import { LedgerResponse } from '../openapi/responses';

@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get(':ownerMsp/items')
  @AnyRole()
  @ApiOperation({ summary: "A city's service catalogue" })
  @LedgerResponse('Catalogue:ListCatalogue', 'The service items')
  list(@CurrentCaller() caller: Caller, @IdentifierParam('ownerMsp') ownerMsp: string): Promise<unknown[]> {
    return this.catalogue.list(caller.role, ownerMsp);
  }

  @Get(':ownerMsp/items/:code')
  @AnyRole()
  @ApiOperation({ summary: 'One service item' })
  @LedgerResponse('Catalogue:GetServiceItem', 'The service item')
  get(@CurrentCaller() caller: Caller, @IdentifierParam('ownerMsp') ownerMsp: string, @IdentifierParam('code') code: string): Promise<unknown> {
    return this.catalogue.get(caller.role, ownerMsp, code);
  }

  @Put(':ownerMsp/items/:code')
  @Roles('admin')
  @ApiOperation({ summary: "Publish (or republish) an item of this city's catalogue" })
  @LedgerResponse('Catalogue:PublishServiceItem', 'The item as published, with its new version')
  @ApiBody({ type: PublishServiceItemDto })
  publish(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('ownerMsp') ownerMsp: string,
    @IdentifierParam('code') code: string,
    @ReadBody(readPublishServiceItemRequest) item: PublishServiceItemRequest,
  ): Promise<unknown> {
    return this.catalogue.publish(caller, ownerMsp, code, item);
  }
}
