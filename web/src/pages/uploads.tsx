import { useCallback, useEffect, useState } from 'preact/hooks';
import { callApi, downloadFromApi, segment } from '../api';
import type {
  ChannelFile,
  ChannelFileStatus,
  Page,
  Problem,
  RejectedLine,
  UploadRequest,
  UploadTicket,
} from '../api-types';
import { DataTable, ProblemView, problemOf, Show, useApiGet } from '../components';
import { formatQuantity } from '../money';
import { MorePages, usePages } from '../paging';
import { putFile } from '../put-file';
import { href } from '../router';
import type { Session } from '../session';

const kinds: Record<UploadRequest['kind'], string> = {
  pos: 'Sales (point of sale)',
  inventory: 'Inventory on hand',
  shipAndDebitClaim: 'Ship & debit claim',
};

/** The kinds this form uploads; a claim file also needs its claim number and currency (sent through the API). */
const formKinds = Object.entries(kinds).filter(([kind]) => kind !== 'shipAndDebitClaim');

/** The formats a partner picks from, as the media type the presigned PUT is signed for. */
const formats = {
  'text/csv': 'CSV',
  'text/tab-separated-values': 'Tab-separated (TSV)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook (XLSX)',
  'application/edi-x12': 'X12 EDI (852 / 867)',
} as const satisfies Partial<Record<UploadRequest['contentType'], string>>;
type Format = keyof typeof formats;

/** The format a file's name suggests, so the picker follows the file chosen. */
function formatOfName(name: string): Format | undefined {
  const extension = name.toLowerCase().split('.').pop();
  if (extension === 'csv') return 'text/csv';
  if (extension === 'tsv' || extension === 'tab') return 'text/tab-separated-values';
  if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (extension === 'edi' || extension === 'x12' || extension === 'txt') return 'application/edi-x12';
  return undefined;
}

const pendingStatuses: readonly ChannelFileStatus[] = ['awaiting_upload', 'received', 'processing'];

/** Every file status in words (a new status fails the typecheck here); the word is shown, not only a colour. */
const statusLabels: Record<ChannelFileStatus, string> = {
  awaiting_upload: 'awaiting upload',
  received: 'received',
  processing: 'processing',
  completed: 'completed',
  completed_with_rejections: 'completed with rejections',
  duplicate: 'duplicate',
  failed: 'failed',
};

const FileStatusBadge = ({ status }: { status: ChannelFileStatus }) => (
  <span class={`badge badge-file-${status}`}>{statusLabels[status]}</span>
);

/** GETs a file again every second until its status is final: the live status of an ingest. */
function useLiveFile(session: Session, fileId: string) {
  const [file, reload] = useApiGet<ChannelFile>(session, `/channel-files/${segment(fileId)}`);
  const [latest, setLatest] = useState<ChannelFile | undefined>();
  useEffect(() => setLatest(undefined), [fileId]);
  useEffect(() => {
    if (file.state === 'loaded') setLatest(file.data);
  }, [file]);
  const pending = latest !== undefined && pendingStatuses.includes(latest.status);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [latest, pending, reload]);
  // While polling, the last answer stays on screen instead of flickering to "loading".
  return latest ? ({ state: 'loaded', data: latest } as const) : file;
}

/** One row per reason: a line refused for two fields shows twice, each with its field. */
function RejectionTable({ lines }: { lines: readonly RejectedLine[] }) {
  return (
    <DataTable
      caption="Rejected lines: line, field and reason"
      testId="rejections"
      columns={[{ label: 'Line', num: true }, 'Field', 'Reason']}
    >
      {lines.flatMap((line) =>
        (line.reasons.length > 0 ? line.reasons : [{}]).map((reason, index) => (
          <tr key={`${line.sourceLineNumber}/${String(index)}`}>
            <th scope="row" class="num">
              {line.sourceLineNumber}
            </th>
            <td>{reason.field ?? '—'}</td>
            <td class="wrap">{reason.message ?? '—'}</td>
          </tr>
        )),
      )}
    </DataTable>
  );
}

function Rejections({ session, file }: { session: Session; file: ChannelFile }) {
  const path = `/channel-files/${segment(file.fileId)}/rejections`;
  const pages = usePages<RejectedLine>(session, `${path}?limit=100`);
  const [problem, setProblem] = useState<Problem | undefined>();
  const download = () =>
    downloadFromApi(session.token, `${path}?format=csv`, `rejections-${file.fileId}.csv`).catch((error) =>
      setProblem(problemOf(error)),
    );
  return (
    <section aria-labelledby="rejections-heading">
      <div class="inline-form">
        <h2 id="rejections-heading">Rejected lines</h2>
        <button type="button" class="secondary" onClick={download}>
          Download the rejection report (CSV)
        </button>
      </div>
      <Show loaded={pages.loaded} what="the rejected lines">
        {(lines) => <RejectionTable lines={lines} />}
      </Show>
      <MorePages pages={pages} what="rejected lines" />
      {problem && <ProblemView problem={problem} />}
    </section>
  );
}

/** A file's live status and counts, then its rejection report once ingest has finished (`onFinal` is told). */
function FileStatus({
  session,
  fileId,
  onFinal,
}: {
  session: Session;
  fileId: string;
  onFinal?: () => void;
}) {
  const file = useLiveFile(session, fileId);
  const final = file.state === 'loaded' && !pendingStatuses.includes(file.data.status);
  useEffect(() => {
    if (final) onFinal?.();
  }, [final, onFinal]);
  return (
    <Show loaded={file} what="the file">
      {(found) => {
        const pending = pendingStatuses.includes(found.status);
        return (
          <>
            <p>
              {kinds[found.kind]} file <strong>{found.fileName}</strong>{' '}
              <span class="muted">({found.fileId})</span>
            </p>
            <p role="status" data-testid="file-status">
              Status: <FileStatusBadge status={found.status} />
              {pending && ' — checking again every second…'}
            </p>
            {found.failureReason && <p class="problem">{found.failureReason}</p>}
            <dl class="figures" data-testid="file-counts">
              {(['lines', 'accepted', 'restated', 'unchanged', 'rejected'] as const).map((count) => (
                <div key={count}>
                  <dt>{count[0]?.toUpperCase() + count.slice(1)}</dt>
                  <dd>{formatQuantity(String(found.counts[count]))}</dd>
                </div>
              ))}
            </dl>
            {!pending && found.counts.rejected > 0 && <Rejections session={session} file={found} />}
          </>
        );
      }}
    </Show>
  );
}

/** One file's page (`#/files/<id>`): the same live status, reachable from the list or a bookmark. */
export function ChannelFileDetail({ session, fileId }: { session: Session; fileId: string }) {
  return (
    <>
      <h1>File {fileId}</h1>
      <p>
        <a href={href('upload')}>Back to uploads</a>
      </p>
      <FileStatus session={session} fileId={fileId} />
    </>
  );
}

function RecentFiles({ session, generation }: { session: Session; generation: number }) {
  const [files, reload] = useApiGet<Page<ChannelFile>>(session, '/channel-files?limit=20');
  useEffect(() => {
    if (generation > 0) reload();
  }, [generation, reload]);
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Your files</h2>
      <Show loaded={files} what="your files">
        {({ items }) =>
          items.length === 0 ? (
            <p>No file yet.</p>
          ) : (
            <DataTable
              caption="Your uploaded files and their status"
              columns={[
                'File',
                'Kind',
                'Status',
                { label: 'Lines', num: true },
                { label: 'Rejected', num: true },
              ]}
            >
              {items.map((file) => (
                <tr key={file.fileId}>
                  <th scope="row">
                    <a href={href('files', file.fileId)} title={file.fileId}>
                      {file.fileName}
                    </a>
                  </th>
                  <td>{kinds[file.kind]}</td>
                  <td>
                    <FileStatusBadge status={file.status} />
                  </td>
                  <td class="num">{formatQuantity(String(file.counts.lines))}</td>
                  <td class="num">{formatQuantity(String(file.counts.rejected))}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
    </section>
  );
}

type Progress = { readonly sent: number; readonly total: number };

/**
 * Partner upload: pick the kind, format and file; the API signs a PUT for exactly that type and size, the
 * browser sends the bytes straight to the file store (progress shown), and the ingest's status is followed live.
 */
export function Upload({ session }: { session: Session }) {
  const [format, setFormat] = useState<Format>('text/csv');
  const [progress, setProgress] = useState<Progress | undefined>();
  const [uploaded, setUploaded] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [generation, setGeneration] = useState(0);
  const busy = progress !== undefined && uploaded === undefined && problem === undefined;
  const refreshFiles = useCallback(() => setGeneration((value) => value + 1), []);

  const upload = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setProblem({
        type: 'about:blank',
        title: 'No file',
        status: 0,
        detail: 'Choose a file that is not empty.',
        errors: [{ path: 'file', message: 'choose a file to upload' }],
      });
      return;
    }
    setProblem(undefined);
    setUploaded(undefined);
    setProgress({ sent: 0, total: file.size });
    try {
      const request: UploadRequest = {
        kind: String(data.get('kind')) as UploadRequest['kind'],
        fileName: file.name,
        contentType: format,
        sizeBytes: file.size,
      };
      const ticket = await callApi<UploadTicket>(session.token, 'POST', '/uploads', request);
      await putFile(ticket, file, (sent, total) => setProgress({ sent, total }));
      setUploaded(ticket.file.fileId);
      refreshFiles();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const percent = progress && progress.total > 0 ? Math.floor((progress.sent * 100) / progress.total) : 0;
  return (
    <>
      <h1>Upload a file</h1>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void upload(event.currentTarget);
        }}
      >
        <label for="upload-kind">What the file reports</label>
        <select id="upload-kind" name="kind">
          {formKinds.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        <label for="upload-format">Format</label>
        <select
          id="upload-format"
          name="format"
          value={format}
          onChange={(event) => setFormat(event.currentTarget.value as Format)}
        >
          {Object.entries(formats).map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </select>
        <label for="upload-file">File</label>
        <input
          id="upload-file"
          name="file"
          type="file"
          accept=".csv,.tsv,.tab,.txt,.xlsx,.edi,.x12"
          required
          onChange={(event) => {
            const chosen = event.currentTarget.files?.[0];
            const suggested = chosen && formatOfName(chosen.name);
            if (suggested) setFormat(suggested);
          }}
        />
        <button type="submit" disabled={busy}>
          Upload
        </button>
      </form>
      {progress && (
        <div class="upload-progress">
          <div
            class="bar"
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent} % (${progress.sent} of ${progress.total} bytes)`}
          >
            <div class="bar-fill" style={{ width: `${percent}%` }} />
          </div>
          <p class="muted">
            {uploaded ? 'Sent' : 'Sending'}: {formatQuantity(String(progress.sent))} of{' '}
            {formatQuantity(String(progress.total))} bytes ({percent} %)
          </p>
        </div>
      )}
      {problem && <ProblemView problem={problem} />}
      {uploaded && (
        <section aria-labelledby="uploaded-heading">
          <h2 id="uploaded-heading">
            <a href={href('files', uploaded)}>The file you sent</a>
          </h2>
          <FileStatus session={session} fileId={uploaded} onFinal={refreshFiles} />
        </section>
      )}
      <RecentFiles session={session} generation={generation} />
    </>
  );
}
