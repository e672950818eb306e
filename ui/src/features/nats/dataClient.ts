import type {
  Frame,
  NatsBrowsePage,
  NatsBrowseRequest,
  NatsKvEntryView,
  NatsKvWatchEntry,
  NatsObjectContent,
  NatsObjectTransfer,
  NatsObjectView,
  NatsPublishRequest,
  NatsReply,
} from "../../bindings/wire";
import { subscribe, type Subscription } from "../../ipc/subscribe";
import { call } from "../../ipc/call";

/** Typed wrappers for the data-browser commands (src-tauri/src/commands/nats_data*.rs). */
export const natsData = {
  kvWatch: (profileId: string, bucket: string, onFrame: (f: Frame<NatsKvWatchEntry>) => void): Promise<Subscription> =>
    subscribe<NatsKvWatchEntry>("nats_kv_watch", { profileId, bucket }, onFrame),
  kvHistory: (profileId: string, bucket: string, key: string) =>
    call<NatsKvEntryView[]>("nats_kv_history", { profileId, bucket, key }),
  kvPut: (profileId: string, bucket: string, key: string, valueB64: string) =>
    call<number>("nats_kv_put", { profileId, bucket, key, valueB64 }),
  kvDelete: (profileId: string, bucket: string, key: string) => call<number>("nats_kv_delete", { profileId, bucket, key }),
  objectList: (profileId: string, bucket: string) => call<NatsObjectView[]>("nats_object_list", { profileId, bucket }),
  objectRead: (profileId: string, bucket: string, name: string) =>
    call<NatsObjectContent>("nats_object_read", { profileId, bucket, name }),
  objectDownload: (profileId: string, bucket: string, name: string, path: string) =>
    call<NatsObjectTransfer>("nats_object_download", { profileId, bucket, name, path }),
  objectUpload: (profileId: string, bucket: string, name: string, path: string) =>
    call<NatsObjectTransfer>("nats_object_upload", { profileId, bucket, name, path }),
  objectDelete: (profileId: string, bucket: string, name: string) =>
    call<null>("nats_object_delete", { profileId, bucket, name }),
  browse: (profileId: string, request: NatsBrowseRequest) => call<NatsBrowsePage>("nats_browse", { profileId, request }),
  request: (profileId: string, request: NatsPublishRequest, timeoutMs: number) =>
    call<NatsReply>("nats_request", { profileId, request, timeoutMs }),
};
