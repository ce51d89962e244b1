import type { StateCreator } from 'zustand';
import type { TransferView } from '../../src-shared/contract';
import type { Store } from './store';

/** Transfers by id, in the order they were queued. Updates arrive at most ~10 times a second each. */
export interface TransfersSlice {
  transfers: Record<string, TransferView>;
  transferOrder: string[];
  applyTransfer(view: TransferView): void;
  dropFinishedTransfers(): void;
}

export const createTransfersSlice: StateCreator<Store, [], [], TransfersSlice> = (set) => ({
  transfers: {},
  transferOrder: [],
  applyTransfer: (view) =>
    set((s) => ({
      transfers: { ...s.transfers, [view.transferId]: view },
      transferOrder: s.transfers[view.transferId] ? s.transferOrder : [...s.transferOrder, view.transferId],
    })),
  dropFinishedTransfers: () =>
    set((s) => {
      // As main's clearFinished: done, skipped and cancelled go; what still holds work or an error stays.
      const keep = s.transferOrder.filter((id) => !['done', 'skipped', 'cancelled'].includes(s.transfers[id]?.state ?? 'done'));
      return { transferOrder: keep, transfers: Object.fromEntries(keep.map((id) => [id, s.transfers[id]!])) };
    }),
});
