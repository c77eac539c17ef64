import { loadSettings } from '../shared/config';
import { attachmentSettings, createAttachmentDeps } from './ship-and-debit-deps';

/** Built once per Lambda container: what the attachment functions use. */
export const attachmentDeps = createAttachmentDeps(loadSettings(attachmentSettings));
