import { Module } from '@nestjs/common';
import { PublicVerificationController } from './public-verification.controller';
import { PublicVerificationService } from './public-verification.service';

@Module({ controllers: [PublicVerificationController], providers: [PublicVerificationService] })
export class PublicVerificationModule {}
