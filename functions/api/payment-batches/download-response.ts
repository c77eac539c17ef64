import type { ApiResponse } from '../../shared/http/response';

/** A file answered as a download (bank file, remittance advice) rather than JSON. */
export function downloadResponse(contentType: string, fileName: string, body: string): ApiResponse {
  return {
    statusCode: 200,
    headers: {
      'content-type': `${contentType}; charset=utf-8`,
      'content-disposition': `attachment; filename="${fileName}"`,
    },
    body,
  };
}
