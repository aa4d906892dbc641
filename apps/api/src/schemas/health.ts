import { Type } from '@sinclair/typebox';
import { nullableInteger } from './common.js';

export const HealthSchema = Type.Object({ status: Type.Literal('ok'), uptimeS: Type.Number() });
export const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  activeModelId: nullableInteger(),
});
