import { dashboards as en } from './en/dashboards.ts';
import type { Localized } from './messages.ts';
import { dashboards as zh } from './zh/dashboards.ts';

export const dashboardsText: Localized<typeof en> = { en, zh };
