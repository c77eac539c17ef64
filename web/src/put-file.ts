import { ApiProblem } from './api';
import type { UploadTicket } from './api-types';

/** S3 answers errors in XML (`<Code>`, `<Message>`): shown as a problem like the API's own. */
function storageProblem(status: number, body: string): ApiProblem {
  const text = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body)?.[1];
  return new ApiProblem({
    type: 'about:blank',
    title: text('Code') ?? 'Upload refused',
    status,
    detail:
      text('Message') ?? (status === 0 ? 'The upload could not reach the file store' : body.slice(0, 200)),
  });
}

/**
 * PUTs `file` to its presigned URL with the headers it was signed for. XMLHttpRequest, not fetch: only it
 * reports upload progress, which `onProgress` receives as bytes sent and total.
 */
export function putFile(
  ticket: UploadTicket,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.requiredHeaders)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () =>
      request.status >= 200 && request.status < 300
        ? resolve()
        : reject(storageProblem(request.status, request.responseText));
    request.onerror = () => reject(storageProblem(0, ''));
    request.send(file);
  });
}
