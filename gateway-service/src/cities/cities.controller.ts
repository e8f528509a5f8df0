import { Controller, Get, HttpStatus, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiProperty, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/public.decorator';
import { GatewayConfig } from '../config/configuration';

class CityDto {
  @ApiProperty({ example: 'FoshanMSP' })
  mspId!: string;

  @ApiProperty({ example: '佛山', description: 'The display name (TONGBAN_CITY_NAMES), or the MSP ID when none is set' })
  name!: string;
}

class CitiesDto {
  @ApiProperty({ type: CityDto, description: 'This gateway’s city' })
  self!: CityDto;

  @ApiProperty({ type: [CityDto], description: 'The cities this gateway reaches as partners' })
  partners!: CityDto[];
}

/** Which city this gateway is, and which it works with: what the console shows and offers. Public: no personal data. */
@ApiTags('public')
@Public()
@Controller('public/cities')
export class CitiesController {
  private readonly cities: CitiesDto;

  constructor(config: ConfigService) {
    const gateway = config.get<GatewayConfig>('gateway') as GatewayConfig;
    const city = (mspId: string) => ({ mspId, name: gateway.cityNames[mspId] ?? mspId });
    this.cities = { self: city(gateway.mspId), partners: Object.keys(gateway.partnerGateways).sort().map(city) };
  }

  @Get()
  @ApiOperation({ summary: 'This gateway’s city and its partner cities, with their display names' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The cities', type: CitiesDto })
  list(): CitiesDto {
    return this.cities;
  }
}

@Module({ controllers: [CitiesController] })
export class CitiesModule {}
