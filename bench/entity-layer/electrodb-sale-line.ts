// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';
import { salesShardOf, shardOf } from '../../functions/adapters/table-keys/channel-lines';

const text = { type: 'string' } as const;
const requiredText = { type: 'string', required: true } as const;

/**
 * The sale line declared as an ElectroDB entity with the same table and index keys our key module builds
 * (templates with casing 'none'). ElectroDB composes keys only from attributes, so the month, the two shards
 * and the padded line number are derived attributes (`watch` + `set`), stored on the item beside ElectroDB's
 * own `__edb_e__` / `__edb_v__` markers.
 */
export const saleLineEntity = (client?: DynamoDBDocumentClient, table = 'chrm') =>
  new Entity(
    {
      model: { entity: 'SaleLine', version: '1', service: 'chrm' },
      attributes: {
        partnerId: requiredText,
        sourceFileId: requiredText,
        sourceLineNumber: { type: 'number', required: true },
        invoiceNumber: requiredText,
        invoiceLine: requiredText,
        invoiceDate: requiredText,
        shipDate: text,
        orderDate: text,
        sku: requiredText,
        partnerSku: text,
        category: requiredText,
        quantity: requiredText,
        uom: requiredText,
        reportedQuantity: requiredText,
        reportedUom: requiredText,
        unitPrice: text,
        extendedAmount: requiredText,
        currency: requiredText,
        endCustomerId: text,
        endCustomerName: text,
        billTo: text,
        shipTo: text,
        orderType: text,
        salesperson: text,
        warehouse: text,
        custom: { type: 'any' },
        type: { type: 'string', default: 'SaleLine' },
        version: { type: 'number', default: 1 },
        ingestOutcome: { type: 'string', default: 'accepted' },
        month: {
          type: 'string',
          watch: ['invoiceDate'],
          set: (_, line) => String(line.invoiceDate).slice(0, 7),
        },
        salesShard: {
          type: 'number',
          watch: ['invoiceNumber', 'invoiceLine'],
          set: (_, line) => salesShardOf(String(line.invoiceNumber), String(line.invoiceLine)),
        },
        fileShard: {
          type: 'number',
          watch: ['sourceLineNumber'],
          set: (_, line) => shardOf(String(line.sourceLineNumber)),
        },
        lineNumberKey: {
          type: 'string',
          watch: ['sourceLineNumber'],
          set: (_, line) => String(line.sourceLineNumber).padStart(10, '0'),
        },
      },
      indexes: {
        line: {
          pk: {
            field: 'pk',
            composite: ['partnerId', 'invoiceNumber'],
            template: 'SALE#${partnerId}#${invoiceNumber}',
            casing: 'none',
          },
          sk: { field: 'sk', composite: ['invoiceLine'], template: 'LINE#${invoiceLine}', casing: 'none' },
        },
        byPeriod: {
          index: 'gsi1',
          pk: {
            field: 'gsi1pk',
            composite: ['partnerId', 'month', 'salesShard'],
            template: 'SALES#${partnerId}#${month}#${salesShard}',
            casing: 'none',
          },
          sk: {
            field: 'gsi1sk',
            composite: ['invoiceDate', 'invoiceNumber', 'invoiceLine'],
            template: '${invoiceDate}#${invoiceNumber}#${invoiceLine}',
            casing: 'none',
          },
        },
        byProduct: {
          index: 'gsi2',
          pk: {
            field: 'gsi2pk',
            composite: ['partnerId', 'sku'],
            template: 'PRODUCTSALES#${partnerId}#${sku}',
            casing: 'none',
          },
          sk: {
            field: 'gsi2sk',
            composite: ['invoiceDate', 'invoiceNumber', 'invoiceLine'],
            template: '${invoiceDate}#${invoiceNumber}#${invoiceLine}',
            casing: 'none',
          },
        },
        byFile: {
          index: 'gsi3',
          pk: {
            field: 'gsi3pk',
            composite: ['sourceFileId', 'fileShard'],
            template: 'FILELINES#${sourceFileId}#${fileShard}',
            casing: 'none',
          },
          sk: { field: 'gsi3sk', composite: ['lineNumberKey'], template: '${lineNumberKey}', casing: 'none' },
        },
      },
    },
    client === undefined ? { table } : { client, table },
  );
