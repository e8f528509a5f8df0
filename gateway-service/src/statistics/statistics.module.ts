import { Module } from '@nestjs/common';
import { dataStoreProvider } from '../common/data-store';
import { EventsModule } from '../events/events.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsFollower } from './statistics-follower.service';
import { StatisticsStore } from './statistics-store';
import { StatisticsService } from './statistics.service';

/** Statistics per month, city pair and service item, kept from the event log in the gateway's data folder. */
@Module({
  imports: [EventsModule],
  controllers: [StatisticsController],
  providers: [dataStoreProvider(StatisticsStore, 'statistics'), StatisticsFollower, StatisticsService],
})
export class StatisticsModule {}
