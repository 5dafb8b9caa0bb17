import { MAX_IMAGES, MAX_UPLOAD_BYTES } from '../../utils/api/limits';
import { randomId } from '../../utils/sample/timeline';
import {
  isCaptionName,
  isImageName,
  isJsonCaptionName,
  sniffImageType,
  stemOf,
} from '../../utils/studio/rules';
import { listZip } from '../../utils/studio/zip';
import { parseJsonCaption } from '../../utils/views/captions';
import type { FakeAccount, FakeDataset, FakeDatasetFile } from './model';
import type { FakeReply, FakeRequest } from './request';
import { badRequest, json } from './validation';

// `POST /datasets/{id}/upload_assets` as Ideogram documents it (2026-10-07): images, `.txt` and
// `.json` caption sidecars matched by stem (each an entry of its own in the answer), ZIPs of them
// (listed, never decompressed), each file taken or failed with its documented `failure_reason`.

/** A file an upload brings: a part sent as is, or an entry listed in a sent ZIP. */
interface Incoming {
  name: string;
  size: number;
  /** Its bytes when sent as is; null inside a ZIP, whose entries are not decompressed. */
  bytes: Uint8Array | null;
  /** The ZIP it came in. */
  zip: string | null;
}

interface FailedAsset {
  file_name: string;
  failure_reason: string;
}

/** The `files` parts of an upload. Refused when it is not multipart, or brings no files. */
function uploadedFiles(request: FakeRequest): { filename: string; data: Uint8Array }[] {
  if (request.form === undefined) throw badRequest('files', 'must be sent as multipart/form-data');
  if (request.form === 'malformed') throw badRequest('body', 'is not valid multipart/form-data');
  const files = request.form.filter((part) => part.name === 'files');
  if (files.length === 0) throw badRequest('files', 'is required: one or more files');
  return files.map(({ filename, data }) => {
    if (filename === null) throw badRequest('files', 'must be files, not text fields');
    return { filename, data };
  });
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const isZipName = (name: string) => /\.zip$/i.test(name);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A caption's text, trimmed (editors end files with a newline); null when it is not UTF-8 text.
 * A caption inside a ZIP is not decompressed, so the fake stores a stand-in saying where it was.
 */
function captionText(file: Incoming): string | null {
  if (file.bytes === null) return file.size === 0 ? '' : `(caption ${file.name} in ${file.zip})`;
  try {
    return strictUtf8.decode(file.bytes).trim();
  } catch {
    return null;
  }
}

/** Why an image cannot join the dataset, checked in the order the service would find out. */
function imageProblem(file: Incoming, dataset: FakeDataset): string | null {
  if (!isImageName(file.name)) return 'INVALID_IMAGE';
  if (file.size > MAX_UPLOAD_BYTES) return 'FILE_TOO_LARGE';
  // A ZIP's entries are not decompressed: their extension is taken at its word.
  if (file.bytes !== null && sniffImageType(file.bytes) === null) return 'INVALID_IMAGE';
  if (dataset.files.length >= MAX_IMAGES) return 'TOO_MANY_IMAGES';
  return null;
}

/**
 * Adds what an upload brings to a dataset. The counts are of failed_assets and
 * successful_assets as sent: images, plus any caption, ZIP or other file that failed (so that
 * failure_count is failed_assets.length). A caption that succeeds is part of its image.
 */
export function uploadAssets(
  account: FakeAccount,
  dataset: FakeDataset,
  request: FakeRequest,
): FakeReply {
  const sent = uploadedFiles(request);
  const failed: FailedAsset[] = [];
  const fail = (file_name: string, failure_reason: string) => {
    failed.push({ file_name, failure_reason });
  };
  /** The reason an injected failure gives a file, if one does. */
  const injected = (name: string) =>
    account.uploadFailures && Object.hasOwn(account.uploadFailures, name)
      ? account.uploadFailures[name]
      : undefined;

  /** What one sent file brings: itself, or the entries of its ZIP. Failures are reported here. */
  const unpack = ({ filename: name, data }: { filename: string; data: Uint8Array }): Incoming[] => {
    const failure = injected(name);
    if (failure !== undefined) {
      fail(name, failure);
      return [];
    }
    if (!isZipName(name)) return [{ name, size: data.length, bytes: data, zip: null }];
    let entries;
    try {
      entries = listZip(data);
    } catch {
      fail(name, 'INVALID_ZIP');
      return [];
    }
    // Entries are known by their own names, without the folders they sit in.
    return entries.flatMap((entry): Incoming[] => {
      const inner = baseName(entry.name);
      const innerFailure = injected(inner);
      if (innerFailure === undefined) {
        return [{ name: inner, size: entry.size, bytes: null, zip: name }];
      }
      fail(inner, innerFailure);
      return [];
    });
  };

  const incoming = sent.flatMap(unpack);
  // A caption is a sidecar: one whose image is not in the same request has nothing to caption,
  // and fails INVALID_CAPTION as one that is not text does (the docs name no other use for that
  // reason). An empty caption is fine: no caption. The caption of an image that fails goes with
  // it, unreported: the image's failure says it all.
  const imageStems = new Set(
    incoming.filter((f) => isImageName(f.name)).map((f) => stemOf(f.name)),
  );
  const captions = new Map<string, { name: string; text: string }>();
  for (const file of incoming.filter((f) => isCaptionName(f.name))) {
    const text = captionText(file);
    if (text === null || !imageStems.has(stemOf(file.name))) fail(file.name, 'INVALID_CAPTION');
    else if (
      isJsonCaptionName(file.name) &&
      file.bytes !== null &&
      parseJsonCaption(text) === null
    ) {
      fail(file.name, 'INVALID_CAPTION_JSON');
    } else captions.set(stemOf(file.name), { name: file.name, text });
  }
  const successful = [];
  for (const file of incoming.filter((f) => !isCaptionName(f.name))) {
    const problem = imageProblem(file, dataset);
    if (problem !== null) {
      fail(file.name, problem);
      continue;
    }
    const added: FakeDatasetFile = { file_name: file.name, file_size_bytes: file.size };
    const caption = captions.get(stemOf(file.name));
    if (caption?.text) added.caption = caption.text;
    dataset.files.push(added);
    const asset_identifier = { asset_type: 'UPLOAD', asset_id: randomId() };
    successful.push({ asset_identifier, file_name: file.name });
    // A sidecar is an entry of its own, pointing to the image it captions.
    if (caption) successful.push({ asset_identifier, file_name: caption.name });
  }
  return json(200, {
    total_count: successful.length + failed.length,
    success_count: successful.length,
    failure_count: failed.length,
    successful_assets: successful,
    failed_assets: failed,
  });
}
