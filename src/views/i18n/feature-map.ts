import { featureMap as en } from './en/feature-map.ts';
import type { Localized } from './messages.ts';
import { featureMap as zh } from './zh/feature-map.ts';

export const featureMapText: Localized<typeof en> = { en, zh };
