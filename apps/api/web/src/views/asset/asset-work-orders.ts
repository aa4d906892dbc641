import type { WorkOrderList } from '../../../../src/schemas/route-schemas.js';
import type { ApiClient } from '../../api-client.js';
import { errorMessage } from '../../api-client.js';
import { card } from '../../widgets.js';
import { createWorkOrderTable } from '../maintenance/work-order-table.js';

/** The asset page's work orders (active and past, most urgent first), with the work list's actions. */
export function createAssetWorkOrders(
  api: ApiClient,
  assetId: string,
): { readonly element: HTMLElement; load(): Promise<void> } {
  const load = async (): Promise<void> => {
    try {
      const list = await api.get<WorkOrderList>('/api/v1/work-orders', { assetId, state: 'all', limit: 50 });
      if (!work.isBusy()) work.render(list.items);
    } catch (err: unknown) {
      work.fail(`Work orders could not be loaded: ${errorMessage(err)}`);
    }
  };
  const work = createWorkOrderTable(api, 'asset-work-orders', 'No work orders for this asset.', load);
  return { element: card('Work orders', 'Open, planned and past work on this asset', work.element), load };
}
