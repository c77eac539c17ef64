import { DynamoChannelQueries } from '../adapters/dynamo-channel-queries';
import { createDocumentClient } from '../adapters/dynamo-client';
import { loadSettings } from '../shared/config';
import { createFundDeps, fundSettings } from './create-fund-deps';

const settings = loadSettings(fundSettings);

/** Built once per Lambda container: everything the fund functions use. */
export const fundDeps = createFundDeps(settings);
/** The partners' POS lines, which the ROI view reads. */
export const fundChannelSales = new DynamoChannelQueries(createDocumentClient(settings), settings.TABLE_NAME);
