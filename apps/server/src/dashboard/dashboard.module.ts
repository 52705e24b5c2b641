/**
 * Serves the built dashboard (dist/dashboard, from `npm run build:dashboard`) at `/`; /api stays
 * with the controllers. The dashboard uses hash routes (#/sweeps/ID), so index.html and its
 * assets are all it needs.
 */
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { packageRoot } from '../common/package-root';

export const dashboardRoot = join(packageRoot(), 'dist', 'dashboard');

@Module({
  imports: [ServeStaticModule.forRoot({ rootPath: dashboardRoot, exclude: ['/api/{*path}'] })],
})
export class DashboardModule {}
