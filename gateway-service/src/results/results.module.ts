import { Module } from '@nestjs/common';
import { ResultImportService } from './import/result-import.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Module({ controllers: [ResultsController], providers: [ResultsService, ResultImportService], exports: [ResultsService] })
export class ResultsModule {}
