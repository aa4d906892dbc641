import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readToolChanges } from '../read-model/tool-changes.js';
import {
  actOnWorkOrder,
  createManualWorkOrder,
  getWorkOrder,
  listWorkOrders,
} from '../read-model/work-orders.js';
import {
  ToolChangesQuerySchema,
  ToolChangesSchema,
  WorkOrderActionResultSchema,
  WorkOrderCreateBodySchema,
  WorkOrderDoneBodySchema,
  WorkOrderListQuerySchema,
  WorkOrderListSchema,
  WorkOrderNoteBodySchema,
  WorkOrderParamsSchema,
  WorkOrderPlanBodySchema,
  WorkOrderSchema,
} from '../schemas/work-orders.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/** Who acted on a work order, for its audit fields. */
const by = (request: { principal: { id: string } | null }): string => request.principal?.id ?? 'unknown';

const TAGS = ['work orders'];

/**
 * The maintenance work list (ADR 0045): list, one work order and the tool changes due (read scope); create by hand,
 * plan, done and cancel (admin scope, as the alert-episode actions). An illegal transition is a 409.
 */
export const workOrderRoutes: FastifyPluginAsyncTypebox<
  Pick<ApiV1Deps, 'pool' | 'now' | 'toolReplacementWearMin' | 'toolHorizonMs'>
> = async (app, deps) => {
  app.get(
    '/work-orders',
    {
      config: needs('read'),
      schema: {
        ...secured(TAGS),
        summary:
          'Work orders by state (active by default), asset, site and action; by priority, then due time',
        querystring: WorkOrderListQuerySchema,
        response: { 200: WorkOrderListSchema, ...errors },
      },
    },
    async (request) => listWorkOrders(deps.pool, request.query),
  );

  app.get(
    '/work-orders/:workOrderId',
    {
      config: needs('read'),
      schema: {
        ...secured(TAGS),
        summary: 'One work order',
        params: WorkOrderParamsSchema,
        response: { 200: WorkOrderSchema, ...errors },
      },
    },
    async (request) => getWorkOrder(deps.pool, request.params.workOrderId),
  );

  app.post(
    '/work-orders',
    {
      config: needs('admin'),
      schema: {
        ...secured(TAGS),
        summary:
          'Creates a work order by hand (admin scope); 409 when the asset has an active one for the action',
        body: WorkOrderCreateBodySchema,
        response: { 201: WorkOrderSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createManualWorkOrder(deps.pool, request.body, {
        nowMs: deps.now(),
        shiftMs: deps.toolHorizonMs,
      });
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/work-orders/:workOrderId/plan',
    {
      config: needs('admin'),
      schema: {
        ...secured(TAGS),
        summary: 'Plans an open (or re-plans a planned) work order: when and by whom (admin scope)',
        params: WorkOrderParamsSchema,
        body: WorkOrderPlanBodySchema,
        response: { 200: WorkOrderActionResultSchema, ...errors },
      },
    },
    async (request) =>
      actOnWorkOrder(
        deps.pool,
        request.params.workOrderId,
        {
          kind: 'plan',
          plannedFor: request.body.plannedFor ?? null,
          assignedTo: request.body.assignedTo ?? null,
          note: request.body.note ?? null,
        },
        deps.now(),
      ),
  );

  app.post(
    '/work-orders/:workOrderId/done',
    {
      config: needs('admin'),
      schema: {
        ...secured(TAGS),
        summary:
          'Records the work done (admin scope); a tool replacement resets the wear baseline and takes a spare part',
        params: WorkOrderParamsSchema,
        body: WorkOrderDoneBodySchema,
        response: { 200: WorkOrderActionResultSchema, ...errors },
      },
    },
    async (request) => {
      const nowMs = deps.now();
      return actOnWorkOrder(
        deps.pool,
        request.params.workOrderId,
        {
          kind: 'done',
          doneAt: request.body?.doneAt ?? nowMs,
          by: by(request),
          note: request.body?.note ?? null,
        },
        nowMs,
      );
    },
  );

  app.post(
    '/work-orders/:workOrderId/cancel',
    {
      config: needs('admin'),
      schema: {
        ...secured(TAGS),
        summary: 'Cancels an open or planned work order (admin scope)',
        params: WorkOrderParamsSchema,
        body: WorkOrderNoteBodySchema,
        response: { 200: WorkOrderActionResultSchema, ...errors },
      },
    },
    async (request) =>
      actOnWorkOrder(
        deps.pool,
        request.params.workOrderId,
        { kind: 'cancel', by: by(request), note: request.body?.note ?? null },
        deps.now(),
      ),
  );

  app.get(
    '/tool-changes',
    {
      config: needs('read'),
      schema: {
        ...secured(TAGS),
        summary:
          'Assets whose tool replacement falls due within the horizon (default one shift), soonest first',
        querystring: ToolChangesQuerySchema,
        response: { 200: ToolChangesSchema, ...errors },
      },
    },
    async (request) =>
      readToolChanges(deps.pool, {
        nowMs: deps.now(),
        withinMs: request.query.withinMs ?? deps.toolHorizonMs,
        replacementWearMin: deps.toolReplacementWearMin,
        ...(request.query.siteId === undefined ? {} : { siteId: request.query.siteId }),
      }),
  );
};
