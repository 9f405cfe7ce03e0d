/**
 * The SDK floor (bundled with the functions' options by bench/bundles.ts, never deployed): the DynamoDB
 * document client alone, constructed as functions/shared/data/dynamodb-client.ts constructs it, and one
 * consistent GetItem (`floorHandler` with no hook, the same code the section 7 variants start from). Every
 * function that touches data pays at least this on a cold start.
 */
import { floorHandler } from './observed-client';

export const handler = floorHandler();
