import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_OPTIONS, AppOptions } from './app-options';
import { ClockService } from './clock.service';

/** The app's options and the clock, available everywhere. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: APP_OPTIONS, useValue: options }, ClockService],
      exports: [APP_OPTIONS, ClockService],
    };
  }
}
