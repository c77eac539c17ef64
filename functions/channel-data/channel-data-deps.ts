import { channelDataSettings, loadSettings } from '../shared/config';
import { createChannelDataDeps } from './create-channel-data-deps';

/** Built once per Lambda container: everything the channel-data functions use. */
export const channelData = createChannelDataDeps(loadSettings(channelDataSettings));
