/**
 * Images attached to a comment, which Gitea and Forgejo serve (GitHub's REST API has no upload
 * for comment images): list, upload (multipart field `attachment`, `?name=`) and delete under
 * `/repos/{owner}/{repo}/issues/comments/{id}/assets` (Gitea's routers/api/v1/repo/
 * issue_comment_attachment.go). The card embeds the returned `browser_download_url`.
 */
import { httpRequest } from '../shared/http-client.ts';
import { FORGE_TIMEOUT_MS, ForgeApiError, forgeCall } from './forge-api.ts';

export interface CommentAttachment {
  id: number;
  name: string;
  url: string;
}

export interface CommentAttachments {
  list(commentId: number): Promise<CommentAttachment[]>;
  upload(commentId: number, name: string, png: Uint8Array): Promise<CommentAttachment>;
  remove(commentId: number, attachmentId: number): Promise<void>;
}

export function forgeCommentAttachments(options: {
  token: string;
  apiUrl: string;
  repository: string;
}): CommentAttachments {
  const base = `${options.apiUrl.replace(/\/$/, '')}/repos/${options.repository}/issues/comments`;
  // An upload is sent once: one that reached the forge before a 502 would be attached twice.
  const call = (
    name: string,
    path: string,
    init: { method: string; body?: FormData },
    expect: number,
  ): Promise<unknown> =>
    forgeCall(name, async () => {
      const response = await httpRequest({
        ...init,
        url: `${base}/${path}`,
        headers: { authorization: `token ${options.token}` },
        timeoutMs: FORGE_TIMEOUT_MS,
        attempts: init.method === 'POST' ? 1 : 3,
      });
      if (response.status !== expect) {
        throw new ForgeApiError(name, response.status, response.text.slice(0, 200));
      }
      return response.json;
    });
  const view = (data: unknown): CommentAttachment => {
    const record = data as { id: number; name: string; browser_download_url: string };
    return { id: record.id, name: record.name, url: record.browser_download_url };
  };
  return {
    list: async (commentId) => {
      const data = await call(
        `list the images of comment ${String(commentId)}`,
        `${String(commentId)}/assets`,
        { method: 'GET' },
        200,
      );
      return Array.isArray(data) ? data.map(view) : [];
    },
    upload: async (commentId, name, png) => {
      const form = new FormData();
      form.append('attachment', new Blob([png], { type: 'image/png' }), name);
      const data = await call(
        `attach ${name} to comment ${String(commentId)}`,
        `${String(commentId)}/assets?name=${encodeURIComponent(name)}`,
        { method: 'POST', body: form },
        201,
      );
      return view(data);
    },
    remove: async (commentId, attachmentId) => {
      await call(
        `remove image ${String(attachmentId)} of comment ${String(commentId)}`,
        `${String(commentId)}/assets/${String(attachmentId)}`,
        { method: 'DELETE' },
        204,
      );
    },
  };
}
