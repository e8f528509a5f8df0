import { Object as DataType, Property } from 'fabric-contract-api';
import { ResultType } from '../domain';

/** One material an applicant must (or may) hand in for a service item. */
@DataType()
export class RequiredMaterial {
  @Property('name', 'string')
  name = '';

  @Property('mandatory', 'boolean')
  mandatory = true;
}

/** A service item (事项) of one city's catalogue. */
@DataType()
export class ServiceItem {
  @Property('code', 'string')
  code = '';

  @Property('ownerMsp', 'string')
  ownerMsp = '';

  @Property('name', 'string')
  name = '';

  @Property('materials', 'RequiredMaterial[]')
  materials: RequiredMaterial[] = [];

  /** 承诺时限: calendar days the owning city promises from acceptance to decision. */
  @Property('promisedDays', 'number')
  promisedDays = 0;

  @Property('resultType', 'string')
  resultType: ResultType = 'licence';

  /** Starts at 1 and grows with every change the owner publishes. */
  @Property('version', 'number')
  version = 0;

  @Property('updatedAt', 'string')
  updatedAt = '';

  @Property('updatedTxId', 'string')
  updatedTxId = '';
}
