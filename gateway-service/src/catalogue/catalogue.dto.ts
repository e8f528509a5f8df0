import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export const RESULT_TYPES = ['licence', 'certificate', 'permit', 'filing', 'other'] as const;

export class RequiredMaterialDto {
  @ApiProperty({ example: 'Application form', maxLength: 128 })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  mandatory!: boolean;
}

/** A service item (事项) as its owning city's admin publishes it; the code is in the URL. */
export class PublishServiceItemDto {
  @ApiProperty({ example: 'Food business licence', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: [RequiredMaterialDto] })
  @ValidateNested({ each: true })
  @Type(() => RequiredMaterialDto)
  @ArrayMaxSize(50)
  materials!: RequiredMaterialDto[];

  @ApiProperty({ example: 10, description: '承诺时限: days from acceptance to decision', minimum: 1, maximum: 365 })
  @IsInt()
  @Min(1)
  @Max(365)
  promisedDays!: number;

  @ApiProperty({ enum: RESULT_TYPES, example: 'licence' })
  @IsIn(RESULT_TYPES)
  resultType!: (typeof RESULT_TYPES)[number];
}
