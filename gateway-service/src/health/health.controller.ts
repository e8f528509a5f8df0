import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import { Public } from '../common/auth/public.decorator';
import { asApiError } from '../common/problem.filter';
import { Ledger } from '../fabric/ledger';
import { ProblemResponses } from '../openapi/responses';

class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

class ReadinessDto {
  @ApiProperty({ enum: ['ready'] })
  status!: 'ready';

  @ApiProperty({ example: 'HaidianMSP' })
  mspId!: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly ledger: Ledger) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The process answers', type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** Readiness: the peer answers and the chaincode runs (a catalogue read through the peer). */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the peer and the chaincode answer' })
  @ApiResponse({ status: HttpStatus.OK, description: "The city's peer and chaincode answer", type: ReadinessDto })
  @ProblemResponses(HttpStatus.SERVICE_UNAVAILABLE)
  async ready(): Promise<ReadinessDto> {
    try {
      await this.ledger.evaluate(this.ledger.readerRole, 'Catalogue:ListCatalogue', this.ledger.mspId);
    } catch (error) {
      const { code, detail } = asApiError(error);
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'NOT_READY', `the peer or chaincode does not answer (${code}: ${detail})`, {
        retryAfterSeconds: 5,
      });
    }
    return { status: 'ready', mspId: this.ledger.mspId };
  }
}
