/**
 * Images attached to a comment, which Gitea and Forgejo serve (GitHub's REST API has no upload
 * for comment images): list, upload (multipart field `attachment`, `?name=`) and delete under
 * `/repos/{owner}/{repo}/issues/comments/{id}/assets` (Gitea's routers/api/v1/repo/
 * issue_comment_attachment.go). The card embeds the returned `browser_download_url`.
 */
import { ReviewApiError } from './review-api.ts';

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
  const call = async (
    name: string,
    path: string,
    init: RequestInit,
    expect: number,
  ): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${base}/${path}`, {
        ...init,
        headers: { authorization: `token ${options.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new ReviewApiError(name, 0, (error as Error).message);
    }
    const text = await response.text();
    if (response.status !== expect) {
      throw new ReviewApiError(name, response.status, text.slice(0, 200));
    }
    return text === '' ? undefined : JSON.parse(text);
  };
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
