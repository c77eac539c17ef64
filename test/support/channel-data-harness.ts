import { PutObjectCommand } from '@aws-sdk/client-s3';
import { requestUpload } from '../../domain/channel-files/request-upload';
import { createCatalogRecord } from '../../domain/master-data/catalog-use-cases';
import { createPartner } from '../../domain/partners/create-partner';
import { productCatalog } from '../../domain/products/catalog';
import { createS3Client } from '../../functions/adapters/s3-client';
import { createChannelDataDeps } from '../../functions/channel-data/create-channel-data-deps';
import { LocalEventBus } from '../../infra/local/event-bus';
import { localRegion } from '../../infra/local/intrinsics';
import { freePort } from '../../infra/local/preflight';
import { startS3Local } from '../../infra/local/s3-local';
import { admin, partnerUser } from './actors';
import { partnerData, productData } from './master-data-fixtures';
import { createTestTable, type TableTarget } from './test-table';

export const testBucket = 'uploads-test';

/**
 * Real adapters against DynamoDB Local, s3rver and the local event bus, with one partner (P-1) and three
 * products (SW-1 with a 12-each case, SW-2, CB-1) seeded, for ingest integration tests.
 */
export async function startChannelDataHarness(target?: TableTarget) {
  const tableName = await createTestTable(target);
  // Versioned, as the uploads bucket is on AWS.
  const s3 = await startS3Local(await freePort(), [testBucket], undefined, [testBucket]);
  const eventBus = new LocalEventBus();
  const events = await eventBus.serve(await freePort());
  const settings = {
    TABLE_NAME: tableName,
    AWS_REGION: localRegion,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
    UPLOADS_BUCKET: testBucket,
    EVENT_BUS_NAME: 'chrm',
    S3_ENDPOINT: s3.endpoint,
    EVENTS_ENDPOINT: events.endpoint,
  };
  Object.assign(process.env, settings);
  const deps = createChannelDataDeps(settings);
  await createPartner(deps, admin, partnerData('P-1'));
  await createPartner(deps, admin, partnerData('P-2'));
  const { masterDataStores } = await import('../../functions/adapters/master-data-stores');
  const { createDocumentClient } = await import('../../functions/adapters/dynamo-client');
  const products = productCatalog(
    masterDataStores(createDocumentClient(settings), tableName).products,
    deps.clock,
  );
  for (const product of [
    productData('SW-1'),
    productData('SW-2'),
    productData('CB-1', { category: 'CABLES' }),
  ]) {
    await createCatalogRecord(products, admin, product);
  }
  const s3Client = createS3Client({ region: localRegion, endpoint: s3.endpoint });

  /** Announces and uploads a file as partner `partnerId`, returning its file id. */
  async function upload(
    content: string | Buffer,
    options: { partnerId?: string; kind?: 'pos' | 'inventory'; fileName?: string } = {},
  ) {
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    const ticket = await requestUpload(deps, partnerUser(options.partnerId ?? 'P-1'), {
      kind: options.kind ?? 'pos',
      fileName: options.fileName ?? 'report.csv',
      contentType: 'text/csv',
      sizeBytes: body.length,
    });
    await putObject(ticket.file.objectKey, body);
    return ticket.file.fileId;
  }

  /** PUTs `body` at `key` (again, when a partner re-uses an upload URL); answers the new version's id. */
  async function putObject(key: string, body: string | Buffer) {
    const put = await s3Client.send(
      new PutObjectCommand({ Bucket: testBucket, Key: key, Body: body, ContentType: 'text/csv' }),
    );
    return put.VersionId;
  }

  return {
    deps,
    settings,
    eventBus,
    upload,
    putObject,
    stop: async () => {
      s3Client.destroy();
      await events.close();
      await s3.stop();
    },
  };
}

export const posHeader =
  'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,end_customer_id';

/** A POS CSV of `count` valid lines (invoice INV-<n>, line 1), deterministic. */
export function posFile(count: number, firstInvoice = 1): string {
  const lines = Array.from({ length: count }, (_, index) => {
    const invoice = firstInvoice + index;
    return `INV-${invoice},1,2026-03-${String((invoice % 28) + 1).padStart(2, '0')},SW-${(invoice % 2) + 1},${(invoice % 7) + 1},EA,10.00,C-${invoice % 5}`;
  });
  return `${posHeader}\n${lines.join('\n')}\n`;
}
