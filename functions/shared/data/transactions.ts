import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** One action of a `TransactWriteItems` call (document-client shapes: plain JS values). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Why each action of a cancelled transaction failed, in the order the actions were sent. */
export interface CancellationReason {
  code: string;
  /** The item as it was, when the action asked for `ReturnValuesOnConditionCheckFailure: ALL_OLD`. */
  item?: Record<string, unknown>;
}

/** The per-action reasons of a cancelled transaction, or undefined when the error is something else. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => ({
    code: reason.Code ?? 'None',
    ...(reason.Item ? { item: unmarshall(reason.Item) } : {}),
  }));
}

/**
 * A conditional write lost: the item changed (or vanished) since it was read. `current` is the item as the
 * failed write found it, when DynamoDB returned it (a failed condition with ALL_OLD); otherwise unknown.
 */
export class WriteConflict<T = unknown> extends Error {
  constructor(
    readonly current?: T,
    message = 'the item changed since it was read',
  ) {
    super(message);
    this.name = 'WriteConflict';
  }
}
