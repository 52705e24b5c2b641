import { Module } from '@nestjs/common';
import { SweepEventsService } from './sweep-events.service';

@Module({ providers: [SweepEventsService], exports: [SweepEventsService] })
export class EventsModule {}
