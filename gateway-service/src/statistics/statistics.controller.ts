import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/roles.decorator';
import { ReadQuery } from '../common/validation';
import { StatisticsReport } from './report';
import { csvOf } from './statistics-csv';
import { readStatisticsQuery, StatisticsQuery, StatisticsQueryDto, StatisticsReportDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

/** Figures per month, city pair and service item, kept from the chain's events. */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Cases received, forwarded, accepted, handled, refused and overdue, decision times and recognitions per month, city pair and item',
    description:
      "Counted from this gateway's log of the channel's events as they arrive, not read from the ledger per request. Months are UTC; " +
      'format=csv answers the same rows as text/csv, then a totals line.',
  })
  @ApiQuery({ type: StatisticsQueryDto })
  @ApiExtraModels(StatisticsReportDto)
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The rows and their totals',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StatisticsReportDto) } },
      'text/csv': { schema: { type: 'string', description: 'With format=csv: a header line, one line per row, then the totals' } },
    },
  })
  async report(
    @ReadQuery(readStatisticsQuery) query: StatisticsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StatisticsReport | string> {
    const { format, ...filter } = query;
    const report = await this.statistics.report(filter);
    if (format === 'json') return report;
    response.type('text/csv').attachment('statistics.csv');
    return csvOf(report);
  }
}
