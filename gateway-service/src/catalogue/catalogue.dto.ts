/** A published service item: read by the domain's readServiceItemFields, described here for the OpenAPI document. */
import { ApiProperty } from '@nestjs/swagger';
import {
  MATERIAL_NAME_RULE,
  NAME_RULE,
  Payload,
  PROMISED_DAYS_RULE,
  readServiceItemFields,
  REQUIRED_MATERIALS_RULE,
  RequiredMaterialInput,
  RESULT_TYPES,
  ResultType,
  SERVICE_ITEM_FIELDS,
  ServiceItemInput,
} from '@tongban/chaincode/domain';
import { IntegerProperty, ListProperty, StringProperty } from '../common/api-property';

/** What the owning city's admin sends to publish a service item (the code comes from the path). */
export type PublishServiceItemRequest = Omit<ServiceItemInput, 'code'>;

/** Reads a published item's body; a `code` in it is refused as unknown, as it comes from the path. */
export const readPublishServiceItemRequest = (body: Payload): PublishServiceItemRequest =>
  readServiceItemFields(
    body,
    SERVICE_ITEM_FIELDS.filter((field) => field !== 'code'),
  );

export class RequiredMaterialDto implements RequiredMaterialInput {
  @StringProperty(MATERIAL_NAME_RULE, { example: 'Application form' })
  name!: string;

  @ApiProperty({ example: true })
  mandatory!: boolean;
}

/** A service item (事项) as its owning city's admin publishes it; the code is in the URL. */
export class PublishServiceItemDto implements PublishServiceItemRequest {
  @StringProperty(NAME_RULE, { example: 'Food business licence' })
  name!: string;

  @ListProperty(REQUIRED_MATERIALS_RULE, RequiredMaterialDto)
  materials!: RequiredMaterialDto[];

  @IntegerProperty(PROMISED_DAYS_RULE, { example: 10, description: '承诺时限: days from acceptance to decision' })
  promisedDays!: number;

  @ApiProperty({ enum: RESULT_TYPES, enumName: 'ResultType', example: 'licence' })
  resultType!: ResultType;
}
